// Soft delete, directory/deletedItems, permanent delete and restore
// (graph-api.md 3.4), re-invites of a soft-deleted address, and the ledger.
#include "tests/unit/emulator_test_support.h"

namespace guestinvitation::emulator::testing {
namespace {

using ::testing::HasSubstr;

class DeletedItemsTest : public EmulatorTest {
 protected:
  static std::string Item(const std::string& id) {
    return absl::StrCat("/v1.0/directory/deletedItems/", id);
  }
  std::string InviteAndDelete(const std::string& email) {
    std::string id = InviteUser(email);
    EXPECT_EQ(AddMember(kGroup1, id).status, 204);
    now_ += absl::Minutes(1);
    EXPECT_EQ(Graph("DELETE", absl::StrCat("/v1.0/users/", id)).status, 204);
    return id;
  }
  boost::json::object LedgerUser(size_t i) {
    return emu_->Ledger().at("users").at(i).as_object();
  }
  size_t Memberships() {
    return emu_->Ledger().at("memberships").as_array().size();
  }
};

TEST_F(DeletedItemsTest, SoftDeletedUserIsInTheContainer) {
  std::string id = InviteAndDelete("s@fabrikam.com");
  EXPECT_EQ(Graph("GET", absl::StrCat("/v1.0/users/", id)).status, 404);
  ServerResponse r = Graph("GET", Item(id));
  ASSERT_EQ(r.status, 200) << r.body;
  boost::json::object body = Json(r).as_object();
  EXPECT_EQ(Str(body.at("@odata.type")), "#microsoft.graph.user");
  EXPECT_EQ(Str(body.at("id")), id);
  EXPECT_EQ(Str(body.at("deletedDateTime")), "2026-01-01T00:01:00Z");
  EXPECT_EQ(
      Str(body.at("@odata.context")),
      absl::StrCat(kBase, "/v1.0/$metadata#directory/deletedItems/$entity"));
  // Deleted members are not listed, but the membership is kept.
  EXPECT_TRUE(
      Json(Graph("GET", absl::StrCat("/v1.0/groups/", kGroup1, "/members")))
          .at("value")
          .as_array()
          .empty());
  EXPECT_EQ(Memberships(), 1u);
  EXPECT_FALSE(LedgerUser(0).at("permanentlyDeleted").as_bool());
}

TEST_F(DeletedItemsTest, LiveOrUnknownUsersAreNotInTheContainer) {
  std::string id = InviteUser("live@fabrikam.com");
  EXPECT_EQ(Graph("GET", Item(id)).status, 404);
  EXPECT_EQ(Graph("DELETE", Item(id)).status, 404);
  EXPECT_EQ(Graph("POST", Item(id) + "/restore").status, 404);
  ServerResponse r = Graph("DELETE", Item("nope"));
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(ErrorCode(r), "Request_ResourceNotFound");
  EXPECT_EQ(Graph("PATCH", Item(id), "{}").status, 405);
  // The live user was not touched.
  EXPECT_EQ(Graph("GET", absl::StrCat("/v1.0/users/", id)).status, 200);
}

TEST_F(DeletedItemsTest, PermanentDeleteIsFinalAndShownInLedger) {
  std::string id = InviteAndDelete("p@fabrikam.com");
  now_ += absl::Minutes(1);
  ServerResponse r = Graph("DELETE", Item(id));
  EXPECT_EQ(r.status, 204);
  EXPECT_TRUE(r.body.empty());
  EXPECT_EQ(Graph("GET", Item(id)).status, 404);
  EXPECT_EQ(Graph("DELETE", Item(id)).status, 404);
  EXPECT_EQ(Graph("POST", Item(id) + "/restore").status, 404);
  boost::json::object user = LedgerUser(0);
  EXPECT_TRUE(user.at("deleted").as_bool());
  EXPECT_EQ(Str(user.at("deletedDateTime")), "2026-01-01T00:01:00Z");
  EXPECT_TRUE(user.at("permanentlyDeleted").as_bool());
  EXPECT_EQ(Str(user.at("permanentlyDeletedDateTime")), "2026-01-01T00:02:00Z");
  EXPECT_EQ(Memberships(), 0u);
}

TEST_F(DeletedItemsTest, RestoreBringsTheUserAndMembershipsBack) {
  std::string id = InviteAndDelete("r@fabrikam.com");
  ServerResponse r = Graph("POST", Item(id) + "/restore");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Str(Json(r).at("id")), id);
  EXPECT_EQ(Str(Json(r).at("@odata.type")), "#microsoft.graph.user");
  EXPECT_EQ(Graph("GET", absl::StrCat("/v1.0/users/", id)).status, 200);
  EXPECT_EQ(Graph("GET", Item(id)).status, 404);
  boost::json::array members =
      Json(Graph("GET", absl::StrCat("/v1.0/groups/", kGroup1, "/members")))
          .at("value")
          .as_array();
  ASSERT_EQ(members.size(), 1u);
  EXPECT_EQ(Str(members.at(0).at("id")), id);
  EXPECT_FALSE(LedgerUser(0).at("deleted").as_bool());
  EXPECT_TRUE(LedgerUser(0).at("deletedDateTime").is_null());
  // A re-invite finds the restored user again.
  EXPECT_EQ(InviteUser("r@fabrikam.com"), id);
}

TEST_F(DeletedItemsTest, ReinviteOfSoftDeletedAddressCreatesANewUserByDefault) {
  std::string old_id = InviteAndDelete("again@fabrikam.com");
  std::string new_id = InviteUser("again@fabrikam.com");
  EXPECT_NE(new_id, old_id);
  EXPECT_EQ(emu_->Ledger().at("users").as_array().size(), 2u);
  // The address is taken: the old user cannot come back.
  ServerResponse r = Graph("POST", Item(old_id) + "/restore");
  EXPECT_EQ(r.status, 400);
  EXPECT_THAT(ErrorMessage(r), HasSubstr("userPrincipalName already exists"));
  EXPECT_EQ(Graph("GET", Item(old_id)).status, 200);
}

TEST_F(DeletedItemsTest, SoftDeletedUserCanBlockReinvite) {
  Make(Config(R"({"invitations":{"soft_deleted_blocks_reinvite":true}})"));
  std::string id = InviteAndDelete("blocked@fabrikam.com");
  ServerResponse r = Invite("blocked@fabrikam.com");
  EXPECT_EQ(r.status, 400);
  EXPECT_THAT(ErrorMessage(r), HasSubstr(id));
  EXPECT_EQ(emu_->Ledger().at("users").as_array().size(), 1u);
  // Once purged, the address is free again.
  ASSERT_EQ(Graph("DELETE", Item(id)).status, 204);
  EXPECT_NE(InviteUser("blocked@fabrikam.com"), id);
}

}  // namespace
}  // namespace guestinvitation::emulator::testing
