#include "server/graph/graph_urls.h"

#include <algorithm>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "server/auth/form_encoding.h"
#include "server/common/logger.h"

namespace guestinvitation::graph {
namespace {

constexpr absl::string_view kHttps = "https://";
constexpr int kDefaultPageSize = 100;
constexpr int kMaxPageSize = 999;

bool HasControlOrSpace(absl::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7f;
  });
}

std::string GuestFilter(const ListUsersQuery& query) {
  std::string filter = "userType eq 'Guest'";
  if (!query.external_user_state.empty()) {
    absl::StrAppend(&filter, " and externalUserState eq ",
                    ODataString(query.external_user_state));
  }
  if (!query.mail.empty()) {
    absl::StrAppend(&filter, " and mail eq ", ODataString(query.mail));
  }
  return filter;
}

}  // namespace

absl::StatusOr<std::string> NormalizeBaseUrl(absl::string_view base_url) {
  while (absl::EndsWith(base_url, "/")) base_url.remove_suffix(1);
  if (!absl::StartsWithIgnoreCase(base_url, kHttps) ||
      base_url.size() <= kHttps.size() || HasControlOrSpace(base_url) ||
      absl::StrContains(base_url, "?") || absl::StrContains(base_url, "#") ||
      absl::StrContains(base_url, "@")) {
    return absl::InvalidArgumentError(
        "graph base URL must be https://host[:port][/path] without query, "
        "fragment or user info");
  }
  return std::string(base_url);
}

std::string ODataString(absl::string_view value) {
  return absl::StrCat("'", absl::StrReplaceAll(value, {{"'", "''"}}), "'");
}

std::string InvitationsUrl(absl::string_view base) {
  return absl::StrCat(base, "/invitations");
}

std::string UserUrl(absl::string_view base, absl::string_view user_id) {
  return absl::StrCat(base, "/users/", auth::PercentEncode(user_id));
}

std::string UserWithSelectUrl(absl::string_view base,
                              absl::string_view user_id) {
  return absl::StrCat(UserUrl(base, user_id), "?$select=", kUserSelect);
}

std::string FindUserByMailUrl(absl::string_view base, absl::string_view mail) {
  return absl::StrCat(
      base, "/users?$filter=",
      auth::PercentEncode(absl::StrCat("mail eq ", ODataString(mail))),
      "&$select=", kUserSelect);
}

std::string GroupMembersRefUrl(absl::string_view base,
                               absl::string_view group_id) {
  return absl::StrCat(base, "/groups/", auth::PercentEncode(group_id),
                      "/members/$ref");
}

std::string DirectoryObjectUrl(absl::string_view base,
                               absl::string_view object_id) {
  return absl::StrCat(base, "/directoryObjects/",
                      auth::PercentEncode(object_id));
}

absl::StatusOr<std::string> ListGuestsUrl(absl::string_view base,
                                          const ListUsersQuery& query) {
  if (!query.next_link.empty()) {
    absl::string_view link = query.next_link;
    const bool same_root =
        absl::StartsWith(link, base) &&
        (link.size() == base.size() || link[base.size()] == '/' ||
         link[base.size()] == '?');
    if (!same_root || HasControlOrSpace(link)) {
      return absl::InvalidArgumentError(
          "page token does not point at the configured Graph service root");
    }
    return std::string(link);
  }
  int top = query.page_size <= 0 ? kDefaultPageSize : query.page_size;
  top = std::min(top, kMaxPageSize);
  return absl::StrCat(
      base, "/users?$filter=", auth::PercentEncode(GuestFilter(query)),
      "&$select=", kUserSelect, "&$top=", top);
}

std::string PathForLog(absl::string_view url) {
  absl::string_view rest = url;
  if (auto scheme = rest.find("://"); scheme != absl::string_view::npos) {
    rest.remove_prefix(scheme + 3);
    const size_t slash = rest.find('/');
    rest = slash == absl::string_view::npos ? "" : rest.substr(slash);
  }
  rest = rest.substr(0, rest.find_first_of("?#"));
  std::vector<std::string> segments = absl::StrSplit(rest, '/');
  for (std::string& segment : segments) {
    if (absl::StrContains(segment, "@") || absl::StrContains(segment, "%40")) {
      segment = RedactEmail(absl::StrReplaceAll(segment, {{"%40", "@"}}));
    }
  }
  return absl::StrJoin(segments, "/");
}

}  // namespace guestinvitation::graph
