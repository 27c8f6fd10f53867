// Pure construction of the Graph URLs this service calls, and the redacted
// form of a URL that goes into logs. Paths are relative to the configured
// service root (e.g. https://graph.microsoft.com/v1.0, no trailing slash).
#ifndef GUESTINVITATION_SERVER_GRAPH_GRAPH_URLS_H_
#define GUESTINVITATION_SERVER_GRAPH_GRAPH_URLS_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/graph/graph_client.h"

namespace guestinvitation::graph {

// The guest properties we read ($select); most are not returned by default.
inline constexpr char kUserSelect[] =
    "id,displayName,mail,userType,accountEnabled,externalUserState,"
    "externalUserStateChangeDateTime,userPrincipalName,createdDateTime,"
    "creationType";

// Checks an https base URL and strips trailing slashes. INVALID_ARGUMENT
// for anything else (the token must only ever go to this origin).
absl::StatusOr<std::string> NormalizeBaseUrl(absl::string_view base_url);

// 'o'brien' -> 'o''brien' : an OData string literal, quotes included.
std::string ODataString(absl::string_view value);

std::string InvitationsUrl(absl::string_view base);
std::string UserUrl(absl::string_view base, absl::string_view user_id);
std::string UserWithSelectUrl(absl::string_view base,
                              absl::string_view user_id);
std::string FindUserByMailUrl(absl::string_view base, absl::string_view mail);
std::string GroupMembersRefUrl(absl::string_view base,
                               absl::string_view group_id);
// The @odata.id that names a user in a $ref body, on the same host as the
// call (national clouds and the emulator need their own host there).
std::string DirectoryObjectUrl(absl::string_view base,
                               absl::string_view object_id);

// The first page of guests, or the validated next_link. A next_link that
// does not start with `base` followed by '/' or '?' (or has spaces or
// control characters) is INVALID_ARGUMENT: following it would send our
// bearer token to whatever host a page token names.
absl::StatusOr<std::string> ListGuestsUrl(absl::string_view base,
                                          const ListUsersQuery& query);

// What a log line may show of a URL: the path only. Queries are dropped
// ($filter holds email addresses) and a path segment with an '@' (a UPN
// used as an id) is masked with RedactEmail.
std::string PathForLog(absl::string_view url);

}  // namespace guestinvitation::graph

#endif  // GUESTINVITATION_SERVER_GRAPH_GRAPH_URLS_H_
