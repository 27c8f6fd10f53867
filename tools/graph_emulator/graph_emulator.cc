#include "tools/graph_emulator/graph_emulator.h"

#include <exception>
#include <optional>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "server/common/logger.h"
#include "tools/graph_emulator/batch.h"
#include "tools/graph_emulator/faults.h"
#include "tools/graph_emulator/graph_errors.h"
#include "tools/graph_emulator/handlers.h"
#include "tools/graph_emulator/router.h"
#include "tools/graph_emulator/throttle_response.h"

namespace guestinvitation::emulator {
namespace {

// A header value we may copy into our own headers and links: printable
// ASCII only, bounded, so nothing the caller sends can split a header.
bool Printable(const std::string& value, size_t max_size,
               absl::string_view extra_disallowed = "") {
  if (value.empty() || value.size() > max_size) return false;
  for (char c : value) {
    if (c <= 0x20 || c >= 0x7F) return false;
    if (extra_disallowed.find(c) != absl::string_view::npos) return false;
  }
  return true;
}

RequestContext MakeContext(EmulatorState& state, const ServerRequest& request,
                           absl::Time now, bool* target_ok) {
  RequestContext ctx;
  ctx.request = &request;
  ctx.method = absl::AsciiStrToUpper(request.method);
  ctx.now = now;
  ctx.request_id = state.ids.NewGuid();
  std::string client_id = request.Header("client-request-id");
  ctx.client_request_id =
      Printable(client_id, 128) ? client_id : state.ids.NewGuid();
  std::string host = request.Header("Host");
  ctx.base_url = Printable(host, 255, "/?#@\\\"'<>")
                     ? absl::StrCat("https://", host)
                     : state.config.graph_resource;
  std::optional<ParsedTarget> target = ParseTarget(request.target);
  *target_ok = target.has_value();
  if (target) {
    ctx.path = std::move(target->path);
    ctx.segments = std::move(target->segments);
    ctx.query = std::move(target->query);
  }
  return ctx;
}

ServerResponse NotFound(const RequestContext& ctx) {
  std::string segment = ctx.segments.empty() ? "/" : ctx.segments.back();
  return GraphError(
      ctx, 404, "UnknownError",
      absl::StrCat("Resource not found for the segment '", segment, "'."));
}

ServerResponse MethodNotAllowed(const RequestContext& ctx, const Route& route) {
  ServerResponse response =
      GraphError(ctx, 405, "Request_BadRequest",
                 "Specified HTTP method is not allowed for the request uri.");
  response.headers.emplace_back("Allow", absl::StrJoin(route.methods, ", "));
  return response;
}

ServerResponse DispatchUser(EmulatorState& state, const RequestContext& ctx,
                            const std::string& id) {
  if (ctx.method == "GET") return HandleGetUser(state, ctx, id);
  if (ctx.method == "PATCH") return HandlePatchUser(state, ctx, id);
  return HandleDeleteUser(state, ctx, id);
}

ServerResponse DispatchGroup(EmulatorState& state, const RequestContext& ctx,
                             const std::string& id) {
  if (ctx.method == "PATCH") return HandlePatchGroup(state, ctx, id, false);
  return HandleGetGroup(state, ctx, id);
}

ServerResponse DispatchMembers(EmulatorState& state, const RequestContext& ctx,
                               const std::string& id) {
  if (ctx.method == "POST") return HandlePatchGroup(state, ctx, id, true);
  return HandleListMembers(state, ctx, id);
}

ServerResponse DispatchDeletedItem(EmulatorState& state,
                                   const RequestContext& ctx,
                                   const std::string& id) {
  if (ctx.method == "DELETE") return HandlePurgeDeletedItem(state, ctx, id);
  return HandleGetDeletedItem(state, ctx, id);
}

ServerResponse ServeGraph(EmulatorState& state, RequestContext& ctx,
                          const Route& route);

// A $batch item goes through the same pipeline as a top-level request.
ServerResponse ServeBatchItem(EmulatorState& state, const ServerRequest& item,
                              absl::Time now) {
  bool target_ok = false;
  RequestContext ctx = MakeContext(state, item, now, &target_ok);
  if (!target_ok) {
    return GraphError(ctx, 400, "BadRequest",
                      "The request target is malformed.");
  }
  return ServeGraph(state, ctx, MatchRoute(ctx.segments));
}

ServerResponse DispatchRoute(EmulatorState& state, const RequestContext& ctx,
                             const Route& route) {
  if (route.id == RouteId::kGraphNotFound) return NotFound(ctx);
  if (!MethodAllowed(route, ctx.method)) return MethodNotAllowed(ctx, route);
  const std::vector<std::string>& p = route.params;
  switch (route.id) {
    case RouteId::kToken:
      return HandleTokenRequest(state, ctx, p[0]);
    case RouteId::kInvitations:
      return HandleCreateInvitation(state, ctx);
    case RouteId::kUsers:
      return HandleListUsers(state, ctx);
    case RouteId::kUser:
      return DispatchUser(state, ctx, p[0]);
    case RouteId::kGroups:
      return HandleListGroups(state, ctx);
    case RouteId::kUsersCount:
      return HandleCountUsers(state, ctx);
    case RouteId::kGroup:
      return DispatchGroup(state, ctx, p[0]);
    case RouteId::kGroupMembers:
      return DispatchMembers(state, ctx, p[0]);
    case RouteId::kDeletedItem:
      return DispatchDeletedItem(state, ctx, p[0]);
    case RouteId::kDeletedRestore:
      return HandleRestoreDeletedItem(state, ctx, p[0]);
    case RouteId::kGroupMemberRefs:
      return HandleAddMember(state, ctx, p[0]);
    case RouteId::kGroupMemberRef:
      return HandleRemoveMember(state, ctx, p[0], p[1]);
    case RouteId::kBatch:
      return HandleBatch(state, ctx, [&state, &ctx](const ServerRequest& r) {
        return ServeBatchItem(state, r, ctx.now);
      });
    case RouteId::kAuthzPolicy:
      return ctx.method == "GET" ? HandleGetAuthorizationPolicy(state, ctx)
                                 : HandlePatchAuthorizationPolicy(state, ctx);
    default:
      return NotFound(ctx);
  }
}

// Charges an authenticated /v1.0 call to the throttling buckets; nullopt
// when throttling is off (or for the token endpoint). A $batch envelope is
// free: each of its items is charged on its own (graph-api.md 6).
std::optional<ThrottleDecision> Charge(EmulatorState& state,
                                       const RequestContext& ctx,
                                       const Route& route) {
  if (!state.config.throttling.enabled || !route.requires_bearer ||
      route.id == RouteId::kBatch) {
    return std::nullopt;
  }
  return state.throttler.Charge(
      state.credentials.client_id, state.credentials.tenant_id,
      CostOf(ctx.method, ctx.segments, ctx.query), ctx.now);
}

ServerResponse Throttled(EmulatorState& state, const RequestContext& ctx,
                         const ThrottleDecision& decision) {
  ++state.ledger.throttled;
  return ThrottledResponse(decision, state.throttler.NextRetryAfterForm(), ctx,
                           state.credentials.client_id,
                           state.credentials.tenant_id);
}

ServerResponse Dispatch(EmulatorState& state, const RequestContext& ctx,
                        const Route& route) {
  if (route.id == RouteId::kNotFound) return NotFound(ctx);
  // Graph authenticates before it looks any further at the path.
  if (route.requires_bearer) {
    if (auto error = CheckBearer(state, ctx)) return *error;
  }
  // A throttled request is counted but not applied.
  std::optional<ThrottleDecision> decision = Charge(state, ctx, route);
  if (decision && decision->throttled) return Throttled(state, ctx, *decision);
  ServerResponse response = DispatchRoute(state, ctx, route);
  if (decision) AddUsageHeaders(*decision, &response);
  return response;
}

// Ledger counters that must see every request, even refused or faulted.
void NoteRequest(EmulatorState& state, const RequestContext& ctx,
                 const Route& route) {
  if (route.id == RouteId::kToken) ++state.ledger.token_requests;
  if (route.id == RouteId::kInvitations && ctx.method == "POST") {
    std::string address = InvitedAddressOf(ctx.body());
    if (!address.empty()) state.ledger.CountInvitationPost(address);
  }
}

ServerResponse ServeGraph(EmulatorState& state, RequestContext& ctx,
                          const Route& route) {
  NoteRequest(state, ctx, route);
  const FaultRule* fault =
      state.faults.Decide(state.config.faults, ctx.method, ctx.path);
  // Chaos only takes requests no configured fault rule took.
  std::optional<ChaosHit> chaos =
      fault != nullptr
          ? std::nullopt
          : state.faults.DecideChaos(state.config.chaos, ctx.method, ctx.path);
  ServerResponse response;
  if (chaos) {
    response = ChaosResponse(*chaos, state.config.chaos, ctx,
                             route.id == RouteId::kToken);
  } else if (fault != nullptr && FaultSkipsHandling(*fault)) {
    response =
        fault->kind == FaultKind::kStatus
            ? FaultStatusResponse(*fault, ctx, route.id == RouteId::kToken)
            : EmptyResponse(500);  // never sent: the socket fails
  } else {
    ctx.invited_user_as_array =
        fault != nullptr && fault->kind == FaultKind::kInvitedUserArray;
    response = Dispatch(state, ctx, route);
  }
  if (fault != nullptr) ApplyFaultToResponse(*fault, &response);
  response.delay +=
      state.faults.Latency(state.config.latency, ctx.method, ctx.path);
  state.ledger.CountRequest(
      absl::StrCat(ctx.method, " ", route.path_template),
      chaos ? ChaosOutcome(*chaos) : OutcomeName(response, fault));
  Log(LogLevel::kDebug, "emulator_request",
      {{"method", ctx.method},
       {"route", route.path_template},
       {"status", static_cast<int64_t>(response.status)},
       {"request_id", ctx.request_id},
       {"client_request_id", ctx.client_request_id}});
  return response;
}

ServerResponse Serve(EmulatorState& state, RequestContext& ctx,
                     bool target_ok) {
  if (!target_ok) {
    return GraphError(ctx, 400, "BadRequest",
                      "The request target is malformed.");
  }
  Route route = MatchRoute(ctx.segments);
  if (route.id == RouteId::kControl) return HandleControl(state, ctx);
  return ServeGraph(state, ctx, route);
}

void AddCommonHeaders(const RequestContext& ctx, ServerResponse* response) {
  response->headers.emplace_back("request-id", ctx.request_id);
  response->headers.emplace_back("client-request-id", ctx.client_request_id);
  response->headers.emplace_back("x-ms-request-id", ctx.request_id);
  response->headers.emplace_back("Date", HttpDate(ctx.now));
}

}  // namespace

GraphEmulator::GraphEmulator(GraphEmulatorOptions options)
    : clock_(options.clock ? std::move(options.clock)
                           : [] { return absl::Now(); }),
      state_(std::make_unique<EmulatorState>(std::move(options.credentials),
                                             EmulatorConfig{})) {
  ApplyConfig(*state_, std::move(options.config), clock_());
  const std::string& pem = state_->credentials.client_certificate_pem;
  if (!pem.empty()) {
    absl::StatusOr<TrustedKey> cert = LoadCertificate(pem);
    if (cert.ok()) {
      state_->credential_certificates.push_back(*std::move(cert));
    } else {
      Log(LogLevel::kError, "emulator_bad_client_certificate",
          {{"error", std::string(cert.status().message())}});
    }
  }
  // The id stream starts from the configured seed.
  state_->ids = IdGenerator(state_->config.seed);
}

GraphEmulator::~GraphEmulator() = default;

ServerResponse GraphEmulator::Handle(const ServerRequest& request) {
  std::lock_guard<std::mutex> lock(mu_);
  bool target_ok = false;
  RequestContext ctx = MakeContext(*state_, request, clock_(), &target_ok);
  ServerResponse response;
  try {
    response = Serve(*state_, ctx, target_ok);
  } catch (const std::exception& e) {
    // Only allocation failures should get here; answer instead of dying.
    Log(LogLevel::kError, "emulator_internal_error", {{"error", e.what()}});
    response = GraphError(ctx, 500, "generalException",
                          "Internal error in the Graph emulator.");
  }
  AddCommonHeaders(ctx, &response);
  return response;
}

RequestHandler GraphEmulator::Handler() {
  return [this](const ServerRequest& request) { return Handle(request); };
}

boost::json::object GraphEmulator::Ledger() const {
  std::lock_guard<std::mutex> lock(mu_);
  return RenderLedger(state_->ledger, state_->directory,
                      TlsConnections(*state_));
}

void GraphEmulator::Reset() {
  std::lock_guard<std::mutex> lock(mu_);
  ResetState(*state_);
}

void GraphEmulator::ReplaceConfig(EmulatorConfig config) {
  std::lock_guard<std::mutex> lock(mu_);
  ApplyConfig(*state_, std::move(config), clock_());
}

void GraphEmulator::RevokeTokens() {
  std::lock_guard<std::mutex> lock(mu_);
  for (auto& [token, issued] : state_->directory.tokens())
    issued.revoked = true;
}

void GraphEmulator::SetTlsConnectionCounter(std::function<uint64_t()> counter) {
  std::lock_guard<std::mutex> lock(mu_);
  state_->tls_connections = std::move(counter);
}

EmulatorCredentials GraphEmulator::credentials() const {
  std::lock_guard<std::mutex> lock(mu_);
  return state_->credentials;
}

}  // namespace guestinvitation::emulator
