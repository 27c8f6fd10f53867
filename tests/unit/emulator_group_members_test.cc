// Group members (graph-api.md 2.2, 2.3): GET /groups/{id}/members with
// $select, $top and nextLink paging; members@odata.bind by PATCH and POST,
// at most 20, all or nothing; $filter on GET /groups.
#include "tests/unit/emulator_test_support.h"

namespace guestinvitation::emulator::testing {
namespace {

using ::testing::HasSubstr;

class GroupMembersTest : public EmulatorTest {
 protected:
  static std::string Url(const std::string& id) {
    return absl::StrCat("https://graph.microsoft.com/v1.0/directoryObjects/",
                        id);
  }
  static std::string BindBody(const std::vector<std::string>& ids) {
    boost::json::array urls;
    for (const std::string& id : ids) urls.emplace_back(Url(id));
    return boost::json::serialize(
        boost::json::object{{"members@odata.bind", urls}});
  }
  ServerResponse Bind(const std::vector<std::string>& ids,
                      const char* method = "PATCH") {
    std::string path = absl::StrCat("/v1.0/groups/", kGroup1);
    if (std::string(method) == "POST") path += "/members";
    return Graph(method, path, BindBody(ids));
  }
  size_t MembershipCount() {
    return emu_->Ledger().at("memberships").as_array().size();
  }
  std::vector<std::string> Invite(int n, const std::string& prefix) {
    std::vector<std::string> ids;
    for (int i = 0; i < n; ++i) {
      ids.push_back(InviteUser(absl::StrCat(prefix, i, "@fabrikam.com")));
    }
    return ids;
  }
  std::vector<std::string> MemberIds(const ServerResponse& r) {
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<std::string> ids;
    boost::json::value body = Json(r);
    if (!body.is_object() || !body.as_object().contains("value")) return ids;
    for (const auto& m : body.at("value").as_array()) {
      ids.push_back(Str(m.at("id")));
    }
    return ids;
  }
};

TEST_F(GroupMembersTest, PatchBindAddsAllAndIs204) {
  std::vector<std::string> ids = Invite(20, "b");
  ServerResponse r = Bind(ids);
  EXPECT_EQ(r.status, 204) << r.body;
  EXPECT_TRUE(r.body.empty());
  EXPECT_EQ(MembershipCount(), 20u);
  // And the single add now sees them as members.
  EXPECT_EQ(AddMember(kGroup1, ids[3]).status, 400);
}

TEST_F(GroupMembersTest, PostMembersSharesTheBindRules) {
  std::vector<std::string> ids = Invite(2, "p");
  EXPECT_EQ(Bind(ids, "POST").status, 204);
  EXPECT_EQ(MembershipCount(), 2u);
  ServerResponse again = Bind({ids[0]}, "POST");
  EXPECT_EQ(again.status, 400);
  ServerResponse empty =
      Graph("POST", absl::StrCat("/v1.0/groups/", kGroup1, "/members"), "{}");
  EXPECT_EQ(empty.status, 400);
}

TEST_F(GroupMembersTest, TwentyOneIsRefusedAndAddsNobody) {
  ServerResponse r = Bind(Invite(21, "t"));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(ErrorCode(r), "Request_BadRequest");
  EXPECT_THAT(ErrorMessage(r), HasSubstr("20"));
  EXPECT_EQ(MembershipCount(), 0u);
}

TEST_F(GroupMembersTest, OneUnknownIdAddsNobody) {
  std::vector<std::string> ids = Invite(3, "u");
  ids.insert(ids.begin() + 1, "00000000-0000-0000-0000-000000000000");
  ServerResponse r = Bind(ids);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(ErrorCode(r), "Request_ResourceNotFound");
  EXPECT_EQ(MembershipCount(), 0u);
}

TEST_F(GroupMembersTest, DuplicateInBodyOrExistingMemberAddsNobody) {
  std::vector<std::string> ids = Invite(3, "d");
  ServerResponse dup = Bind({ids[0], ids[1], ids[0]});
  EXPECT_EQ(dup.status, 400);
  EXPECT_THAT(ErrorMessage(dup), HasSubstr("already exist"));
  EXPECT_EQ(MembershipCount(), 0u);
  ASSERT_EQ(AddMember(kGroup1, ids[2]).status, 204);
  ServerResponse existing = Bind({ids[0], ids[2]});
  EXPECT_EQ(existing.status, 400);
  EXPECT_EQ(MembershipCount(), 1u);
}

TEST_F(GroupMembersTest, LaggingUserAddsNobodyUntilVisible) {
  std::vector<std::string> ids = Invite(2, "l");
  Make(Config(R"({"consistency":{"delay_ms":2000}})"));
  ids = Invite(1, "old");
  now_ += absl::Seconds(3);
  ids.push_back(InviteUser("new@fabrikam.com"));
  ServerResponse r = Bind(ids);
  EXPECT_EQ(r.status, 400);
  EXPECT_THAT(ErrorMessage(r), HasSubstr("do not exist"));
  EXPECT_EQ(MembershipCount(), 0u);
  now_ += absl::Seconds(2);
  EXPECT_EQ(Bind(ids).status, 204);
  EXPECT_EQ(MembershipCount(), 2u);
}

TEST_F(GroupMembersTest, MalformedBindsAre400) {
  std::vector<std::string> ids = Invite(1, "m");
  std::string path = absl::StrCat("/v1.0/groups/", kGroup1);
  for (
      const std::string& body :
      {std::string(R"({"members@odata.bind":"x"})"),
       std::string(R"({"members@odata.bind":[1]})"),
       std::string(
           R"({"members@odata.bind":["https://evil.example/v1.0/directoryObjects/x"]})"),
       absl::StrCat(R"({"members@odata.bind":[")", Url(ids[0]),
                    R"("],"displayName":"x"})"),
       std::string("[]"), std::string("nope")}) {
    ServerResponse r = Graph("PATCH", path, body);
    EXPECT_EQ(r.status, 400) << body;
  }
  EXPECT_EQ(MembershipCount(), 0u);
  EXPECT_EQ(Graph("PATCH", "/v1.0/groups/nope", BindBody(ids)).status, 404);
  // The emulator's own origin is accepted as host, as for $ref.
  std::string own = absl::StrCat(R"({"members@odata.bind":[")", kBase,
                                 "/v1.0/directoryObjects/", ids[0], R"("]})");
  EXPECT_EQ(Graph("PATCH", path, own).status, 204);
  EXPECT_EQ(Graph("PATCH", path, "{}").status, 204);
}

TEST_F(GroupMembersTest, ListMembersWithSelectTopAndPaging) {
  std::vector<std::string> ids = Invite(5, "g");
  ASSERT_EQ(Bind(ids).status, 204);
  std::string path = absl::StrCat("/v1.0/groups/", kGroup1, "/members");
  ServerResponse all = Graph("GET", path);
  EXPECT_EQ(MemberIds(all), ids);
  boost::json::object body = Json(all).as_object();
  EXPECT_EQ(Str(body.at("@odata.context")),
            absl::StrCat(kBase, "/v1.0/$metadata#directoryObjects"));
  const boost::json::object& first = body.at("value").at(0).as_object();
  EXPECT_EQ(Str(first.at("@odata.type")), "#microsoft.graph.user");
  EXPECT_TRUE(first.contains("userPrincipalName"));
  EXPECT_FALSE(first.contains("userType"));

  ServerResponse page = Graph("GET", path + "?$select=id,userType&$top=2");
  EXPECT_EQ(MemberIds(page), (std::vector<std::string>{ids[0], ids[1]}));
  boost::json::object m = Json(page).at("value").at(0).as_object();
  EXPECT_EQ(m.size(), 3u);  // @odata.type, id, userType
  std::vector<std::string> seen;
  std::string next = Str(Json(page).at("@odata.nextLink"));
  int pages = 1;
  while (!next.empty() && pages < 10) {
    ASSERT_EQ(next.rfind(kBase, 0), 0u);
    ServerResponse r = Graph("GET", next.substr(std::string(kBase).size()));
    for (const std::string& id : MemberIds(r)) seen.push_back(id);
    boost::json::object o = Json(r).as_object();
    next = o.contains("@odata.nextLink") ? Str(o.at("@odata.nextLink")) : "";
    ++pages;
  }
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(seen, (std::vector<std::string>{ids[2], ids[3], ids[4]}));
}

TEST_F(GroupMembersTest, ListMembersErrors) {
  EXPECT_EQ(Graph("GET", "/v1.0/groups/nope/members").status, 404);
  std::string path = absl::StrCat("/v1.0/groups/", kGroup1, "/members");
  for (const char* q : {"?$select=nope", "?$filter=mail eq 'a'", "?$count=true",
                        "?$skiptoken=garbage", "?$top=0"}) {
    EXPECT_EQ(Graph("GET", path + q).status, 400) << q;
  }
  EXPECT_TRUE(Json(Graph("GET", path)).at("value").as_array().empty());
}

TEST_F(GroupMembersTest, MembersListCostsThreeResourceUnits) {
  Make(Config(R"({"throttling":{"enabled":true}})"));
  std::string path = absl::StrCat("/v1.0/groups/", kGroup1, "/members");
  EXPECT_EQ(HeaderOf(Graph("GET", path), "x-ms-resource-unit"), "3");
  EXPECT_EQ(HeaderOf(Graph("GET", path + "?$select=id"), "x-ms-resource-unit"),
            "2");
  EXPECT_EQ(
      HeaderOf(Graph("PATCH", absl::StrCat("/v1.0/groups/", kGroup1), "{}"),
               "x-ms-resource-unit"),
      "1");
}

TEST_F(GroupMembersTest, FilterGroupsByDisplayName) {
  boost::json::array groups =
      Json(Graph("GET", "/v1.0/groups")).at("value").as_array();
  ASSERT_GE(groups.size(), 2u);
  std::string name = Str(groups.at(1).at("displayName"));
  boost::json::array eq =
      Json(Graph("GET", absl::StrCat("/v1.0/groups?$filter=displayName eq '",
                                     name, "'")))
          .at("value")
          .as_array();
  ASSERT_EQ(eq.size(), 1u);
  EXPECT_EQ(Str(eq.at(0).at("displayName")), name);
  boost::json::array starts =
      Json(Graph("GET", absl::StrCat("/v1.0/groups?$filter=startsWith("
                                     "displayName,'",
                                     name.substr(0, 3), "')")))
          .at("value")
          .as_array();
  EXPECT_GE(starts.size(), 1u);
  EXPECT_TRUE(
      Json(Graph("GET", "/v1.0/groups?$filter=displayName eq 'no such'"))
          .at("value")
          .as_array()
          .empty());
  for (const char* q : {"$filter=displayName ne 'x'", "$filter=id eq 'x'",
                        "$orderby=displayName", "$count=true"}) {
    ServerResponse r = Graph("GET", absl::StrCat("/v1.0/groups?", q));
    EXPECT_EQ(r.status, 400) << q;
    EXPECT_EQ(ErrorCode(r), "Request_UnsupportedQuery") << q;
  }
}

TEST_F(GroupMembersTest, PatchOfOtherGroupPropertiesIsRefused) {
  ServerResponse r = Graph("PATCH", absl::StrCat("/v1.0/groups/", kGroup1),
                           R"({"displayName":"Renamed"})");
  EXPECT_EQ(r.status, 400);
  EXPECT_THAT(ErrorMessage(r), HasSubstr("not supported by the emulator"));
}

}  // namespace
}  // namespace guestinvitation::emulator::testing
