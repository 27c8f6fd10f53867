#include "server/graph/graph_urls.h"

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace guestinvitation::graph {
namespace {

constexpr char kBase[] = "https://graph.microsoft.com/v1.0";
constexpr char kSelect[] =
    "$select=id,displayName,mail,userType,accountEnabled,externalUserState,"
    "externalUserStateChangeDateTime,userPrincipalName,createdDateTime,"
    "creationType";

TEST(GraphUrlsTest, BaseUrlMustBeHttpsAndLosesTrailingSlashes) {
  EXPECT_EQ(*NormalizeBaseUrl("https://graph.microsoft.com/v1.0/"), kBase);
  EXPECT_EQ(*NormalizeBaseUrl("https://127.0.0.1:8443/v1.0"),
            "https://127.0.0.1:8443/v1.0");
  for (const char* bad :
       {"http://graph.microsoft.com/v1.0", "graph", "https://",
        "https://g/v1.0?x=1", "https://u@g/v1.0", "https://g /v1.0"}) {
    EXPECT_FALSE(NormalizeBaseUrl(bad).ok()) << bad;
  }
}

TEST(GraphUrlsTest, UserUrlsEncodeTheIdAndSelectGuestFields) {
  EXPECT_EQ(UserUrl(kBase, "u-1"),
            "https://graph.microsoft.com/v1.0/users/u-1");
  EXPECT_EQ(UserUrl(kBase, "a/b?c"),
            "https://graph.microsoft.com/v1.0/users/a%2Fb%3Fc");
  EXPECT_EQ(
      UserWithSelectUrl(kBase, "u-1"),
      absl::StrCat("https://graph.microsoft.com/v1.0/users/u-1?", kSelect));
}

TEST(GraphUrlsTest, MailFilterDoublesQuotesAndIsUrlEncoded) {
  EXPECT_EQ(ODataString("o'brien@x.com"), "'o''brien@x.com'");
  EXPECT_EQ(FindUserByMailUrl(kBase, "o'brien@contoso.com"),
            absl::StrCat("https://graph.microsoft.com/v1.0/users?$filter="
                         "mail%20eq%20%27o%27%27brien%40contoso.com%27&",
                         kSelect));
}

TEST(GraphUrlsTest, GroupRefUrlAndDirectoryObjectUseTheConfiguredRoot) {
  EXPECT_EQ(GroupMembersRefUrl(kBase, "g1"),
            "https://graph.microsoft.com/v1.0/groups/g1/members/$ref");
  EXPECT_EQ(DirectoryObjectUrl("https://graph.microsoft.us/v1.0", "u1"),
            "https://graph.microsoft.us/v1.0/directoryObjects/u1");
}

TEST(GraphUrlsTest, FirstGuestPageFiltersSelectsAndClampsPageSize) {
  ListUsersQuery q;
  q.page_size = 0;
  EXPECT_EQ(*ListGuestsUrl(kBase, q),
            absl::StrCat("https://graph.microsoft.com/v1.0/users?$filter="
                         "userType%20eq%20%27Guest%27&",
                         kSelect, "&$top=100"));
  q.page_size = 5000;
  q.external_user_state = "PendingAcceptance";
  q.mail = "bob@contoso.com";
  EXPECT_EQ(*ListGuestsUrl(kBase, q),
            absl::StrCat("https://graph.microsoft.com/v1.0/users?$filter="
                         "userType%20eq%20%27Guest%27%20and%20externalUserState"
                         "%20eq%20%27PendingAcceptance%27%20and%20mail%20eq%20"
                         "%27bob%40contoso.com%27&",
                         kSelect, "&$top=999"));
}

TEST(GraphUrlsTest, NextLinkOnTheSameRootIsFollowedAsGiven) {
  ListUsersQuery q;
  q.next_link = "https://graph.microsoft.com/v1.0/users?$skiptoken=X%27Y";
  EXPECT_EQ(*ListGuestsUrl(kBase, q), q.next_link);
}

TEST(GraphUrlsTest, NextLinkElsewhereIsRejectedSoTheTokenStaysHome) {
  for (const char* link :
       {"https://evil.example/v1.0/users?$skiptoken=X",
        "https://graph.microsoft.com.evil.example/v1.0/users",
        "https://graph.microsoft.com/v1.0.evil/users",
        "https://graph.microsoft.com/beta/users",
        "http://graph.microsoft.com/v1.0/users",
        "https://graph.microsoft.com/v1.0/users?a=b\r\nX-Injected: 1",
        "/v1.0/users"}) {
    ListUsersQuery q;
    q.next_link = link;
    EXPECT_EQ(ListGuestsUrl(kBase, q).status().code(),
              absl::StatusCode::kInvalidArgument)
        << link;
  }
}

TEST(GraphUrlsTest, LogPathDropsQueriesAndMasksEmails) {
  EXPECT_EQ(PathForLog(FindUserByMailUrl(kBase, "bob@contoso.com")),
            "/v1.0/users");
  EXPECT_EQ(PathForLog("https://graph.microsoft.com/v1.0/users/u-1?$select=id"),
            "/v1.0/users/u-1");
  EXPECT_EQ(
      PathForLog("https://graph.microsoft.com/v1.0/users/bob%40contoso.com"),
      "/v1.0/users/b***@contoso.com");
  EXPECT_EQ(PathForLog("https://host"), "");
}

}  // namespace
}  // namespace guestinvitation::graph
