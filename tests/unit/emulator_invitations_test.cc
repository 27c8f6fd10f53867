// POST /v1.0/invitations in the Graph emulator.
#include "tests/unit/emulator_test_support.h"

namespace guestinvitation::emulator::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

class EmulatorInvitationsTest : public EmulatorTest {};

TEST_F(EmulatorInvitationsTest, CreatedBodyHasTheDocumentedShape) {
  ServerResponse r = Invite("admin@fabrikam.com");
  ASSERT_EQ(r.status, 201) << r.body;
  boost::json::object body = Json(r).as_object();
  EXPECT_EQ(Str(body.at("@odata.context")),
            absl::StrCat(kBase, "/v1.0/$metadata#invitations/$entity"));
  std::string id = Str(body.at("id"));
  std::string user_id = Str(body.at("invitedUser").at("id"));
  EXPECT_NE(id, user_id);
  EXPECT_EQ(id.size(), 36u);
  EXPECT_EQ(user_id.size(), 36u);
  EXPECT_THAT(Str(body.at("inviteRedeemUrl")),
              StartsWith("https://login.microsoftonline.com/redeem?rd="));
  EXPECT_THAT(Str(body.at("inviteRedeemUrl")), HasSubstr(id));
  EXPECT_TRUE(body.at("invitedUserDisplayName").is_null());
  EXPECT_EQ(Str(body.at("invitedUserType")), "Guest");
  EXPECT_EQ(Str(body.at("invitedUserEmailAddress")), "admin@fabrikam.com");
  EXPECT_FALSE(body.at("sendInvitationMessage").as_bool());
  EXPECT_FALSE(body.at("resetRedemption").as_bool());
  EXPECT_EQ(Str(body.at("inviteRedirectUrl")), "https://myapp.contoso.com");
  EXPECT_EQ(Str(body.at("status")), "PendingAcceptance");
  boost::json::value info = body.at("invitedUserMessageInfo");
  EXPECT_TRUE(info.at("messageLanguage").is_null());
  EXPECT_TRUE(info.at("customizedMessageBody").is_null());
  EXPECT_EQ(boost::json::serialize(info.at("ccRecipients")),
            R"([{"emailAddress":{"name":null,"address":null}}])");
  EXPECT_FALSE(body.contains("invitedUserSponsors"));
}

TEST_F(EmulatorInvitationsTest, EchoesWhatWasSent) {
  Make(Config(R"({"tenant_policy":{"caller_is_admin":true}})"));  // Member
  ServerResponse r =
      Invite("bob@contoso.com",
             R"(,"invitedUserDisplayName":"Bob","sendInvitationMessage":true,
          "invitedUserType":"member","invitedUserMessageInfo":{
          "messageLanguage":"fr-FR","customizedMessageBody":"Hi",
          "ccRecipients":[{"emailAddress":{"address":"cc@contoso.com"}}]})");
  ASSERT_EQ(r.status, 201) << r.body;
  boost::json::object body = Json(r).as_object();
  EXPECT_EQ(Str(body.at("invitedUserDisplayName")), "Bob");
  EXPECT_EQ(Str(body.at("invitedUserType")), "Member");
  EXPECT_TRUE(body.at("sendInvitationMessage").as_bool());
  boost::json::value info = body.at("invitedUserMessageInfo");
  EXPECT_EQ(Str(info.at("messageLanguage")), "fr-FR");
  EXPECT_EQ(Str(info.at("customizedMessageBody")), "Hi");
  EXPECT_EQ(Str(info.at("ccRecipients").at(0).at("emailAddress").at("address")),
            "cc@contoso.com");
}

TEST_F(EmulatorInvitationsTest, CreatesAPendingGuestUser) {
  std::string id = InviteUser("Admin@Fabrikam.com");
  ServerResponse r =
      Graph("GET", absl::StrCat("/v1.0/users/", id,
                                "?$select=id,mail,userPrincipalName,userType,"
                                "externalUserState,creationType,accountEnabled,"
                                "displayName"));
  ASSERT_EQ(r.status, 200) << r.body;
  boost::json::value user = Json(r);
  EXPECT_EQ(Str(user.at("mail")), "Admin@Fabrikam.com");
  EXPECT_EQ(Str(user.at("userPrincipalName")),
            "Admin_Fabrikam.com#EXT#@contoso.onmicrosoft.com");
  EXPECT_EQ(Str(user.at("userType")), "Guest");
  EXPECT_EQ(Str(user.at("externalUserState")), "PendingAcceptance");
  EXPECT_EQ(Str(user.at("creationType")), "Invitation");
  EXPECT_TRUE(user.at("accountEnabled").as_bool());
  EXPECT_EQ(Str(user.at("displayName")), "Admin");
}

TEST_F(EmulatorInvitationsTest, MemberInviteCreatesMemberUser) {
  Make(Config(R"({"tenant_policy":{"caller_is_admin":true}})"));  // Member
  std::string id =
      InviteUser("m@fabrikam.com", R"(,"invitedUserType":"Member")");
  boost::json::value user =
      Json(Graph("GET", absl::StrCat("/v1.0/users/", id, "?$select=userType")));
  EXPECT_EQ(Str(user.at("userType")), "Member");
}

TEST_F(EmulatorInvitationsTest, ReinviteReturnsSameUserAndNewUrl) {
  ServerResponse first = Invite("admin@fabrikam.com");
  ServerResponse second = Invite("ADMIN@fabrikam.COM");
  ASSERT_EQ(second.status, 201) << second.body;
  boost::json::value a = Json(first), b = Json(second);
  EXPECT_EQ(Str(a.at("invitedUser").at("id")),
            Str(b.at("invitedUser").at("id")));
  EXPECT_NE(Str(a.at("inviteRedeemUrl")), Str(b.at("inviteRedeemUrl")));
  EXPECT_NE(Str(a.at("id")), Str(b.at("id")));
  boost::json::object ledger = emu_->Ledger();
  EXPECT_EQ(ledger.at("users").as_array().size(), 1u);
  EXPECT_EQ(ledger.at("invitation_posts").at("admin@fabrikam.com").as_int64(),
            2);
}

TEST_F(EmulatorInvitationsTest, ReinviteCanBeConfiguredAsAlreadyExistsError) {
  Make(Config(R"({"invitations":{"reinvite_existing":"error",
      "already_exists_status":409,"already_exists_code":"Conflict"}})"));
  std::string id = InviteUser("admin@fabrikam.com");
  ServerResponse r = Invite("admin@fabrikam.com");
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(ErrorCode(r), "Conflict");
  EXPECT_EQ(ErrorMessage(r),
            absl::StrCat("The invited user already exists in the directory "
                         "as object ID: ",
                         id, "."));
  // The blocked-account variant once the guest is disabled.
  Graph("PATCH", absl::StrCat("/v1.0/users/", id),
        R"({"accountEnabled":false})");
  EXPECT_THAT(ErrorMessage(Invite("admin@fabrikam.com")),
              HasSubstr(", but the account is blocked from signing in."));
}

TEST_F(EmulatorInvitationsTest, DeletedUserDoesNotBlockANewInvite) {
  std::string id = InviteUser("admin@fabrikam.com");
  ASSERT_EQ(Graph("DELETE", absl::StrCat("/v1.0/users/", id)).status, 204);
  std::string again = InviteUser("admin@fabrikam.com");
  EXPECT_NE(id, again);
}

TEST_F(EmulatorInvitationsTest, RequiredFieldsAreValidated) {
  ServerResponse no_email = Graph("POST", "/v1.0/invitations",
                                  R"({"inviteRedirectUrl":"https://a.b"})");
  EXPECT_EQ(no_email.status, 400);
  EXPECT_EQ(ErrorCode(no_email), "BadRequest");
  EXPECT_THAT(ErrorMessage(no_email), HasSubstr("invitedUserEmailAddress"));
  ServerResponse no_url = Graph("POST", "/v1.0/invitations",
                                R"({"invitedUserEmailAddress":"a@b.com"})");
  EXPECT_EQ(no_url.status, 400);
  EXPECT_THAT(ErrorMessage(no_url), HasSubstr("inviteRedirectUrl"));
  ServerResponse bad_url = Graph(
      "POST", "/v1.0/invitations",
      R"({"invitedUserEmailAddress":"a@b.com","inviteRedirectUrl":"nope"})");
  EXPECT_EQ(bad_url.status, 400);
}

TEST_F(EmulatorInvitationsTest, EmailRulesAreEnforced) {
  const char* bad[] = {
      "a~b@x.com", "a!b@x.com", "a#b@x.com", "a$b@x.com", "a%b@x.com",
      "a^b@x.com", "a&b@x.com", "a*b@x.com", "a(b@x.com", "a)b@x.com",
      "a+b@x.com", "a=b@x.com", "a[b@x.com", "a]b@x.com", "a{b@x.com",
      "a}b@x.com", "a/b@x.com", "a|b@x.com", "a;b@x.com", "a:b@x.com",
      "a<b@x.com", "a>b@x.com", "a?b@x.com", "a,b@x.com", ".ab@x.com",
      "ab.@x.com", "-ab@x.com", "ab-@x.com", "ab@x",      "a@b@x.com",
      "@x.com",    "a b@x.com", "ab@",       "ab@.x.com", "ab@x..com"};
  for (const char* email : bad) {
    ServerResponse r = Invite(email);
    EXPECT_EQ(r.status, 400) << email;
  }
  ServerResponse backslash = Invite(R"(a\\b@x.com)");
  EXPECT_EQ(backslash.status, 400);
  ServerResponse quote = Invite(R"(a\"b@x.com)");
  EXPECT_EQ(quote.status, 400);
  for (const char* email :
       {"a.b@x.com", "a-b@x.com", "_ab_@x.com", "a_b.c-d@sub.x.co.uk"}) {
    EXPECT_EQ(Invite(email).status, 201) << email;
  }
}

TEST_F(EmulatorInvitationsTest, ValidationCodeIsConfigurable) {
  Make(Config(R"({"invitations":{"validation_status":422,
                                 "validation_code":"Request_BadRequest"}})"));
  ServerResponse r = Invite("bad!@x.com");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(ErrorCode(r), "Request_BadRequest");
}

TEST_F(EmulatorInvitationsTest, BadJsonAndWrongTypesAre400) {
  for (const char* body :
       {"", "{", "[]", "null", "{\"invitedUserEmailAddress\":1}",
        R"({"invitedUserEmailAddress":"a@b.com","inviteRedirectUrl":"https://a",
            "sendInvitationMessage":"yes"})",
        R"({"invitedUserEmailAddress":"a@b.com","inviteRedirectUrl":"https://a",
            "invitedUserType":"Admin"})",
        R"({"invitedUserEmailAddress":"a@b.com","inviteRedirectUrl":"https://a",
            "invitedUserMessageInfo":{"ccRecipients":"x"}})",
        R"({"invitedUserEmailAddress":"a@b.com","inviteRedirectUrl":"https://a",
            "invitedUserSponsors":[{"id":5}]})",
        R"({"invitedUserEmailAddress":"a@b.com","inviteRedirectUrl":"https://a",
            "unknownProperty":true})",
        "{\"invitedUserEmailAddress\":\"\xff\xfe@b.com\"}",
        R"({"invitedUserEmailAddress":"a@b.com","inviteRedirectUrl":"https://a",
            "resetRedemption":1e400})"}) {
    ServerResponse r = Graph("POST", "/v1.0/invitations", body);
    EXPECT_EQ(r.status, 400) << body;
  }
}

TEST_F(EmulatorInvitationsTest, ResetRedemptionNeedsInvitedUserId) {
  ServerResponse r = Invite("admin@fabrikam.com", R"(,"resetRedemption":true)");
  EXPECT_EQ(r.status, 400);
  EXPECT_THAT(ErrorMessage(r), HasSubstr("invitedUser.id"));
}

TEST_F(EmulatorInvitationsTest, ResetRedemptionKeepsIdAndMemberships) {
  std::string id = InviteUser("admin@fabrikam.com");
  ASSERT_EQ(AddMember(kGroup1, id).status, 204);
  now_ += absl::Minutes(30);
  ServerResponse r =
      Invite("admin@fabrikam.com",
             absl::StrCat(R"(,"resetRedemption":true,"invitedUser":{"id":")",
                          id, R"("})"));
  ASSERT_EQ(r.status, 201) << r.body;
  boost::json::value body = Json(r);
  EXPECT_EQ(Str(body.at("invitedUser").at("id")), id);
  EXPECT_TRUE(body.at("resetRedemption").as_bool());
  EXPECT_EQ(Str(body.at("status")), "PendingAcceptance");
  boost::json::value user =
      Json(Graph("GET", absl::StrCat("/v1.0/users/", id,
                                     "?$select=externalUserState,"
                                     "externalUserStateChangeDateTime")));
  EXPECT_EQ(Str(user.at("externalUserState")), "PendingAcceptance");
  EXPECT_EQ(Str(user.at("externalUserStateChangeDateTime")),
            "2026-01-01T00:30:00Z");
  EXPECT_EQ(AddMember(kGroup1, id).status, 400);  // still a member
  EXPECT_EQ(emu_->Ledger().at("users").as_array().size(), 1u);
}

TEST_F(EmulatorInvitationsTest, ResetRedemptionOfUnknownUserIs404) {
  ServerResponse r = Invite(
      "admin@fabrikam.com",
      R"(,"resetRedemption":true,"invitedUser":{"id":"00000000-0000-4000-8000-000000000000"})");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(ErrorCode(r), "Request_ResourceNotFound");
}

TEST_F(EmulatorInvitationsTest, ResetRedemptionWithOtherEmailIs400) {
  std::string id = InviteUser("admin@fabrikam.com");
  ServerResponse r =
      Invite("other@fabrikam.com",
             absl::StrCat(R"(,"resetRedemption":true,"invitedUser":{"id":")",
                          id, R"("})"));
  EXPECT_EQ(r.status, 400);
}

TEST_F(EmulatorInvitationsTest, SponsorsAreStoredAndEchoed) {
  ServerResponse r = Invite(
      "s@fabrikam.com",
      R"(,"invitedUserSponsors":[{"id":"11111111-2222-4333-8444-555555555555"}])");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(Str(Json(r).at("invitedUserSponsors").at(0).at("id")),
            "11111111-2222-4333-8444-555555555555");
  EXPECT_EQ(Str(emu_->Ledger().at("users").at(0).at("sponsorIds").at(0)),
            "11111111-2222-4333-8444-555555555555");
}

TEST_F(EmulatorInvitationsTest, EmailsAreCountedOnlyWhenSent) {
  Invite("quiet@fabrikam.com");
  Invite("loud@fabrikam.com", R"(,"sendInvitationMessage":true)");
  Invite("loud@fabrikam.com",
         R"(,"sendInvitationMessage":true,"invitedUserMessageInfo":{
             "ccRecipients":[{"emailAddress":{"address":"cc1@x.com"}},
                             {"emailAddress":{"address":"cc2@x.com"}}]})");
  Invite("bad!@fabrikam.com", R"(,"sendInvitationMessage":true)");
  boost::json::object ledger = emu_->Ledger();
  const boost::json::object& emails = ledger.at("emails_sent").as_object();
  EXPECT_FALSE(emails.contains("quiet@fabrikam.com"));
  EXPECT_EQ(emails.at("loud@fabrikam.com").at("count").as_int64(), 2);
  // Only the first cc is honoured.
  EXPECT_EQ(boost::json::serialize(emails.at("loud@fabrikam.com").at("cc")),
            R"(["cc1@x.com"])");
  EXPECT_EQ(emails.size(), 1u);
  EXPECT_EQ(ledger.at("invitation_posts").at("bad!@fabrikam.com").as_int64(),
            1);
}

TEST_F(EmulatorInvitationsTest, GetOnInvitationsIs405) {
  ServerResponse r = Graph("GET", "/v1.0/invitations");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(HeaderOf(r, "Allow"), "POST");
}

}  // namespace
}  // namespace guestinvitation::emulator::testing
