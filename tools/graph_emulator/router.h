// Maps a decoded path to the endpoint that serves it. Route names are the
// "path templates" the ledger counts requests by.
#ifndef GUESTINVITATION_TOOLS_GRAPH_EMULATOR_ROUTER_H_
#define GUESTINVITATION_TOOLS_GRAPH_EMULATOR_ROUTER_H_

#include <string>
#include <vector>

namespace guestinvitation::emulator {

enum class RouteId {
  kNotFound,         // outside every known prefix
  kGraphNotFound,    // under /v1.0 but not emulated
  kToken,            // /{tenant}/oauth2/v2.0/token
  kInvitations,      // /v1.0/invitations
  kUsers,            // /v1.0/users
  kUsersCount,       // /v1.0/users/$count
  kUser,             // /v1.0/users/{id}
  kGroups,           // /v1.0/groups
  kGroup,            // /v1.0/groups/{id}
  kGroupMembers,     // /v1.0/groups/{id}/members
  kGroupMemberRefs,  // /v1.0/groups/{id}/members/$ref
  kGroupMemberRef,   // /v1.0/groups/{id}/members/{userId}/$ref
  kBatch,            // /v1.0/$batch
  kDeletedItem,      // /v1.0/directory/deletedItems/{id}
  kDeletedRestore,   // /v1.0/directory/deletedItems/{id}/restore
  kAuthzPolicy,      // /v1.0/policies/authorizationPolicy
  kControl,          // /_emulator/...
};

struct Route {
  RouteId id = RouteId::kNotFound;
  std::string path_template;         // "/v1.0/users/{id}"
  std::vector<std::string> methods;  // allowed methods
  std::vector<std::string> params;   // values of the {} parts, in order
  bool requires_bearer = false;      // Graph endpoints
};

Route MatchRoute(const std::vector<std::string>& segments);

bool MethodAllowed(const Route& route, const std::string& method);

}  // namespace guestinvitation::emulator

#endif  // GUESTINVITATION_TOOLS_GRAPH_EMULATOR_ROUTER_H_
