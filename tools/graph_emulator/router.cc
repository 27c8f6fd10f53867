#include "tools/graph_emulator/router.h"

#include <algorithm>

#include "absl/strings/match.h"

namespace guestinvitation::emulator {
namespace {

// Graph treats path segments case-insensitively ("/Users" works).
bool Is(const std::string& segment, const char* name) {
  return absl::EqualsIgnoreCase(segment, name);
}

Route Make(RouteId id, std::string path_template,
           std::vector<std::string> methods,
           std::vector<std::string> params = {}) {
  Route route;
  route.id = id;
  route.path_template = std::move(path_template);
  route.methods = std::move(methods);
  route.params = std::move(params);
  route.requires_bearer = true;
  return route;
}

Route MatchUsers(const std::vector<std::string>& s) {
  if (s.size() == 2) return Make(RouteId::kUsers, "/v1.0/users", {"GET"});
  if (s.size() == 3 && Is(s[2], "$count")) {
    return Make(RouteId::kUsersCount, "/v1.0/users/$count", {"GET"});
  }
  if (s.size() == 3) {
    return Make(RouteId::kUser, "/v1.0/users/{id}", {"GET", "PATCH", "DELETE"},
                {s[2]});
  }
  return Make(RouteId::kGraphNotFound, "/v1.0/(unknown)", {});
}

Route MatchGroups(const std::vector<std::string>& s) {
  if (s.size() == 2) return Make(RouteId::kGroups, "/v1.0/groups", {"GET"});
  if (s.size() == 3) {
    return Make(RouteId::kGroup, "/v1.0/groups/{id}", {"GET", "PATCH"}, {s[2]});
  }
  if (s.size() == 4 && Is(s[3], "members")) {
    return Make(RouteId::kGroupMembers, "/v1.0/groups/{id}/members",
                {"GET", "POST"}, {s[2]});
  }
  if (s.size() == 5 && Is(s[3], "members") && Is(s[4], "$ref")) {
    return Make(RouteId::kGroupMemberRefs, "/v1.0/groups/{id}/members/$ref",
                {"POST"}, {s[2]});
  }
  if (s.size() == 6 && Is(s[3], "members") && Is(s[5], "$ref")) {
    return Make(RouteId::kGroupMemberRef,
                "/v1.0/groups/{id}/members/{userId}/$ref", {"DELETE"},
                {s[2], s[4]});
  }
  return Make(RouteId::kGraphNotFound, "/v1.0/(unknown)", {});
}

Route MatchDirectory(const std::vector<std::string>& s) {
  if (s.size() == 4 && Is(s[2], "deletedItems")) {
    return Make(RouteId::kDeletedItem, "/v1.0/directory/deletedItems/{id}",
                {"GET", "DELETE"}, {s[3]});
  }
  if (s.size() == 5 && Is(s[2], "deletedItems") && Is(s[4], "restore")) {
    return Make(RouteId::kDeletedRestore,
                "/v1.0/directory/deletedItems/{id}/restore", {"POST"}, {s[3]});
  }
  return Make(RouteId::kGraphNotFound, "/v1.0/(unknown)", {});
}

Route MatchGraph(const std::vector<std::string>& s) {
  if (s.size() == 2 && Is(s[1], "$batch")) {
    return Make(RouteId::kBatch, "/v1.0/$batch", {"POST"});
  }
  if (s.size() >= 2 && Is(s[1], "invitations")) {
    if (s.size() == 2) {
      return Make(RouteId::kInvitations, "/v1.0/invitations", {"POST"});
    }
  } else if (s.size() >= 2 && Is(s[1], "users")) {
    return MatchUsers(s);
  } else if (s.size() >= 2 && Is(s[1], "groups")) {
    return MatchGroups(s);
  } else if (s.size() >= 2 && Is(s[1], "directory")) {
    return MatchDirectory(s);
  } else if (s.size() == 3 && Is(s[1], "policies") &&
             Is(s[2], "authorizationPolicy")) {
    return Make(RouteId::kAuthzPolicy, "/v1.0/policies/authorizationPolicy",
                {"GET", "PATCH"});
  }
  return Make(RouteId::kGraphNotFound, "/v1.0/(unknown)", {});
}

}  // namespace

Route MatchRoute(const std::vector<std::string>& s) {
  if (!s.empty() && s[0] == "v1.0") return MatchGraph(s);
  if (!s.empty() && s[0] == "_emulator") {
    Route route;
    route.id = RouteId::kControl;
    route.path_template = "/_emulator/...";
    return route;
  }
  if (s.size() == 4 && Is(s[1], "oauth2") && Is(s[2], "v2.0") &&
      Is(s[3], "token")) {
    Route route =
        Make(RouteId::kToken, "/{tenant}/oauth2/v2.0/token", {"POST"}, {s[0]});
    route.requires_bearer = false;
    return route;
  }
  Route route;
  route.path_template = "(unknown)";
  return route;
}

bool MethodAllowed(const Route& route, const std::string& method) {
  return std::find(route.methods.begin(), route.methods.end(), method) !=
         route.methods.end();
}

}  // namespace guestinvitation::emulator
