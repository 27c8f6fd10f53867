#include "server/graph/graph_json.h"

#include "absl/strings/match.h"
#include "gtest/gtest.h"

namespace guestinvitation::graph {
namespace {

namespace v1 = guestinvitation::v1;

// The 201 example of graph-api.md 1.3 (invitation-post, v1.0), verbatim.
constexpr char kDocInvitation201[] = R"json({
  "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#invitations/$entity",
  "id": "9071bfde-35e0-47d2-a582-d244ab1b4af6",
  "inviteRedeemUrl": "https://login.microsoftonline.com/redeem?rd=https%3a%2f%2finvitations.microsoft.com%2fredeem%2f%3ftenant%3d...%26user%3d9071bfde-...%26ticket%3d...%26ver%3d2.0",
  "invitedUserDisplayName": null, "invitedUserType": "Guest",
  "invitedUserEmailAddress": "admin@fabrikam.com",
  "sendInvitationMessage": false, "resetRedemption": false,
  "inviteRedirectUrl": "https://myapp.contoso.com",
  "status": "PendingAcceptance",
  "invitedUserMessageInfo": { "messageLanguage": null, "customizedMessageBody": null,
    "ccRecipients": [ { "emailAddress": { "name": null, "address": null } } ] },
  "invitedUser": { "id": "cbb896f9-8306-49d0-b56b-b8e39cd28825" }
})json";

v1::CreateInvitationRequest MinimalRequest() {
  v1::CreateInvitationRequest r;
  r.set_invited_user_email_address("admin@fabrikam.com");
  r.set_invite_redirect_url("https://myapp.contoso.com");
  return r;
}

TEST(GraphJsonTest, MinimalInvitationBodyHasRequiredFieldsAndExplicitNoEmail) {
  EXPECT_EQ(BuildInvitationBody(MinimalRequest(), std::nullopt),
            R"({"invitedUserEmailAddress":"admin@fabrikam.com",)"
            R"("inviteRedirectUrl":"https://myapp.contoso.com",)"
            R"("sendInvitationMessage":false})");
}

TEST(GraphJsonTest, FullInvitationBodyMatchesGolden) {
  v1::CreateInvitationRequest r = MinimalRequest();
  r.set_invited_user_display_name("Admin \"A\" Fabrikam");
  r.set_send_invitation_message(true);
  r.mutable_invited_user_message_info()->set_customized_message_body("Hi!");
  auto* cc = r.mutable_invited_user_message_info()->add_cc_recipients();
  cc->set_email_address("boss@fabrikam.com");
  cc->set_name("Boss");
  r.set_invited_user_type(v1::INVITED_USER_TYPE_MEMBER);
  r.add_invited_user_sponsor_ids("s1");
  r.add_invited_user_sponsor_ids("s2");
  r.add_group_ids("not-sent-to-graph");
  r.set_request_id("not-sent-either");
  EXPECT_EQ(BuildInvitationBody(r, std::nullopt),
            R"({"invitedUserEmailAddress":"admin@fabrikam.com",)"
            R"("inviteRedirectUrl":"https://myapp.contoso.com",)"
            R"("invitedUserDisplayName":"Admin \"A\" Fabrikam",)"
            R"("sendInvitationMessage":true,)"
            R"("invitedUserMessageInfo":{"customizedMessageBody":"Hi!",)"
            R"("ccRecipients":[{"emailAddress":{"address":"boss@fabrikam.com",)"
            R"("name":"Boss"}}]},)"
            R"("invitedUserType":"Member",)"
            R"("invitedUserSponsors":[{"id":"s1"},{"id":"s2"}]})");
}

TEST(GraphJsonTest, LanguageAndNamelessCcAreSentAsGiven) {
  v1::CreateInvitationRequest r = MinimalRequest();
  r.mutable_invited_user_message_info()->set_message_language("fr-FR");
  r.mutable_invited_user_message_info()->add_cc_recipients()->set_email_address(
      "cc@x.com");
  r.set_invited_user_type(v1::INVITED_USER_TYPE_GUEST);
  EXPECT_EQ(BuildInvitationBody(r, std::nullopt),
            R"({"invitedUserEmailAddress":"admin@fabrikam.com",)"
            R"("inviteRedirectUrl":"https://myapp.contoso.com",)"
            R"("sendInvitationMessage":false,)"
            R"("invitedUserMessageInfo":{"messageLanguage":"fr-FR",)"
            R"("ccRecipients":[{"emailAddress":{"address":"cc@x.com"}}]},)"
            R"("invitedUserType":"Guest"})");
}

TEST(GraphJsonTest, ResetRedemptionAddsFlagAndInvitedUserId) {
  EXPECT_EQ(BuildInvitationBody(MinimalRequest(), std::string("u-1")),
            R"({"invitedUserEmailAddress":"admin@fabrikam.com",)"
            R"("inviteRedirectUrl":"https://myapp.contoso.com",)"
            R"("sendInvitationMessage":false,"resetRedemption":true,)"
            R"("invitedUser":{"id":"u-1"}})");
}

TEST(GraphJsonTest, MemberRefAndAccountEnabledBodies) {
  EXPECT_EQ(
      BuildMemberRefBody("https://graph.microsoft.com/v1.0/"
                         "directoryObjects/u1"),
      R"({"@odata.id":"https://graph.microsoft.com/v1.0/directoryObjects/u1"})");
  EXPECT_EQ(BuildAccountEnabledBody(false), R"({"accountEnabled":false})");
}

TEST(GraphJsonTest, DocumentedCreatedInvitationParses) {
  auto inv = ParseInvitation(kDocInvitation201);
  ASSERT_TRUE(inv.ok()) << inv.status();
  EXPECT_EQ(inv->id(), "9071bfde-35e0-47d2-a582-d244ab1b4af6");
  EXPECT_EQ(inv->invited_user_id(), "cbb896f9-8306-49d0-b56b-b8e39cd28825");
  EXPECT_TRUE(absl::StartsWith(inv->invite_redeem_url(),
                               "https://login.microsoftonline.com/redeem?rd="));
  EXPECT_EQ(inv->status(), v1::INVITATION_STATUS_PENDING_ACCEPTANCE);
  EXPECT_EQ(inv->invited_user_email_address(), "admin@fabrikam.com");
  EXPECT_EQ(inv->invited_user_display_name(), "");
  EXPECT_EQ(inv->invited_user_type(), v1::INVITED_USER_TYPE_GUEST);
  EXPECT_EQ(inv->invite_redirect_url(), "https://myapp.contoso.com");
  EXPECT_FALSE(inv->send_invitation_message());
}

TEST(GraphJsonTest, OldBetaInvitedUserArrayIsAccepted) {
  auto inv = ParseInvitation(
      R"({"id":"i","invitedUser":[{"id":"u-beta"}],"status":"Completed"})");
  ASSERT_TRUE(inv.ok()) << inv.status();
  EXPECT_EQ(inv->invited_user_id(), "u-beta");
  EXPECT_EQ(inv->status(), v1::INVITATION_STATUS_COMPLETED);
}

TEST(GraphJsonTest, NullsAndWrongTypesReadAsUnset) {
  auto inv = ParseInvitation(
      R"({"id":null,"inviteRedeemUrl":null,"status":null,)"
      R"("invitedUserEmailAddress":7,"invitedUserType":null,)"
      R"("sendInvitationMessage":null,"invitedUserMessageInfo":null,)"
      R"("invitedUser":{"id":"u"}})");
  ASSERT_TRUE(inv.ok()) << inv.status();
  EXPECT_EQ(inv->id(), "");
  EXPECT_EQ(inv->status(), v1::INVITATION_STATUS_UNSPECIFIED);
  EXPECT_EQ(inv->invited_user_type(), v1::INVITED_USER_TYPE_UNSPECIFIED);
  EXPECT_FALSE(inv->send_invitation_message());
}

TEST(GraphJsonTest, InvitationStatusIsCaseInsensitiveAndUnknownIsUnspecified) {
  EXPECT_EQ(ParseInvitationStatus("pendingacceptance"),
            v1::INVITATION_STATUS_PENDING_ACCEPTANCE);
  EXPECT_EQ(ParseInvitationStatus("COMPLETED"),
            v1::INVITATION_STATUS_COMPLETED);
  EXPECT_EQ(ParseInvitationStatus("InProgress"),
            v1::INVITATION_STATUS_IN_PROGRESS);
  EXPECT_EQ(ParseInvitationStatus("error"), v1::INVITATION_STATUS_ERROR);
  EXPECT_EQ(ParseInvitationStatus("Redeemed"),
            v1::INVITATION_STATUS_UNSPECIFIED);
  EXPECT_EQ(ParseInvitationStatus(""), v1::INVITATION_STATUS_UNSPECIFIED);
}

TEST(GraphJsonTest, InvitationWithoutInvitedUserIdIsAnError) {
  for (const char* body :
       {R"({"id":"i"})", R"({"invitedUser":null})", R"({"invitedUser":{}})",
        R"({"invitedUser":[]})", R"({"invitedUser":{"id":null}})",
        R"({"invitedUser":{"id":""}})", R"({"invitedUser":{"id":42}})",
        R"({"invitedUser":["u"]})", R"({"invitedUser":"u"})"}) {
    auto inv = ParseInvitation(body);
    EXPECT_EQ(inv.status().code(), absl::StatusCode::kInvalidArgument) << body;
  }
}

TEST(GraphJsonTest, NonObjectJsonIsAnError) {
  for (const char* body : {"", "[]", "null", "\"x\"", "42", "{", "<html>"}) {
    EXPECT_FALSE(ParseInvitation(body).ok()) << body;
    EXPECT_FALSE(ParseUser(body).ok()) << body;
    EXPECT_FALSE(ParseUserPage(body).ok()) << body;
  }
}

TEST(GraphJsonTest, ParseErrorsNeverQuoteTheBody) {
  auto inv = ParseInvitation(
      R"({"inviteRedeemUrl":"https://login.microsoftonline.com/redeem?ticket=T"})");
  ASSERT_FALSE(inv.ok());
  EXPECT_FALSE(absl::StrContains(inv.status().message(), "redeem"));
  EXPECT_FALSE(absl::StrContains(inv.status().message(), "ticket"));
}

TEST(GraphJsonTest, UserParsesGuestFields) {
  auto g = ParseUser(
      R"({"id":"u1","displayName":"Bob","mail":"bob@contoso.com",)"
      R"("userType":"Guest","accountEnabled":true,)"
      R"("externalUserState":"PendingAcceptance",)"
      R"("externalUserStateChangeDateTime":"2021-12-09T17:41:54.1234567Z",)"
      R"("userPrincipalName":"bob_contoso.com#EXT#@fabrikam.onmicrosoft.com",)"
      R"("createdDateTime":"2021-12-09T17:41:50Z","creationType":"Invitation"})");
  ASSERT_TRUE(g.ok()) << g.status();
  EXPECT_EQ(g->id(), "u1");
  EXPECT_EQ(g->display_name(), "Bob");
  EXPECT_EQ(g->mail(), "bob@contoso.com");
  EXPECT_EQ(g->user_type(), v1::INVITED_USER_TYPE_GUEST);
  EXPECT_TRUE(g->account_enabled());
  EXPECT_EQ(g->external_user_state(),
            v1::EXTERNAL_USER_STATE_PENDING_ACCEPTANCE);
  EXPECT_EQ(g->external_user_state_change_time().seconds(), 1639071714);
  EXPECT_EQ(g->external_user_state_change_time().nanos(), 123456700);
  EXPECT_EQ(g->user_principal_name(),
            "bob_contoso.com#EXT#@fabrikam.onmicrosoft.com");
  EXPECT_EQ(g->create_time().seconds(), 1639071710);
}

TEST(GraphJsonTest, ExternalUserStateIgnoresCaseAndSpaces) {
  EXPECT_EQ(ParseExternalUserState("Pending Acceptance"),
            v1::EXTERNAL_USER_STATE_PENDING_ACCEPTANCE);
  EXPECT_EQ(ParseExternalUserState("ACCEPTED"),
            v1::EXTERNAL_USER_STATE_ACCEPTED);
  EXPECT_EQ(ParseExternalUserState(" accepted "),
            v1::EXTERNAL_USER_STATE_ACCEPTED);
  EXPECT_EQ(ParseExternalUserState("Unknown"),
            v1::EXTERNAL_USER_STATE_UNSPECIFIED);
  EXPECT_EQ(ParseUserType("member"), v1::INVITED_USER_TYPE_MEMBER);
}

TEST(GraphJsonTest, UserWithNullsAndBadTimesKeepsDefaults) {
  auto g = ParseUser(
      R"({"id":"u1","mail":null,"accountEnabled":null,"userType":null,)"
      R"("externalUserState":null,"externalUserStateChangeDateTime":"yesterday",)"
      R"("createdDateTime":null})");
  ASSERT_TRUE(g.ok()) << g.status();
  EXPECT_EQ(g->mail(), "");
  EXPECT_FALSE(g->account_enabled());
  EXPECT_FALSE(g->has_external_user_state_change_time());
  EXPECT_FALSE(g->has_create_time());
  EXPECT_EQ(ParseUser(R"({"displayName":"no id"})").status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(GraphJsonTest, GraphTimesInEveryObservedForm) {
  google::protobuf::Timestamp t;
  ASSERT_TRUE(ParseGraphTime("2021-12-09T17:41:54", &t));  // innerError.date
  EXPECT_EQ(t.seconds(), 1639071714);
  ASSERT_TRUE(ParseGraphTime("2021-12-09T19:41:54+02:00", &t));
  EXPECT_EQ(t.seconds(), 1639071714);
  ASSERT_TRUE(ParseGraphTime("0001-01-01T00:00:00Z", &t));
  EXPECT_EQ(t.seconds(), -62135596800);
  EXPECT_FALSE(ParseGraphTime("", &t));
  EXPECT_FALSE(ParseGraphTime("2021-13-45T99:00:00Z", &t));
}

TEST(GraphJsonTest, UserPageReadsValueAndNextLink) {
  auto page = ParseUserPage(
      R"({"@odata.context":"x","value":[{"id":"a"},{"id":"b","mail":"b@x.com"}],)"
      R"("@odata.nextLink":"https://graph.microsoft.com/v1.0/users?$skiptoken=X"})");
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->users.size(), 2u);
  EXPECT_EQ(page->users[1].mail(), "b@x.com");
  EXPECT_EQ(page->next_link,
            "https://graph.microsoft.com/v1.0/users?$skiptoken=X");
  auto last = ParseUserPage(R"({"value":[]})");
  ASSERT_TRUE(last.ok());
  EXPECT_TRUE(last->users.empty());
  EXPECT_EQ(last->next_link, "");
}

TEST(GraphJsonTest, MalformedUserPagesAreErrors) {
  for (const char* body : {R"({})", R"({"value":null})", R"({"value":{}})",
                           R"({"value":[1]})", R"({"value":[{"mail":"x"}]})"}) {
    EXPECT_EQ(ParseUserPage(body).status().code(),
              absl::StatusCode::kInvalidArgument)
        << body;
  }
}

}  // namespace
}  // namespace guestinvitation::graph
