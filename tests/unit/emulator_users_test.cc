// Users: $select, $filter, paging, PATCH, DELETE and replication lag.
#include "tests/unit/emulator_test_support.h"

namespace guestinvitation::emulator::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::UnorderedElementsAreArray;

class EmulatorUsersTest : public EmulatorTest {
 protected:
  static std::vector<std::string> Keys(const boost::json::object& o) {
    std::vector<std::string> keys;
    for (const auto& entry : o) keys.emplace_back(entry.key());
    return keys;
  }
  std::vector<std::string> Mails(const ServerResponse& r) {
    std::vector<std::string> mails;
    boost::json::value body = Json(r);
    EXPECT_EQ(r.status, 200) << r.body;
    if (!body.is_object() || !body.as_object().contains("value")) return mails;
    for (const auto& u : body.at("value").as_array()) {
      mails.push_back(Str(u.at("mail")));
    }
    return mails;
  }
  // Follows @odata.nextLink to the end; returns every mail seen.
  std::vector<std::string> AllPages(const std::string& first, int* pages) {
    std::vector<std::string> mails;
    std::string target = first;
    *pages = 0;
    while (!target.empty() && *pages < 100) {
      ServerResponse r = Graph("GET", target);
      EXPECT_EQ(r.status, 200) << r.body;
      ++*pages;
      for (const std::string& m : Mails(r)) mails.push_back(m);
      boost::json::object body = Json(r).as_object();
      target.clear();
      if (body.contains("@odata.nextLink")) {
        std::string next = Str(body.at("@odata.nextLink"));
        EXPECT_EQ(next.rfind(kBase, 0), 0u) << next;
        EXPECT_THAT(next, HasSubstr("$skiptoken="));
        target = next.substr(std::string(kBase).size());
      }
    }
    return mails;
  }
};

TEST_F(EmulatorUsersTest, DefaultPropertySetWithoutSelect) {
  std::string id = InviteUser("d@fabrikam.com");
  ServerResponse r = Graph("GET", absl::StrCat("/v1.0/users/", id));
  ASSERT_EQ(r.status, 200) << r.body;
  boost::json::object user = Json(r).as_object();
  EXPECT_THAT(
      Keys(user),
      UnorderedElementsAreArray(
          {"@odata.context", "businessPhones", "displayName", "givenName", "id",
           "jobTitle", "mail", "mobilePhone", "officeLocation",
           "preferredLanguage", "surname", "userPrincipalName"}));
  EXPECT_EQ(Str(user.at("@odata.context")),
            absl::StrCat(kBase, "/v1.0/$metadata#users/$entity"));
  EXPECT_TRUE(user.at("businessPhones").as_array().empty());
}

TEST_F(EmulatorUsersTest, SelectReturnsExactlyTheSelectedProperties) {
  std::string id = InviteUser("d@fabrikam.com");
  ServerResponse r = Graph(
      "GET", absl::StrCat("/v1.0/users/", id,
                          "?%24select=id,accountEnabled,userType,"
                          "externalUserState,externalUserStateChangeDateTime,"
                          "creationType,createdDateTime"));
  ASSERT_EQ(r.status, 200) << r.body;
  boost::json::object user = Json(r).as_object();
  EXPECT_THAT(Keys(user),
              UnorderedElementsAreArray(
                  {"@odata.context", "id", "accountEnabled", "userType",
                   "externalUserState", "externalUserStateChangeDateTime",
                   "creationType", "createdDateTime"}));
  EXPECT_EQ(Str(user.at("createdDateTime")), "2026-01-01T00:00:00Z");
  EXPECT_THAT(Str(user.at("@odata.context")),
              HasSubstr("$metadata#users(id,accountEnabled,"));
}

TEST_F(EmulatorUsersTest, SelectIsCaseInsensitiveAndRejectsUnknown) {
  std::string id = InviteUser("d@fabrikam.com");
  ServerResponse r =
      Graph("GET", absl::StrCat("/v1.0/users/", id, "?$select=USERTYPE"));
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(Str(Json(r).at("userType")), "Guest");
  ServerResponse bad =
      Graph("GET", absl::StrCat("/v1.0/users/", id, "?$select=nope"));
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(ErrorCode(bad), "Request_BadRequest");
}

TEST_F(EmulatorUsersTest, GetByUserPrincipalName) {
  std::string id = InviteUser("d@fabrikam.com");
  ServerResponse r = Graph(
      "GET", "/v1.0/users/d_fabrikam.com%23EXT%23@contoso.onmicrosoft.com");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Str(Json(r).at("id")), id);
}

TEST_F(EmulatorUsersTest, UnknownUserIs404) {
  ServerResponse r = Graph("GET", "/v1.0/users/nobody");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(ErrorCode(r), "Request_ResourceNotFound");
  EXPECT_EQ(ErrorMessage(r),
            "Resource 'nobody' does not exist or one of its queried "
            "reference-property objects are not present.");
}

TEST_F(EmulatorUsersTest, FilterByEqClausesJoinedByAnd) {
  Make(Config(R"({"tenant_policy":{"caller_is_admin":true}})"));  // Member
  std::string a = InviteUser("a@fabrikam.com");
  InviteUser("b@fabrikam.com", R"(,"invitedUserType":"Member")");
  std::string c = InviteUser("c@fabrikam.com");
  Graph("PATCH", absl::StrCat("/v1.0/users/", c),
        R"({"accountEnabled":false})");
  EXPECT_EQ(Mails(Graph("GET", "/v1.0/users?$filter=userType eq 'Guest'")),
            (std::vector<std::string>{"a@fabrikam.com", "c@fabrikam.com"}));
  EXPECT_EQ(Mails(Graph("GET",
                        "/v1.0/users?$filter=userType%20eq%20%27Guest%27%20and"
                        "%20accountEnabled%20eq%20true")),
            (std::vector<std::string>{"a@fabrikam.com"}));
  EXPECT_EQ(Mails(Graph("GET", "/v1.0/users?$filter=mail eq 'B@FABRIKAM.COM'")),
            (std::vector<std::string>{"b@fabrikam.com"}));
  EXPECT_EQ(
      Mails(Graph("GET",
                  "/v1.0/users?$filter=externalUserState eq 'PendingAcceptance'"
                  " and accountEnabled eq false")),
      (std::vector<std::string>{"c@fabrikam.com"}));
  EXPECT_TRUE(
      Mails(Graph("GET", "/v1.0/users?$filter=mail eq 'o''brien@x.com'"))
          .empty());
}

TEST_F(EmulatorUsersTest, UnsupportedFiltersAre400) {
  struct Case {
    const char* query;
    const char* code;
  } cases[] = {
      {"$filter=userType ne 'Guest'", "Request_UnsupportedQuery"},
      {"$filter=endsWith(mail,'a')", "Request_UnsupportedQuery"},
      {"$filter=jobTitle eq 'x'", "Request_UnsupportedQuery"},
      {"$filter=mail gt 'a'", "Request_UnsupportedQuery"},
      {"$filter=accountEnabled eq 'true'", "BadRequest"},
      {"$filter=mail eq 'unterminated", "BadRequest"},
      {"$filter=mail eq", "BadRequest"},
      {"$filter=", "BadRequest"},
      {"$count=true", "Request_UnsupportedQuery"},
      {"$top=1&$top=2", "BadRequest"},
      {"$skiptoken=garbage", "BadRequest"},
  };
  for (const Case& c : cases) {
    ServerResponse r = Graph("GET", absl::StrCat("/v1.0/users?", c.query));
    EXPECT_EQ(r.status, 400) << c.query;
    EXPECT_EQ(ErrorCode(r), c.code) << c.query;
  }
}

TEST_F(EmulatorUsersTest, TopBounds) {
  for (const char* top : {"0", "1000", "-1", "abc", "99999999999999999999"}) {
    ServerResponse r = Graph("GET", absl::StrCat("/v1.0/users?$top=", top));
    EXPECT_EQ(r.status, 400) << top;
  }
  EXPECT_EQ(Graph("GET", "/v1.0/users?$top=999").status, 200);
  EXPECT_EQ(Graph("GET", "/v1.0/users?$top=1").status, 200);
}

TEST_F(EmulatorUsersTest, PagingFollowsNextLinkWithFilterKept) {
  Make(Config(R"({"tenant_policy":{"caller_is_admin":true}})"));  // Member
  for (int i = 0; i < 7; ++i) {
    InviteUser(absl::StrCat("u", i, "@fabrikam.com"));
  }
  InviteUser("member@fabrikam.com", R"(,"invitedUserType":"Member")");
  int pages = 0;
  std::vector<std::string> mails =
      AllPages("/v1.0/users?$filter=userType eq 'Guest'&$top=3", &pages);
  EXPECT_EQ(pages, 3);
  ASSERT_EQ(mails.size(), 7u);
  for (int i = 0; i < 7; ++i) {
    EXPECT_EQ(mails[i], absl::StrCat("u", i, "@fabrikam.com"));
  }
}

TEST_F(EmulatorUsersTest, DefaultPageSizeIs100) {
  for (int i = 0; i < 101; ++i) InviteUser(absl::StrCat("p", i, "@x.com"));
  ServerResponse r = Graph("GET", "/v1.0/users");
  boost::json::object body = Json(r).as_object();
  EXPECT_EQ(body.at("value").as_array().size(), 100u);
  EXPECT_TRUE(body.contains("@odata.nextLink"));
  int pages = 0;
  EXPECT_EQ(AllPages("/v1.0/users", &pages).size(), 101u);
  EXPECT_EQ(pages, 2);
}

TEST_F(EmulatorUsersTest, ExactPageHasNoNextLink) {
  for (int i = 0; i < 3; ++i) InviteUser(absl::StrCat("e", i, "@x.com"));
  boost::json::object body =
      Json(Graph("GET", "/v1.0/users?$top=3")).as_object();
  EXPECT_EQ(body.at("value").as_array().size(), 3u);
  EXPECT_FALSE(body.contains("@odata.nextLink"));
}

TEST_F(EmulatorUsersTest, PatchAccountEnabled) {
  std::string id = InviteUser("p@fabrikam.com");
  ServerResponse r = Graph("PATCH", absl::StrCat("/v1.0/users/", id),
                           R"({"accountEnabled":false})");
  EXPECT_EQ(r.status, 204);
  EXPECT_TRUE(r.body.empty());
  boost::json::value user = Json(Graph(
      "GET", absl::StrCat("/v1.0/users/", id, "?$select=accountEnabled")));
  EXPECT_FALSE(user.at("accountEnabled").as_bool());
  EXPECT_FALSE(emu_->Ledger().at("users").at(0).at("accountEnabled").as_bool());
}

TEST_F(EmulatorUsersTest, PatchRejectsBadBodiesAndUnknownUsers) {
  std::string id = InviteUser("p@fabrikam.com");
  std::string path = absl::StrCat("/v1.0/users/", id);
  EXPECT_EQ(Graph("PATCH", path, "nope").status, 400);
  EXPECT_EQ(Graph("PATCH", path, R"({"accountEnabled":"no"})").status, 400);
  EXPECT_EQ(
      Graph("PATCH", path, R"({"accountEnabled":false,"jobTitle":"x"})").status,
      400);
  // All or nothing: the failed PATCH did not disable the account.
  EXPECT_TRUE(Json(Graph("GET", path + "?$select=accountEnabled"))
                  .at("accountEnabled")
                  .as_bool());
  EXPECT_EQ(Graph("PATCH", "/v1.0/users/nobody", R"({"accountEnabled":false})")
                .status,
            404);
}

TEST_F(EmulatorUsersTest, DeleteIsSoftAndKeptInLedger) {
  std::string id = InviteUser("del@fabrikam.com");
  ASSERT_EQ(AddMember(kGroup1, id).status, 204);
  now_ += absl::Minutes(5);
  ServerResponse r = Graph("DELETE", absl::StrCat("/v1.0/users/", id));
  EXPECT_EQ(r.status, 204);
  EXPECT_EQ(Graph("GET", absl::StrCat("/v1.0/users/", id)).status, 404);
  EXPECT_EQ(Graph("DELETE", absl::StrCat("/v1.0/users/", id)).status, 404);
  EXPECT_TRUE(Mails(Graph("GET", "/v1.0/users")).empty());
  boost::json::object ledger = emu_->Ledger();
  EXPECT_TRUE(ledger.at("users").at(0).at("deleted").as_bool());
  EXPECT_EQ(Str(ledger.at("users").at(0).at("deletedDateTime")),
            "2026-01-01T00:05:00Z");
  EXPECT_EQ(ledger.at("memberships").as_array().size(), 1u);
}

TEST_F(EmulatorUsersTest, ReplicationLagHidesNewUsers) {
  Make(Config(R"({"consistency":{"delay_ms":1500,
                                 "not_found_code":"Directory_ObjectNotFound"}})"));
  std::string id = InviteUser("lag@fabrikam.com");
  ServerResponse get = Graph("GET", absl::StrCat("/v1.0/users/", id));
  EXPECT_EQ(get.status, 404);
  EXPECT_EQ(ErrorCode(get), "Directory_ObjectNotFound");
  EXPECT_TRUE(Mails(Graph("GET", "/v1.0/users")).empty());
  EXPECT_TRUE(
      Mails(Graph("GET", "/v1.0/users?$filter=mail eq 'lag@fabrikam.com'"))
          .empty());
  // The write path already knows the address: a re-invite finds the user.
  EXPECT_EQ(InviteUser("lag@fabrikam.com"), id);
  now_ += absl::Milliseconds(1500);
  EXPECT_EQ(Graph("GET", absl::StrCat("/v1.0/users/", id)).status, 200);
  EXPECT_EQ(Mails(Graph("GET", "/v1.0/users")).size(), 1u);
}

TEST_F(EmulatorUsersTest, DefaultConsistencyCodeIsResourceNotFound) {
  Make(Config(R"({"consistency":{"delay_ms":10}})"));
  std::string id = InviteUser("lag@fabrikam.com");
  ServerResponse get = Graph("GET", absl::StrCat("/v1.0/users/", id));
  EXPECT_EQ(get.status, 404);
  EXPECT_EQ(ErrorCode(get), "Request_ResourceNotFound");
}

}  // namespace
}  // namespace guestinvitation::emulator::testing
