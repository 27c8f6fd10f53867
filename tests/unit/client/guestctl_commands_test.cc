// The other guestctl subcommands and the command-line dispatch: requests
// built from arguments, output, and exit codes.
#include "absl/strings/str_cat.h"
#include "client/guestctl/printer.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/unit/client/guestctl_harness.h"

namespace guestinvitation::guestctl {
namespace {

using ::testing::_;
using ::testing::DoAll;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Return;
using ::testing::SaveArg;
using ::testing::SetArgPointee;
using HealthResponse = ::grpc::health::v1::HealthCheckResponse;

HealthResponse Health(HealthResponse::ServingStatus status) {
  HealthResponse response;
  response.set_status(status);
  return response;
}

TEST(GuestctlHealthCommandTest, ServingExitsZero) {
  GuestctlHarness harness;
  EXPECT_CALL(harness.health(), Check(_, _, _))
      .WillOnce(DoAll(SetArgPointee<2>(Health(HealthResponse::SERVING)),
                      Return(grpc::Status::OK)));
  EXPECT_EQ(harness.Run({"health"}), kExitOk);
  EXPECT_EQ(harness.out(), "SERVING\n");
}

TEST(GuestctlHealthCommandTest, NotServingExitsOne) {
  GuestctlHarness harness;
  ::grpc::health::v1::HealthCheckRequest request;
  EXPECT_CALL(harness.health(), Check(_, _, _))
      .WillOnce(DoAll(SaveArg<1>(&request),
                      SetArgPointee<2>(Health(HealthResponse::NOT_SERVING)),
                      Return(grpc::Status::OK)));
  EXPECT_EQ(harness.Run({"health",
                         "--service=guestinvitation.v1."
                         "GuestInvitationService",
                         "--output=json"}),
            kExitFailure);
  EXPECT_EQ(harness.out(), "{\"status\":\"NOT_SERVING\"}\n");
  EXPECT_EQ(request.service(), "guestinvitation.v1.GuestInvitationService");
}

TEST(GuestctlHealthCommandTest, UnreachableServerIsAFailure) {
  GuestctlHarness harness;
  EXPECT_CALL(harness.health(), Check(_, _, _))
      .WillOnce(Return(
          grpc::Status(grpc::StatusCode::UNAVAILABLE, "connection refused")));
  EXPECT_EQ(harness.Run({"health"}), kExitFailure);
  EXPECT_EQ(harness.err(), "error: UNAVAILABLE: connection refused\n");
}

TEST(GuestctlGetCommandTest, UnimplementedIsPrintedProperly) {
  GuestctlHarness harness;
  v1::GetGuestRequest request;
  EXPECT_CALL(harness.stub(), GetGuest(_, _, _))
      .WillOnce(DoAll(SaveArg<1>(&request),
                      Return(grpc::Status(grpc::StatusCode::UNIMPLEMENTED,
                                          "GetGuest is not implemented"))));
  EXPECT_EQ(harness.Run({"get", "user-1", "--output=json"}), kExitFailure);
  EXPECT_EQ(request.user_id(), "user-1");
  EXPECT_EQ(harness.err(),
            "error: UNIMPLEMENTED: GetGuest is not implemented\n");
  EXPECT_THAT(harness.out(), HasSubstr(R"({"error":{"code":"UNIMPLEMENTED")"));
}

TEST(GuestctlGetCommandTest, PrintsTheGuest) {
  GuestctlHarness harness;
  v1::GetGuestResponse response;
  response.mutable_guest()->set_id("user-1");
  response.mutable_guest()->set_mail("bob@contoso.com");
  EXPECT_CALL(harness.stub(), GetGuest(_, _, _))
      .WillOnce(DoAll(SetArgPointee<2>(response), Return(grpc::Status::OK)));
  EXPECT_EQ(harness.Run({"get", "user-1"}), kExitOk);
  EXPECT_THAT(harness.out(),
              HasSubstr("mail:                 bob@contoso.com\n"));
}

v1::ListGuestsResponse Page(const std::string& id, const std::string& next) {
  v1::ListGuestsResponse page;
  page.add_guests()->set_id(id);
  page.set_next_page_token(next);
  return page;
}

TEST(GuestctlListCommandTest, OnePageWithFilters) {
  GuestctlHarness harness;
  v1::ListGuestsRequest request;
  EXPECT_CALL(harness.stub(), ListGuests(_, _, _))
      .WillOnce(DoAll(SaveArg<1>(&request), SetArgPointee<2>(Page("u1", "t2")),
                      Return(grpc::Status::OK)));
  EXPECT_EQ(harness.Run({"list", "--state=pending", "--mail=a@b.com",
                         "--page-size=10", "--page-token=t1"}),
            kExitOk);
  EXPECT_EQ(request.external_user_state(),
            v1::EXTERNAL_USER_STATE_PENDING_ACCEPTANCE);
  EXPECT_EQ(request.mail(), "a@b.com");
  EXPECT_EQ(request.page_size(), 10);
  EXPECT_EQ(request.page_token(), "t1");
  EXPECT_THAT(harness.out(), HasSubstr("u1"));
  EXPECT_THAT(harness.out(), HasSubstr("next_page_token: t2\n"));
}

TEST(GuestctlListCommandTest, AllFollowsEveryPage) {
  GuestctlHarness harness;
  std::vector<std::string> tokens;
  EXPECT_CALL(harness.stub(), ListGuests(_, _, _))
      .Times(3)
      .WillRepeatedly([&](grpc::ClientContext*,
                          const v1::ListGuestsRequest& request,
                          v1::ListGuestsResponse* response) {
        tokens.push_back(request.page_token());
        const size_t n = tokens.size();
        *response =
            Page(absl::StrCat("u", n), n < 3 ? absl::StrCat("t", n + 1) : "");
        return grpc::Status::OK;
      });
  EXPECT_EQ(harness.Run({"list", "--all", "--output=json"}), kExitOk);
  EXPECT_THAT(tokens, ElementsAre("", "t2", "t3"));
  EXPECT_THAT(harness.out(), HasSubstr(R"({"guests":[{"id":"u1")"));
  EXPECT_THAT(harness.out(), HasSubstr(R"("id":"u3")"));
  EXPECT_THAT(harness.out(), HasSubstr(R"("next_page_token":"")"));
}

TEST(GuestctlListCommandTest, AllStopsWhenTheServerRepeatsAToken) {
  GuestctlHarness harness;
  EXPECT_CALL(harness.stub(), ListGuests(_, _, _))
      .Times(2)
      .WillRepeatedly(
          DoAll(SetArgPointee<2>(Page("u", "same")), Return(grpc::Status::OK)));
  EXPECT_EQ(harness.Run({"list", "--all"}), kExitFailure);
  EXPECT_THAT(harness.err(), HasSubstr("returned page token \"same\" twice"));
}

TEST(GuestctlListCommandTest, BadStateIsAUsageError) {
  GuestctlHarness harness;
  EXPECT_EQ(harness.Run({"list", "--state=gone"}), kExitUsage);
  EXPECT_THAT(harness.err(), HasSubstr("use pending or accepted"));
}

TEST(GuestctlGroupsAddCommandTest, BuildsTheRequest) {
  GuestctlHarness harness;
  v1::AddGuestToGroupsRequest request;
  v1::AddGuestToGroupsResponse response;
  auto* result = response.add_group_results();
  result->set_group_id("g1");
  result->set_status(v1::GROUP_RESULT_STATUS_ALREADY_MEMBER);
  EXPECT_CALL(harness.stub(), AddGuestToGroups(_, _, _))
      .WillOnce(DoAll(SaveArg<1>(&request), SetArgPointee<2>(response),
                      Return(grpc::Status::OK)));
  EXPECT_EQ(
      harness.Run({"groups", "add", "user-1", "--group=g1", "--group=g2"}),
      kExitOk);
  EXPECT_EQ(request.user_id(), "user-1");
  EXPECT_THAT(request.group_ids(), ElementsAre("g1", "g2"));
  EXPECT_EQ(request.request_id(), kFixedRequestId);
  EXPECT_EQ(harness.out(), "group g1: ALREADY_MEMBER\n");
}

TEST(GuestctlGroupsAddCommandTest, NeedsAGroup) {
  GuestctlHarness harness;
  EXPECT_EQ(harness.Run({"groups", "add", "user-1"}), kExitUsage);
  EXPECT_THAT(harness.err(), HasSubstr("missing required flag --group=ID"));
}

TEST(GuestctlResendCommandTest, BuildsTheRequest) {
  GuestctlHarness harness;
  v1::ResendInvitationRequest request;
  EXPECT_CALL(harness.stub(), ResendInvitation(_, _, _))
      .WillOnce(DoAll(SaveArg<1>(&request), Return(grpc::Status::OK)));
  EXPECT_EQ(
      harness.Run({"resend", "--email=a@b.com", "--redirect-url=https://x",
                   "--send-email", "--language=fr-FR", "--request-id=r-1"}),
      kExitOk);
  EXPECT_EQ(request.invited_user_email_address(), "a@b.com");
  EXPECT_EQ(request.invite_redirect_url(), "https://x");
  EXPECT_TRUE(request.send_invitation_message());
  EXPECT_EQ(request.invited_user_message_info().message_language(), "fr-FR");
  EXPECT_EQ(request.request_id(), "r-1");
}

TEST(GuestctlResetCommandTest, BuildsTheRequest) {
  GuestctlHarness harness;
  v1::ResetRedemptionRequest request;
  EXPECT_CALL(harness.stub(), ResetRedemption(_, _, _))
      .WillOnce(DoAll(SaveArg<1>(&request), Return(grpc::Status::OK)));
  EXPECT_EQ(harness.Run({"reset", "user-1", "--email=a@b.com",
                         "--redirect-url=https://x"}),
            kExitOk);
  EXPECT_EQ(request.user_id(), "user-1");
  EXPECT_EQ(request.invited_user_email_address(), "a@b.com");
  EXPECT_FALSE(request.has_invited_user_message_info());
}

TEST(GuestctlDisableDeleteCommandTest, SendUserIdAndRequestId) {
  GuestctlHarness disable;
  v1::DisableGuestRequest disable_request;
  EXPECT_CALL(disable.stub(), DisableGuest(_, _, _))
      .WillOnce(DoAll(SaveArg<1>(&disable_request), Return(grpc::Status::OK)));
  EXPECT_EQ(disable.Run({"disable", "user-1"}), kExitOk);
  EXPECT_EQ(disable_request.user_id(), "user-1");
  EXPECT_EQ(disable_request.request_id(), kFixedRequestId);
  EXPECT_EQ(disable.out(), "disabled user-1\n");

  GuestctlHarness del;
  v1::DeleteGuestRequest delete_request;
  EXPECT_CALL(del.stub(), DeleteGuest(_, _, _))
      .WillOnce(DoAll(SaveArg<1>(&delete_request), Return(grpc::Status::OK)));
  EXPECT_EQ(del.Run({"delete", "user-2", "--output=json"}), kExitOk);
  EXPECT_EQ(delete_request.user_id(), "user-2");
  EXPECT_EQ(del.out(), "{}\n");
}

TEST(GuestctlDispatchTest, NoArgumentsIsAUsageErrorWithTheOverview) {
  GuestctlHarness harness;
  EXPECT_EQ(harness.Run({}), kExitUsage);
  EXPECT_THAT(harness.err(), HasSubstr("Subcommands:"));
  EXPECT_EQ(harness.out(), "");
}

TEST(GuestctlDispatchTest, HelpForms) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--help"}, std::vector<std::string>{"-h"},
        std::vector<std::string>{"help"}}) {
    GuestctlHarness harness;
    EXPECT_EQ(harness.Run(args), kExitOk);
    EXPECT_THAT(harness.out(), HasSubstr("Exit codes:"));
  }
  GuestctlHarness groups;
  EXPECT_EQ(groups.Run({"help", "groups", "add"}), kExitOk);
  EXPECT_THAT(groups.out(),
              HasSubstr("Usage: guestctl groups add USER_ID --group=ID... "));
}

TEST(GuestctlDispatchTest, UnknownSubcommandsAreUsageErrors) {
  GuestctlHarness typo;
  EXPECT_EQ(typo.Run({"invte"}), kExitUsage);
  EXPECT_THAT(typo.err(), HasSubstr("unknown subcommand \"invte\" (did you "
                                    "mean invite?)"));
  GuestctlHarness groups;
  EXPECT_EQ(groups.Run({"groups", "remove", "u"}), kExitUsage);
  EXPECT_THAT(groups.err(), HasSubstr("groups: expected a subcommand: add"));
  GuestctlHarness help;
  EXPECT_EQ(help.Run({"help", "nope"}), kExitUsage);
}

TEST(GuestctlDispatchTest, PositionalCountIsChecked) {
  GuestctlHarness missing;
  EXPECT_EQ(missing.Run({"get"}), kExitUsage);
  EXPECT_THAT(missing.err(), HasSubstr("get: missing USER_ID argument"));
  GuestctlHarness extra;
  EXPECT_EQ(extra.Run({"disable", "u1", "u2"}), kExitUsage);
  EXPECT_THAT(extra.err(), HasSubstr("unexpected argument \"u2\""));
}

TEST(GuestctlDispatchTest, GlobalFlagGivenOnBothSidesIsRepeated) {
  GuestctlHarness harness;
  EXPECT_EQ(harness.Run({"--output=json", "health", "--output=text"}),
            kExitUsage);
  EXPECT_THAT(harness.err(), HasSubstr("--output given more than once"));
}

}  // namespace
}  // namespace guestinvitation::guestctl
