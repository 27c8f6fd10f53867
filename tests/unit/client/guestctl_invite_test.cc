// `guestctl invite` end to end in-process: flags -> CreateInvitationRequest
// (asserted on the gMock stub) -> printed result and exit code.
#include <chrono>

#include "client/guestctl/printer.h"
#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"
#include "tests/unit/client/guestctl_harness.h"

namespace guestinvitation::guestctl {
namespace {

using ::testing::_;
using ::testing::DoAll;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Invoke;
using ::testing::Not;
using ::testing::Return;
using ::testing::SaveArg;
using ::testing::SetArgPointee;

v1::CreateInvitationResponse Created() {
  v1::CreateInvitationResponse response;
  auto* invitation = response.mutable_invitation();
  invitation->set_id("inv-1");
  invitation->set_invited_user_id("7b1c0a4e-0000-4000-8000-000000000001");
  invitation->set_invite_redeem_url("https://login.example/redeem?t=1");
  invitation->set_status(v1::INVITATION_STATUS_PENDING_ACCEPTANCE);
  invitation->set_invited_user_email_address("bob@contoso.com");
  return response;
}

class GuestctlInviteTest : public ::testing::Test {
 protected:
  // Expects one CreateInvitation, answers `response`, keeps the request.
  void ExpectInvite(const v1::CreateInvitationResponse& response) {
    EXPECT_CALL(harness_.stub(), CreateInvitation(_, _, _))
        .WillOnce(DoAll(SaveArg<1>(&request_), SetArgPointee<2>(response),
                        Return(grpc::Status::OK)));
  }

  GuestctlHarness harness_;
  v1::CreateInvitationRequest request_;
};

TEST_F(GuestctlInviteTest, EveryFlagLandsInTheRequest) {
  ExpectInvite(Created());
  const int code = harness_.Run(
      {"invite", "--email=bob@contoso.com", "--redirect-url",
       "https://myapp.fabrikam.com", "--display-name=Bob Smith", "--send-email",
       "--message=Welcome aboard", "--cc=boss@fabrikam.com",
       "--user-type=member", "--sponsor=s1", "--sponsor=s2", "--group=g1",
       "--group", "g2", "--request-id=7f2a9a52-0000-4000-8000-00000000000a"});
  EXPECT_EQ(code, kExitOk) << harness_.err();
  EXPECT_EQ(request_.invited_user_email_address(), "bob@contoso.com");
  EXPECT_EQ(request_.invite_redirect_url(), "https://myapp.fabrikam.com");
  EXPECT_EQ(request_.invited_user_display_name(), "Bob Smith");
  EXPECT_TRUE(request_.send_invitation_message());
  const auto& info = request_.invited_user_message_info();
  EXPECT_EQ(info.customized_message_body(), "Welcome aboard");
  EXPECT_EQ(info.message_language(), "");
  ASSERT_EQ(info.cc_recipients_size(), 1);
  EXPECT_EQ(info.cc_recipients(0).email_address(), "boss@fabrikam.com");
  EXPECT_EQ(request_.invited_user_type(), v1::INVITED_USER_TYPE_MEMBER);
  EXPECT_THAT(request_.invited_user_sponsor_ids(), ElementsAre("s1", "s2"));
  EXPECT_THAT(request_.group_ids(), ElementsAre("g1", "g2"));
  EXPECT_EQ(request_.request_id(), "7f2a9a52-0000-4000-8000-00000000000a");
  // A request id the user chose is not announced again.
  EXPECT_THAT(harness_.err(), Not(HasSubstr("request_id")));
}

TEST_F(GuestctlInviteTest, MinimalInviteGeneratesAndAnnouncesARequestId) {
  ExpectInvite(Created());
  const int code = harness_.Run({"invite", "--email=bob@contoso.com",
                                 "--redirect-url=https://myapp.fabrikam.com"});
  EXPECT_EQ(code, kExitOk);
  EXPECT_EQ(request_.request_id(), kFixedRequestId);
  EXPECT_FALSE(request_.send_invitation_message());
  EXPECT_FALSE(request_.has_invited_user_message_info());
  EXPECT_EQ(request_.invited_user_type(), v1::INVITED_USER_TYPE_UNSPECIFIED);
  EXPECT_THAT(harness_.err(),
              HasSubstr(absl::StrCat("--request-id=", kFixedRequestId)));
  EXPECT_THAT(harness_.out(),
              HasSubstr("invited_user_id:      "
                        "7b1c0a4e-0000-4000-8000-000000000001\n"));
  EXPECT_THAT(harness_.out(), HasSubstr("invitation_id:        inv-1\n"));
  EXPECT_THAT(harness_.out(),
              HasSubstr("status:               PENDING_ACCEPTANCE\n"));
  EXPECT_THAT(
      harness_.out(),
      HasSubstr("redeem_url:           https://login.example/redeem?t=1\n"));
}

TEST_F(GuestctlInviteTest, LanguageAndGuestType) {
  ExpectInvite(Created());
  EXPECT_EQ(
      harness_.Run({"invite", "--email=a@b.com", "--redirect-url=https://x",
                    "--send-email", "--language=de-DE", "--user-type=guest"}),
      kExitOk);
  EXPECT_EQ(request_.invited_user_message_info().message_language(), "de-DE");
  EXPECT_EQ(request_.invited_user_type(), v1::INVITED_USER_TYPE_GUEST);
}

TEST_F(GuestctlInviteTest,
       GlobalFlagsBeforeTheSubcommandAndFromTheEnvironment) {
  ExpectInvite(Created());
  harness_.env().server = "env-host:9";
  EXPECT_EQ(harness_.Run({"--timeout", "5s", "invite", "--email=a@b.com",
                          "--redirect-url=https://x"}),
            kExitOk);
  EXPECT_EQ(harness_.options().target, "env-host:9");
  EXPECT_EQ(harness_.options().default_timeout, absl::Seconds(5));
}

TEST_F(GuestctlInviteTest, TimeoutBecomesTheCallDeadline) {
  EXPECT_CALL(harness_.stub(), CreateInvitation(_, _, _))
      .WillOnce(Invoke([](grpc::ClientContext* context, const auto&, auto*) {
        const double left =
            std::chrono::duration<double>(context->deadline() -
                                          std::chrono::system_clock::now())
                .count();
        EXPECT_NEAR(left, 7.0, 1.0);
        return grpc::Status::OK;
      }));
  EXPECT_EQ(harness_.Run({"invite", "--email=a@b.com",
                          "--redirect-url=https://x", "--timeout=7s"}),
            kExitOk);
}

TEST_F(GuestctlInviteTest, JsonOutputUsesProtoFieldNames) {
  ExpectInvite(Created());
  EXPECT_EQ(harness_.Run({"invite", "--email=a@b.com",
                          "--redirect-url=https://x", "--output=json"}),
            kExitOk);
  const std::string out = harness_.out();
  EXPECT_EQ(out.rfind("{\"invitation\":{", 0), 0u) << out;
  EXPECT_THAT(out, HasSubstr(R"("invited_user_id":"7b1c0a4e-)"));
  EXPECT_THAT(
      out,
      HasSubstr(R"("invite_redeem_url":"https://login.example/redeem?t=1")"));
  EXPECT_THAT(out, Not(HasSubstr("request_id")));  // stdout stays pure JSON
}

TEST_F(GuestctlInviteTest, GroupResultsArePrintedAndAFailureFailsTheExitCode) {
  auto response = Created();
  auto* added = response.add_group_results();
  added->set_group_id("g1");
  added->set_status(v1::GROUP_RESULT_STATUS_ADDED);
  auto* failed = response.add_group_results();
  failed->set_group_id("g2");
  failed->set_status(v1::GROUP_RESULT_STATUS_FAILED);
  failed->mutable_error()->set_code(5);
  failed->mutable_error()->set_reason("GROUP_NOT_FOUND");
  ExpectInvite(response);
  EXPECT_EQ(
      harness_.Run({"invite", "--email=a@b.com", "--redirect-url=https://x",
                    "--group=g1", "--group=g2"}),
      kExitFailure);
  EXPECT_THAT(harness_.out(), HasSubstr("group g1: ADDED\n"));
  EXPECT_THAT(harness_.out(),
              HasSubstr("group g2: FAILED NOT_FOUND (GROUP_NOT_FOUND)"));
  EXPECT_THAT(harness_.err(), HasSubstr("1 of 2 group adds failed"));
}

grpc::Status InvalidEmail() {
  google::rpc::Status details;
  details.set_code(grpc::StatusCode::INVALID_ARGUMENT);
  google::rpc::ErrorInfo info;
  info.set_reason("INVALID_ARGUMENT");
  info.set_domain("guestinvitation");
  details.add_details()->PackFrom(info);
  google::rpc::BadRequest bad_request;
  auto* violation = bad_request.add_field_violations();
  violation->set_field("invited_user_email_address");
  violation->set_description("not an email address");
  details.add_details()->PackFrom(bad_request);
  return {grpc::StatusCode::INVALID_ARGUMENT, "invalid request",
          details.SerializeAsString()};
}

TEST_F(GuestctlInviteTest, ServerRejectionPrintsCodeReasonAndViolations) {
  EXPECT_CALL(harness_.stub(), CreateInvitation(_, _, _))
      .WillOnce(Return(InvalidEmail()));
  EXPECT_EQ(harness_.Run(
                {"invite", "--email=not-an-email", "--redirect-url=https://x"}),
            kExitFailure);
  EXPECT_THAT(
      harness_.err(),
      HasSubstr("error: INVALID_ARGUMENT (INVALID_ARGUMENT): "
                "invalid request\n"
                "  - invited_user_email_address: not an email address\n"));
  EXPECT_EQ(harness_.out(), "");
}

TEST_F(GuestctlInviteTest, ServerRejectionInJsonAlsoOnStdout) {
  EXPECT_CALL(harness_.stub(), CreateInvitation(_, _, _))
      .WillOnce(Return(InvalidEmail()));
  EXPECT_EQ(harness_.Run({"invite", "--email=x", "--redirect-url=https://x",
                          "--output=json"}),
            kExitFailure);
  EXPECT_THAT(harness_.out(),
              HasSubstr(R"({"error":{"code":"INVALID_ARGUMENT",)"));
  EXPECT_THAT(
      harness_.out(),
      HasSubstr(
          R"("field_violations":[{"field":"invited_user_email_address")"));
}

// Usage errors: exit 2 and no RPC (the StrictMock fails on any call).
TEST_F(GuestctlInviteTest, MissingRequiredFlagIsAUsageError) {
  EXPECT_EQ(harness_.Run({"invite", "--email=a@b.com"}), kExitUsage);
  EXPECT_THAT(
      harness_.err(),
      HasSubstr("error: invite: missing required flag --redirect-url=URL"));
  EXPECT_EQ(harness_.clients_made(), 0);
}

TEST_F(GuestctlInviteTest, MessageAndLanguageTogetherIsAUsageError) {
  EXPECT_EQ(
      harness_.Run({"invite", "--email=a@b.com", "--redirect-url=https://x",
                    "--send-email", "--message=hi", "--language=en-US"}),
      kExitUsage);
  EXPECT_THAT(harness_.err(), HasSubstr("cannot be combined"));
  EXPECT_THAT(harness_.err(), Not(HasSubstr("request_id")));
}

TEST_F(GuestctlInviteTest, UnknownUserTypeIsAUsageError) {
  EXPECT_EQ(harness_.Run({"invite", "--email=a@b.com",
                          "--redirect-url=https://x", "--user-type=admin"}),
            kExitUsage);
  EXPECT_THAT(harness_.err(), HasSubstr("use guest or member"));
}

TEST_F(GuestctlInviteTest, TypoInAFlagSuggestsTheRightOne) {
  EXPECT_EQ(harness_.Run({"invite", "--emial=a@b.com"}), kExitUsage);
  EXPECT_THAT(harness_.err(), HasSubstr("did you mean --email?"));
}

TEST_F(GuestctlInviteTest, HelpFlagPrintsUsageWithoutCalling) {
  EXPECT_EQ(harness_.Run({"invite", "--help"}), kExitOk);
  EXPECT_THAT(harness_.out(),
              HasSubstr("Usage: guestctl invite --email=ADDRESS "
                        "--redirect-url=URL [FLAGS]"));
  EXPECT_EQ(harness_.clients_made(), 0);
}

}  // namespace
}  // namespace guestinvitation::guestctl
