// POST /{tenant}/oauth2/v2.0/token (client credentials) and the bearer
// check every Graph call goes through (graph-api.md 4.2, 4.4, 7.1).
//
// Client authentication (AuthenticateClient) takes a secret (body or HTTP
// Basic) or a client assertion: a JWT signed with a registered certificate
// or a federated token (client_assertion.h).

#include <boost/json.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "tools/graph_emulator/client_assertion.h"
#include "tools/graph_emulator/graph_errors.h"
#include "tools/graph_emulator/handlers.h"
#include "tools/graph_emulator/json_util.h"

namespace guestinvitation::emulator {
namespace {

namespace json = boost::json;
using FormParams = std::map<std::string, std::string>;

constexpr char kAssertionType[] =
    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

std::optional<ServerResponse> MissingParameter(const RequestContext& ctx,
                                               absl::string_view name) {
  return TokenError(ctx, 400, "invalid_request", 900144,
                    absl::StrCat("The request body must contain the following "
                                 "parameter: '",
                                 name, "'."));
}

// application/x-www-form-urlencoded; a repeated parameter is refused
// because it is ambiguous which one counts.
std::optional<FormParams> ParseForm(const std::string& body) {
  FormParams params;
  for (absl::string_view part : absl::StrSplit(body, '&', absl::SkipEmpty())) {
    std::pair<absl::string_view, absl::string_view> kv =
        absl::StrSplit(part, absl::MaxSplits('=', 1));
    std::optional<std::string> name = PercentDecode(kv.first, true);
    std::optional<std::string> value = PercentDecode(kv.second, true);
    if (!name || !value) return std::nullopt;
    if (!params.emplace(std::move(*name), std::move(*value)).second) {
      return std::nullopt;
    }
  }
  return params;
}

std::string Param(const FormParams& form, const std::string& name) {
  auto it = form.find(name);
  return it == form.end() ? "" : it->second;
}

struct ClientAuth {
  std::string client_id;
  std::string secret;     // body or HTTP Basic
  std::string assertion;  // private_key_jwt or federated token
  // For the ledger: "secret", "certificate", "federated", "assertion";
  // empty until the credential is known.
  std::string kind;
};

// RFC 6749 2.3.1: Basic with the form-encoded id and secret.
bool ReadBasicAuth(const std::string& header, ClientAuth* auth) {
  absl::string_view value = absl::StripAsciiWhitespace(header);
  if (value.size() < 6 ||
      !absl::EqualsIgnoreCase(value.substr(0, 6), "basic ")) {
    return false;
  }
  std::string decoded;
  if (!absl::Base64Unescape(absl::StripAsciiWhitespace(value.substr(6)),
                            &decoded)) {
    return false;
  }
  std::pair<std::string, std::string> parts =
      absl::StrSplit(decoded, absl::MaxSplits(':', 1));
  std::optional<std::string> id = PercentDecode(parts.first, true);
  std::optional<std::string> secret = PercentDecode(parts.second, true);
  if (!id || !secret) return false;
  auth->client_id = *id;
  auth->secret = *secret;
  return true;
}

std::optional<ServerResponse> ReadClientAuth(const RequestContext& ctx,
                                             const FormParams& form,
                                             ClientAuth* auth) {
  std::string header = ctx.Header("Authorization");
  if (!header.empty() && !ReadBasicAuth(header, auth)) {
    return TokenError(ctx, 401, "invalid_client", 7000216,
                      "The client credentials in the Authorization header "
                      "could not be read.");
  }
  std::string body_id = Param(form, "client_id");
  if (!auth->client_id.empty() && !body_id.empty() &&
      auth->client_id != body_id) {
    return TokenError(ctx, 400, "invalid_request", 900144,
                      "The client_id in the body does not match the one in "
                      "the Authorization header.");
  }
  if (auth->client_id.empty()) auth->client_id = body_id;
  if (auth->secret.empty()) auth->secret = Param(form, "client_secret");
  auth->assertion = Param(form, "client_assertion");
  if (auth->client_id.empty()) return MissingParameter(ctx, "client_id");
  return std::nullopt;
}

std::optional<ServerResponse> CheckTenant(const EmulatorState& state,
                                          const RequestContext& ctx,
                                          const std::string& tenant) {
  if (absl::EqualsIgnoreCase(tenant, state.credentials.tenant_id) ||
      absl::EqualsIgnoreCase(tenant, state.config.tenant_domain)) {
    return std::nullopt;
  }
  return TokenError(ctx, 400, "invalid_request", 90002,
                    absl::StrCat("Tenant '", tenant,
                                 "' not found. Check to make sure you have "
                                 "the correct tenant ID and are signing into "
                                 "the correct cloud."));
}

std::string StripTrailingSlashes(std::string text) {
  while (!text.empty() && text.back() == '/') text.pop_back();
  return text;
}

// The token endpoint URLs a certificate assertion may name as `aud`: under
// the emulator's own origin (clients pointed at it build aud from their
// authority host) and under the configured cloud's Entra login hosts, for
// the tenant id or domain. The v1
// endpoint (no "/v2.0") is accepted too, as older libraries (ADAL) use it.
std::vector<std::string> AcceptedAudiences(const EmulatorState& state,
                                           const RequestContext& ctx) {
  std::vector<std::string> origins = state.config.authority_hosts;
  origins.push_back(StripTrailingSlashes(ctx.base_url));
  std::vector<std::string> out;
  for (const std::string& origin : origins) {
    for (const std::string& tenant :
         {state.credentials.tenant_id, state.config.tenant_domain}) {
      out.push_back(absl::StrCat(origin, "/", tenant, "/oauth2/v2.0/token"));
      out.push_back(absl::StrCat(origin, "/", tenant, "/oauth2/token"));
    }
  }
  return out;
}

// A replayed jti is refused while the first assertion is still valid.
// The code is the emulator's choice: Entra's behaviour is UNCONFIRMED.
std::optional<ServerResponse> CheckReplay(EmulatorState& state,
                                          const RequestContext& ctx,
                                          const AssertionResult& result) {
  auto& used = state.used_assertion_ids;
  for (auto it = used.begin(); it != used.end();) {
    it = it->second + absl::Seconds(state.config.token.assertion_clock_skew_s) <
                 ctx.now
             ? used.erase(it)
             : std::next(it);
  }
  if (result.jti.empty()) return std::nullopt;
  // Entra does not cap exp, so bound the memory instead: past the cap an
  // arbitrary old entry is forgotten.
  constexpr size_t kMaxRememberedIds = 100000;
  if (used.size() >= kMaxRememberedIds && used.count(result.jti) == 0) {
    used.erase(used.begin());
  }
  if (!used.emplace(result.jti, result.expires_at).second) {
    return TokenError(ctx, 401, "invalid_client", 50027,
                      "Invalid JWT token. The client assertion with this "
                      "'jti' was already used.");
  }
  return std::nullopt;
}

std::optional<ServerResponse> AuthenticateAssertion(EmulatorState& state,
                                                    const RequestContext& ctx,
                                                    ClientAuth* auth) {
  const TokenConfig& cfg = state.config.token;
  AssertionPolicy policy;
  policy.client_id = state.credentials.client_id;
  policy.audiences = AcceptedAudiences(state, ctx);
  policy.certificates = state.credential_certificates;
  policy.certificates.insert(policy.certificates.end(),
                             cfg.certificates.begin(), cfg.certificates.end());
  policy.federated = cfg.federated_credentials;
  policy.now = ctx.now;
  policy.clock_skew = absl::Seconds(cfg.assertion_clock_skew_s);
  policy.require_jti = cfg.assertion_require_jti;
  AssertionResult result = VerifyClientAssertion(auth->assertion, policy);
  auth->kind = AssertionKindName(result.kind);
  if (!result.ok) {
    return TokenError(ctx, result.status, result.error, result.aadsts,
                      result.description);
  }
  if (cfg.assertion_reject_replayed_jti &&
      result.kind == AssertionKind::kCertificate) {
    return CheckReplay(state, ctx, result);
  }
  return std::nullopt;
}

// Verifies the secret or the client assertion.
std::optional<ServerResponse> AuthenticateClient(EmulatorState& state,
                                                 const RequestContext& ctx,
                                                 const FormParams& form,
                                                 ClientAuth* auth) {
  const EmulatorCredentials& creds = state.credentials;
  if (!absl::EqualsIgnoreCase(auth->client_id, creds.client_id)) {
    return TokenError(
        ctx, 400, "unauthorized_client", 700016,
        absl::StrCat("Application with identifier '", auth->client_id,
                     "' was not found in the directory '", creds.tenant_id,
                     "'."));
  }
  if (!auth->assertion.empty()) {
    auth->kind = "assertion";
    if (Param(form, "client_assertion_type") != kAssertionType) {
      return MissingParameter(ctx, "client_assertion_type");
    }
    return AuthenticateAssertion(state, ctx, auth);
  }
  if (auth->secret.empty()) {
    return TokenError(ctx, 401, "invalid_client", 7000216,
                      "'client_assertion', 'client_secret' or 'request' is "
                      "required for the 'client_credentials' grant type.");
  }
  auth->kind = "secret";
  if (auth->secret != creds.client_secret) {
    return TokenError(
        ctx, 401, "invalid_client", 7000215,
        absl::StrCat("Invalid client secret provided. Ensure the secret being "
                     "sent in the request is the client secret value, not the "
                     "client secret ID, for a secret added to app '",
                     creds.client_id, "'."));
  }
  return std::nullopt;
}

// One resource, as "<resource>/.default", where the resource is Graph's
// configured identifier or the emulator's own origin.
std::optional<ServerResponse> CheckScope(const EmulatorState& state,
                                         const RequestContext& ctx,
                                         const std::string& scope) {
  std::vector<std::string> scopes =
      absl::StrSplit(scope, ' ', absl::SkipEmpty());
  if (scopes.empty()) return MissingParameter(ctx, "scope");
  if (scopes.size() != 1) {
    return TokenError(ctx, 400, "invalid_scope", 70011,
                      absl::StrCat("The provided request must include a "
                                   "'scope' input parameter. The provided "
                                   "value for the input parameter 'scope' is "
                                   "not valid. The scope ",
                                   scope, " is not valid."));
  }
  absl::string_view resource = scopes[0];
  if (!absl::ConsumeSuffix(&resource, "/.default")) {
    return TokenError(ctx, 400, "invalid_scope", 1002012,
                      absl::StrCat("The provided value for scope ", scope,
                                   " is not valid. Client credential flows "
                                   "must have a scope value with /.default "
                                   "suffixed to the resource identifier "
                                   "(application ID URI)."));
  }
  std::string r(resource);
  if (absl::EqualsIgnoreCase(
          r, StripTrailingSlashes(state.config.graph_resource)) ||
      absl::EqualsIgnoreCase(r, ctx.base_url)) {
    return std::nullopt;
  }
  return TokenError(ctx, 400, "invalid_resource", 500011,
                    absl::StrCat("The resource principal named ", r,
                                 " was not found in the tenant named ",
                                 state.credentials.tenant_id, "."));
}

std::optional<ServerResponse> CheckRequest(EmulatorState& state,
                                           const RequestContext& ctx,
                                           const FormParams& form,
                                           std::string* kind) {
  std::string grant = Param(form, "grant_type");
  if (grant.empty()) return MissingParameter(ctx, "grant_type");
  if (grant != "client_credentials") {
    return TokenError(ctx, 400, "unsupported_grant_type", 70003,
                      absl::StrCat("The app requested an unsupported grant "
                                   "type '",
                                   grant, "'."));
  }
  ClientAuth auth;
  if (auto error = ReadClientAuth(ctx, form, &auth)) return error;
  std::optional<ServerResponse> error =
      AuthenticateClient(state, ctx, form, &auth);
  *kind = auth.kind;
  if (error) return error;
  return CheckScope(state, ctx, Param(form, "scope"));
}

ServerResponse IssueToken(EmulatorState& state, const RequestContext& ctx) {
  auto& tokens = state.directory.tokens();
  // Forget tokens long expired so a long run does not grow without bound;
  // recently expired ones stay so callers still get "expired", not "bad".
  for (auto it = tokens.begin(); it != tokens.end();) {
    it = it->second.expires_at + absl::Hours(24) < ctx.now ? tokens.erase(it)
                                                           : std::next(it);
  }
  const TokenConfig& cfg = state.config.token;
  std::string token = absl::StrCat("emu.", state.ids.NewToken(86));
  tokens[token] = IssuedToken{ctx.now + absl::Seconds(cfg.expires_in), false};
  ++state.ledger.tokens_issued;
  json::object body{{"token_type", "Bearer"},
                    {"expires_in", cfg.expires_in},
                    {"ext_expires_in", cfg.ext_expires_in}};
  if (cfg.refresh_in > 0) body["refresh_in"] = cfg.refresh_in;
  body["access_token"] = token;
  ServerResponse response = JsonResponse(200, body);
  response.headers[0].second = "application/json; charset=utf-8";
  response.headers.emplace_back("Cache-Control", "no-store, no-cache");
  response.headers.emplace_back("Pragma", "no-cache");
  return response;
}

ServerResponse Unauthenticated(const RequestContext& ctx,
                               absl::string_view message) {
  ServerResponse response =
      GraphError(ctx, 401, "InvalidAuthenticationToken", message);
  response.headers.emplace_back(
      "WWW-Authenticate",
      "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline."
      "com/common/oauth2/authorize\", client_id=\"00000003-0000-0000-c000-"
      "000000000000\"");
  return response;
}

}  // namespace

ServerResponse HandleTokenRequest(EmulatorState& state,
                                  const RequestContext& ctx,
                                  const std::string& tenant) {
  if (auto error = CheckTenant(state, ctx, tenant)) return *error;
  std::string content_type = absl::AsciiStrToLower(ctx.Header("Content-Type"));
  std::optional<FormParams> form = ParseForm(ctx.body());
  if (!absl::StartsWith(content_type, "application/x-www-form-urlencoded") ||
      !form) {
    return *MissingParameter(ctx, "grant_type");
  }
  std::string kind;
  std::optional<ServerResponse> error = CheckRequest(state, ctx, *form, &kind);
  if (!kind.empty()) {
    Ledger::CredentialCount& count = state.ledger.token_credentials[kind];
    ++(error ? count.failed : count.issued);
  }
  if (error) return *error;
  return IssueToken(state, ctx);
}

std::optional<ServerResponse> CheckBearer(EmulatorState& state,
                                          const RequestContext& ctx) {
  std::string raw = ctx.Header("Authorization");
  absl::string_view header = absl::StripAsciiWhitespace(raw);
  if (header.empty()) return Unauthenticated(ctx, "Access token is empty.");
  absl::string_view token;
  if (header.size() > 7 &&
      absl::EqualsIgnoreCase(header.substr(0, 7), "bearer ")) {
    token = absl::StripAsciiWhitespace(header.substr(7));
  }
  auto& tokens = state.directory.tokens();
  auto it = tokens.find(std::string(token));
  if (token.empty() || it == tokens.end()) {
    return Unauthenticated(
        ctx, "CompactToken parsing failed with error code: 80049217");
  }
  if (it->second.revoked || ctx.now >= it->second.expires_at) {
    return Unauthenticated(ctx,
                           "Access token has expired or is not yet valid.");
  }
  return std::nullopt;
}

}  // namespace guestinvitation::emulator
