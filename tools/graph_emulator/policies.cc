// GET and PATCH /v1.0/policies/authorizationPolicy (graph-api.md 1.2): the
// tenant singleton whose allowInvitesFrom decides whether the app-only
// caller may invite. Only allowInvitesFrom is emulated as writable; the
// other properties are fixed defaults of a new tenant.

#include <boost/json.hpp>
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "tools/graph_emulator/graph_errors.h"
#include "tools/graph_emulator/handlers.h"
#include "tools/graph_emulator/json_util.h"

namespace guestinvitation::emulator {
namespace {

namespace json = boost::json;

// The built-in "Guest User" role template (guestUserRoleId default).
constexpr char kGuestUserRoleId[] = "10dae51f-b6af-4016-8d66-8c2a99b929b3";

ServerResponse BadProperty(const RequestContext& ctx, const std::string& key) {
  return GraphError(ctx, 400, "Request_BadRequest",
                    absl::StrCat("Invalid value or property '", Echo(key),
                                 "' for an update of authorizationPolicy."));
}

}  // namespace

ServerResponse HandleGetAuthorizationPolicy(EmulatorState& state,
                                            const RequestContext& ctx) {
  json::object body;
  body["@odata.context"] = absl::StrCat(
      ctx.base_url, "/v1.0/$metadata#policies/authorizationPolicy/$entity");
  body["id"] = "authorizationPolicy";
  body["displayName"] = "Authorization Policy";
  body["description"] =
      "Used to manage authorization related settings across the company.";
  body["allowInvitesFrom"] =
      AllowInvitesFromName(state.tenant_policy.written());
  body["allowedToSignUpEmailBasedSubscriptions"] = true;
  body["allowedToUseSSPR"] = true;
  body["allowEmailVerifiedUsersToJoinOrganization"] = false;
  body["allowUserConsentForRiskyApps"] = false;
  body["blockMsolPowerShell"] = false;
  body["guestUserRoleId"] = kGuestUserRoleId;
  body["defaultUserRolePermissions"] =
      json::object{{"allowedToCreateApps", true},
                   {"allowedToCreateSecurityGroups", true},
                   {"allowedToCreateTenants", true},
                   {"allowedToReadBitlockerKeysForOwnedDevice", true},
                   {"allowedToReadOtherUsers", true}};
  return JsonResponse(200, body);
}

ServerResponse HandlePatchAuthorizationPolicy(EmulatorState& state,
                                              const RequestContext& ctx) {
  absl::StatusOr<json::value> body = ParseJson(ctx.body());
  if (!body.ok() || !body->is_object()) return UnreadableBody(ctx);
  std::optional<AllowInvitesFrom> value;
  for (const auto& entry : body->get_object()) {
    std::string key(entry.key().data(), entry.key().size());
    if (key == "@odata.type") continue;
    if (key != "allowInvitesFrom") return BadProperty(ctx, key);
    const json::string* name = entry.value().if_string();
    if (name != nullptr) value = ParseAllowInvitesFrom(ToStd(*name));
    if (!value) {
      std::string literal =
          Echo(name != nullptr ? ToStd(*name) : Serialize(entry.value()), 64);
      return GraphError(ctx, 400, "BadRequest",
                        absl::StrCat("Cannot convert the literal '", literal,
                                     "' to the expected type "
                                     "'microsoft.graph.allowInvitesFrom'."));
    }
  }
  if (value) {
    state.tenant_policy.Write(
        *value, ctx.now,
        absl::Seconds(state.config.tenant_policy.apply_delay_s));
  }
  return EmptyResponse(204);
}

}  // namespace guestinvitation::emulator
