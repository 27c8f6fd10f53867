// /v1.0/directory/deletedItems/{id} (graph-api.md 3.4): the container a
// soft-deleted user waits in. GET reads it, DELETE removes it for good
// (irreversible: its memberships go too), POST .../restore brings it back
// with its memberships. The 30-day automatic purge is not emulated.

#include <boost/json.hpp>
#include <string>

#include "absl/strings/str_cat.h"
#include "tools/graph_emulator/graph_errors.h"
#include "tools/graph_emulator/handlers.h"
#include "tools/graph_emulator/user_view.h"

namespace guestinvitation::emulator {
namespace {

namespace json = boost::json;

// {"@odata.context", "@odata.type": "#microsoft.graph.user", <props>}.
json::object Render(const EmulatorState& state, const RequestContext& ctx,
                    const UserRecord& user,
                    const std::vector<const UserProperty*>& props,
                    absl::string_view context) {
  json::object body{
      {"@odata.context",
       absl::StrCat(ctx.base_url, "/v1.0/$metadata#", context, "/$entity")},
      {"@odata.type", "#microsoft.graph.user"}};
  for (auto& entry : RenderUserView(user, state, props)) {
    body[entry.key()] = entry.value();
  }
  return body;
}

}  // namespace

ServerResponse HandleGetDeletedItem(EmulatorState& state,
                                    const RequestContext& ctx,
                                    const std::string& id) {
  ODataQuery query;
  if (auto e = ParseODataQuery(ctx.query, &query)) {
    return GraphError(ctx, 400, e->code, e->message);
  }
  UserRecord* user = state.directory.FindDeletedUser(id);
  if (user == nullptr) return ResourceNotFound(ctx, id);
  std::string unknown;
  auto props = SelectUserProperties(query.select, &unknown);
  if (!unknown.empty()) return UnknownUserProperty(ctx, unknown);
  json::object body =
      Render(state, ctx, *user, props, "directory/deletedItems");
  body["deletedDateTime"] = GraphDateTime(user->deleted_at);
  return JsonResponse(200, body);
}

ServerResponse HandlePurgeDeletedItem(EmulatorState& state,
                                      const RequestContext& ctx,
                                      const std::string& id) {
  UserRecord* user = state.directory.FindDeletedUser(id);
  if (user == nullptr) return ResourceNotFound(ctx, id);
  state.directory.PurgeUser(*user, ctx.now);
  return EmptyResponse(204);
}

ServerResponse HandleRestoreDeletedItem(EmulatorState& state,
                                        const RequestContext& ctx,
                                        const std::string& id) {
  UserRecord* user = state.directory.FindDeletedUser(id);
  if (user == nullptr) return ResourceNotFound(ctx, id);
  // A new user took the address (a re-invite after the delete): Graph
  // refuses to restore a second object with the same UPN.
  if (state.directory.FindUserByMail(user->mail) != nullptr ||
      state.directory.FindUser(user->user_principal_name) != nullptr) {
    return GraphError(ctx, 400, "Request_BadRequest",
                      "Another object with the same value for property "
                      "userPrincipalName already exists.");
  }
  state.directory.RestoreUser(*user);
  std::string unknown;
  auto props = SelectUserProperties({}, &unknown);
  return JsonResponse(200,
                      Render(state, ctx, *user, props, "directoryObjects"));
}

}  // namespace guestinvitation::emulator
