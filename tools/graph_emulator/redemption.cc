// Test-only control endpoints for what happens outside Graph: a guest
// redeeming its invitation (graph-api.md 3.1, externalUserState
// PendingAcceptance -> Accepted), and a directory role being assigned to a
// user (which makes app-only resetRedemption fail, graph-api.md 1.5).

#include <boost/json.hpp>
#include <string>

#include "absl/strings/str_cat.h"
#include "tools/graph_emulator/graph_errors.h"
#include "tools/graph_emulator/handlers.h"
#include "tools/graph_emulator/json_util.h"
#include "tools/graph_emulator/tenant_policy.h"

namespace guestinvitation::emulator {
namespace {

namespace json = boost::json;

std::string StringField(const json::object& o, const char* key) {
  const json::value* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? ToStd(v->get_string()) : "";
}

// The live user named by {"user_id"} or {"address"}, or the error to send.
UserRecord* TargetUser(EmulatorState& state, const RequestContext& ctx,
                       bool allow_address, ServerResponse* error) {
  absl::StatusOr<json::value> body = ParseJson(ctx.body());
  if (!body.ok() || !body->is_object()) {
    *error = UnreadableBody(ctx);
    return nullptr;
  }
  const json::object& o = body->get_object();
  std::string id = StringField(o, "user_id");
  std::string address = allow_address ? StringField(o, "address") : "";
  if (id.empty() == address.empty()) {
    *error = GraphError(ctx, 400, "BadRequest",
                        allow_address ? "Give exactly one of user_id and "
                                        "address, as a non-empty string."
                                      : "Give user_id as a non-empty string.");
    return nullptr;
  }
  UserRecord* user = id.empty() ? state.directory.FindUserByMail(address)
                                : state.directory.FindUser(id);
  if (user == nullptr) {
    *error = ResourceNotFound(ctx, id.empty() ? address : id);
  }
  return user;
}

}  // namespace

ServerResponse HandleRedeem(EmulatorState& state, const RequestContext& ctx) {
  ServerResponse error;
  UserRecord* user = TargetUser(state, ctx, true, &error);
  if (user == nullptr) return error;
  // A pending invitation whose domain was blocked later fails at
  // redemption (graph-api.md 1.2).
  if (user->external_user_state != "Accepted" &&
      !DomainAllowedByList(state.config.tenant_policy, DomainOf(user->mail))) {
    return GraphError(ctx, 403, "RedemptionBlocked",
                      "The domain of the invited user is blocked by the "
                      "invitation policy; the redemption fails.");
  }
  if (user->external_user_state != "Accepted") {
    user->external_user_state = "Accepted";
    user->state_changed_at = ctx.now;
  }
  json::object body{{"id", user->id},
                    {"externalUserState", user->external_user_state},
                    {"externalUserStateChangeDateTime",
                     GraphDateTime(user->state_changed_at)}};
  return JsonResponse(200, body);
}

ServerResponse HandleAssignRole(EmulatorState& state,
                                const RequestContext& ctx) {
  ServerResponse error;
  UserRecord* user = TargetUser(state, ctx, false, &error);
  if (user == nullptr) return error;
  state.tenant_policy.AddRoleHolder(user->id);
  return EmptyResponse(204);
}

}  // namespace guestinvitation::emulator
