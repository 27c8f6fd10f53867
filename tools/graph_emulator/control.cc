// The test-only control endpoints under /_emulator (no authentication):
// read the ledger, reset the directory, replace the configuration, revoke
// the issued tokens, redeem an invitation, assign a directory role. They are
// never delayed, faulted or counted.

#include <string>

#include "absl/strings/str_cat.h"
#include "tools/graph_emulator/graph_errors.h"
#include "tools/graph_emulator/handlers.h"
#include "tools/graph_emulator/json_util.h"

namespace guestinvitation::emulator {
namespace {

bool Is(const RequestContext& ctx, const char* method, const char* name) {
  return ctx.method == method && ctx.segments.size() == 2 &&
         ctx.segments[1] == name;
}

ServerResponse PutConfig(EmulatorState& state, const RequestContext& ctx) {
  absl::StatusOr<EmulatorConfig> config = ParseEmulatorConfig(ctx.body());
  if (!config.ok()) {
    return GraphError(ctx, 400, "InvalidConfig",
                      std::string(config.status().message()));
  }
  ApplyConfig(state, *std::move(config), ctx.now);
  return EmptyResponse(204);
}

}  // namespace

uint64_t TlsConnections(const EmulatorState& state) {
  return state.tls_connections ? state.tls_connections() : 0;
}

void ResetState(EmulatorState& state) {
  state.directory.ClearUsers();
  state.ledger = Ledger{};
  state.used_assertion_ids.clear();
  state.faults.Rearm(state.config.faults.size(), state.config.seed);
  state.throttler.Rearm(state.config.throttling, state.config.seed);
  state.batch_random.Rearm(state.config.seed);
  state.tenant_policy.Rearm(state.config.tenant_policy);
}

void ApplyConfig(EmulatorState& state, EmulatorConfig config, absl::Time now) {
  state.config = std::move(config);
  state.directory.SetGroups(state.config.groups, now);
  state.faults.Rearm(state.config.faults.size(), state.config.seed);
  state.throttler.Rearm(state.config.throttling, state.config.seed);
  state.batch_random.Rearm(state.config.seed);
  state.tenant_policy.Rearm(state.config.tenant_policy);
}

ServerResponse HandleControl(EmulatorState& state, const RequestContext& ctx) {
  if (Is(ctx, "GET", "ledger")) {
    ServerResponse response = JsonResponse(
        200,
        RenderLedger(state.ledger, state.directory, TlsConnections(state)));
    response.headers[0].second = "application/json";
    return response;
  }
  if (Is(ctx, "POST", "reset")) {
    ResetState(state);
    return EmptyResponse(204);
  }
  if (Is(ctx, "PUT", "config")) return PutConfig(state, ctx);
  if (Is(ctx, "POST", "redeem")) return HandleRedeem(state, ctx);
  if (Is(ctx, "POST", "assign-role")) return HandleAssignRole(state, ctx);
  if (Is(ctx, "POST", "revoke-tokens")) {
    for (auto& [token, issued] : state.directory.tokens())
      issued.revoked = true;
    return EmptyResponse(204);
  }
  return GraphError(
      ctx, 404, "UnknownError",
      absl::StrCat("No control endpoint ", ctx.method, " ", ctx.path, "."));
}

}  // namespace guestinvitation::emulator
