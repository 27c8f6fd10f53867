// Groups and membership by $ref in the Graph emulator.
#include "tests/unit/emulator_test_support.h"

namespace guestinvitation::emulator::testing {
namespace {

using ::testing::HasSubstr;

class EmulatorGroupsTest : public EmulatorTest {};

constexpr char kUnknown[] = "00000000-0000-4000-8000-0000000000aa";

TEST_F(EmulatorGroupsTest, AddMemberIs204ThenAlreadyExists400) {
  std::string id = InviteUser("g@fabrikam.com");
  ServerResponse added = AddMember(kGroup1, id);
  EXPECT_EQ(added.status, 204);
  EXPECT_TRUE(added.body.empty());
  ServerResponse again = AddMember(kGroup1, id);
  EXPECT_EQ(again.status, 400);
  EXPECT_EQ(ErrorCode(again), "Request_BadRequest");
  EXPECT_EQ(ErrorMessage(again),
            "One or more added object references already exist for the "
            "following modified properties: 'members'.");
  EXPECT_EQ(AddMember(kGroup2, id).status, 204);
  boost::json::object ledger = emu_->Ledger();
  ASSERT_EQ(ledger.at("memberships").as_array().size(), 2u);
  EXPECT_EQ(Str(ledger.at("memberships").at(0).at("group_id")), kGroup1);
  EXPECT_EQ(Str(ledger.at("memberships").at(0).at("user_id")), id);
}

TEST_F(EmulatorGroupsTest, UnknownGroupOrUserIs404) {
  std::string id = InviteUser("g@fabrikam.com");
  ServerResponse no_group = AddMember(kUnknown, id);
  EXPECT_EQ(no_group.status, 404);
  EXPECT_EQ(ErrorCode(no_group), "Request_ResourceNotFound");
  EXPECT_EQ(ErrorMessage(no_group),
            absl::StrCat("Resource '", kUnknown,
                         "' does not exist or one of its queried "
                         "reference-property objects are not present."));
  ServerResponse no_user = AddMember(kGroup1, kUnknown);
  EXPECT_EQ(no_user.status, 404);
  EXPECT_THAT(ErrorMessage(no_user), HasSubstr(kUnknown));
}

TEST_F(EmulatorGroupsTest, MalformedReferenceIs400) {
  std::string path = absl::StrCat("/v1.0/groups/", kGroup1, "/members/$ref");
  for (
      const char* body :
      {"", "not json", "[]", "{}", R"({"@odata.id":5})",
       R"({"@odata.id":"https://evil.example/v1.0/directoryObjects/x"})",
       R"({"@odata.id":"https://graph.microsoft.com/v1.0/groups/x"})",
       R"({"@odata.id":"https://graph.microsoft.com/v1.0/directoryObjects/"})"}) {
    ServerResponse r = Graph("POST", path, body);
    EXPECT_EQ(r.status, 400) << body;
  }
  // A huge reference is quoted cut short, not echoed whole.
  std::string huge(100000, 'a');
  ServerResponse r = Graph(
      "POST", path, absl::StrCat(R"({"@odata.id":"https://evil.example/)", huge,
                                 R"("})"));
  EXPECT_EQ(r.status, 400);
  EXPECT_LT(r.body.size(), 2000u);
  EXPECT_THAT(r.body, ::testing::HasSubstr("aaa..."));
}

TEST_F(EmulatorGroupsTest, EmulatorHostAndEncodedRefAreAccepted) {
  std::string id = InviteUser("g@fabrikam.com");
  ServerResponse r =
      Graph("POST", absl::StrCat("/v1.0/groups/", kGroup1, "/members/%24ref"),
            absl::StrCat(R"({"@odata.id":")", kBase, "/v1.0/directoryObjects/",
                         id, R"("})"));
  EXPECT_EQ(r.status, 204) << r.body;
}

TEST_F(EmulatorGroupsTest, ReplicationLagRefusesAddsUntilVisible) {
  Make(Config(R"({"consistency":{"delay_ms":2000}})"));
  std::string id = InviteUser("lag@fabrikam.com");
  ServerResponse early = AddMember(kGroup1, id);
  EXPECT_EQ(early.status, 400);
  EXPECT_EQ(ErrorCode(early), "Request_BadRequest");
  EXPECT_EQ(ErrorMessage(early),
            "The source resource object or one of the objects being "
            "referenced do not exist.");
  now_ += absl::Milliseconds(1999);
  EXPECT_EQ(AddMember(kGroup1, id).status, 400);
  now_ += absl::Milliseconds(1);
  EXPECT_EQ(AddMember(kGroup1, id).status, 204);
}

TEST_F(EmulatorGroupsTest, RemoveMember) {
  std::string id = InviteUser("g@fabrikam.com");
  std::string path =
      absl::StrCat("/v1.0/groups/", kGroup1, "/members/", id, "/$ref");
  EXPECT_EQ(Graph("DELETE", path).status, 404);
  ASSERT_EQ(AddMember(kGroup1, id).status, 204);
  EXPECT_EQ(Graph("DELETE", path).status, 204);
  EXPECT_EQ(emu_->Ledger().at("memberships").as_array().size(), 0u);
  EXPECT_EQ(AddMember(kGroup1, id).status, 204);
  EXPECT_EQ(Graph("DELETE", absl::StrCat("/v1.0/groups/", kUnknown, "/members/",
                                         id, "/$ref"))
                .status,
            404);
}

TEST_F(EmulatorGroupsTest, ListAndGetSeededGroups) {
  ServerResponse list = Graph("GET", "/v1.0/groups");
  ASSERT_EQ(list.status, 200) << list.body;
  boost::json::array value = Json(list).at("value").as_array();
  ASSERT_EQ(value.size(), 3u);
  EXPECT_EQ(Str(value.at(0).at("displayName")), "Fabrikam Partners");
  EXPECT_EQ(Str(value.at(0).at("id")), kGroup1);
  ServerResponse one = Graph(
      "GET", absl::StrCat("/v1.0/groups/", kGroup2, "?$select=displayName"));
  ASSERT_EQ(one.status, 200) << one.body;
  boost::json::object group = Json(one).as_object();
  EXPECT_EQ(Str(group.at("displayName")), "Contoso Suppliers");
  EXPECT_FALSE(group.contains("id"));
  EXPECT_EQ(Graph("GET", absl::StrCat("/v1.0/groups/", kUnknown)).status, 404);
}

TEST_F(EmulatorGroupsTest, GroupsPageWithTop) {
  ServerResponse page1 = Graph("GET", "/v1.0/groups?$top=2");
  boost::json::object body = Json(page1).as_object();
  EXPECT_EQ(body.at("value").as_array().size(), 2u);
  std::string next = Str(body.at("@odata.nextLink"));
  ASSERT_EQ(next.rfind(kBase, 0), 0u) << next;
  ServerResponse page2 = Graph("GET", next.substr(std::string(kBase).size()));
  boost::json::object body2 = Json(page2).as_object();
  EXPECT_EQ(body2.at("value").as_array().size(), 1u);
  EXPECT_FALSE(body2.contains("@odata.nextLink"));
}

TEST_F(EmulatorGroupsTest, ConfiguredGroupsReplaceTheDefaults) {
  Make(Config(R"({"groups":[{"id":"g-1","display_name":"Only"}]})"));
  boost::json::array value =
      Json(Graph("GET", "/v1.0/groups")).at("value").as_array();
  ASSERT_EQ(value.size(), 1u);
  EXPECT_EQ(Str(value.at(0).at("displayName")), "Only");
}

TEST_F(EmulatorGroupsTest, DeletedUserCannotBeAdded) {
  std::string id = InviteUser("g@fabrikam.com");
  Graph("DELETE", absl::StrCat("/v1.0/users/", id));
  EXPECT_EQ(AddMember(kGroup1, id).status, 404);
}

}  // namespace
}  // namespace guestinvitation::emulator::testing
