// guestctl's text, JSON and error renderings and the Printer that picks
// between them.
#include <sstream>

#include "absl/strings/cord.h"
#include "client/guestctl/error_format.h"
#include "client/guestctl/json_format.h"
#include "client/guestctl/printer.h"
#include "client/guestctl/text_format.h"
#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "gtest/gtest.h"

namespace guestinvitation::guestctl {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

v1::Invitation SampleInvitation() {
  v1::Invitation invitation;
  invitation.set_id("inv-1");
  invitation.set_invited_user_id("7b1c0a4e-0000-4000-8000-000000000001");
  invitation.set_invite_redeem_url("https://login.example/redeem?t=secret");
  invitation.set_status(v1::INVITATION_STATUS_PENDING_ACCEPTANCE);
  invitation.set_invited_user_email_address("bob@contoso.com");
  invitation.set_invited_user_type(v1::INVITED_USER_TYPE_GUEST);
  return invitation;
}

client::RichError SampleError() {
  client::RichError error;
  error.code = absl::StatusCode::kInvalidArgument;
  error.message = "request is invalid";
  error.reason = "INVALID_EMAIL";
  error.domain = "guestinvitation";
  error.metadata = {{"graph_request_id", "r-1"}};
  error.field_violations = {{"invited_user_email_address", "not an address"}};
  error.retry_delay = absl::Milliseconds(2500);
  return error;
}

TEST(GuestctlTextFormatTest, InvitationShowsIdsStatusAndRedeemUrl) {
  EXPECT_EQ(FormatInvitation(SampleInvitation()),
            "invited_user_id:      7b1c0a4e-0000-4000-8000-000000000001\n"
            "invitation_id:        inv-1\n"
            "status:               PENDING_ACCEPTANCE\n"
            "email:                bob@contoso.com\n"
            "user_type:            GUEST\n"
            "email_sent:           no\n"
            "redeem_url:           https://login.example/redeem?t=secret\n");
}

TEST(GuestctlTextFormatTest, GroupResultsOneLineEach) {
  GroupResults results;
  auto* added = results.Add();
  added->set_group_id("g1");
  added->set_status(v1::GROUP_RESULT_STATUS_ADDED);
  auto* failed = results.Add();
  failed->set_group_id("g2");
  failed->set_status(v1::GROUP_RESULT_STATUS_FAILED);
  failed->mutable_error()->set_code(5);
  failed->mutable_error()->set_reason("GROUP_NOT_FOUND");
  failed->mutable_error()->set_message("no such group");
  EXPECT_EQ(FormatGroupResults(results),
            "group g1: ADDED\n"
            "group g2: FAILED NOT_FOUND (GROUP_NOT_FOUND): no such group\n");
}

TEST(GuestctlTextFormatTest, GuestWithTimestamps) {
  v1::Guest guest;
  guest.set_id("u1");
  guest.set_mail("bob@contoso.com");
  guest.set_account_enabled(true);
  guest.set_external_user_state(v1::EXTERNAL_USER_STATE_ACCEPTED);
  guest.mutable_create_time()->set_seconds(1700000000);
  const std::string text = FormatGuest(guest);
  EXPECT_THAT(text, HasSubstr("external_user_state:  ACCEPTED\n"));
  EXPECT_THAT(text, HasSubstr("account_enabled:      yes\n"));
  EXPECT_THAT(text, HasSubstr("created:              2023-11-14T22:13:20Z\n"));
  // Unset fields print their key with no trailing blanks.
  EXPECT_THAT(text, HasSubstr("\nstate_changed:\n"));
}

TEST(GuestctlTextFormatTest, GuestTableIsAligned) {
  google::protobuf::RepeatedPtrField<v1::Guest> guests;
  auto* a = guests.Add();
  a->set_id("id-1");
  a->set_mail("a@x.com");
  a->set_external_user_state(v1::EXTERNAL_USER_STATE_PENDING_ACCEPTANCE);
  a->set_display_name("Ann");
  auto* b = guests.Add();
  b->set_id("id-22");
  b->set_mail("bb@x.com");
  b->set_account_enabled(true);
  EXPECT_EQ(FormatGuestTable(guests),
            "ID     MAIL      STATE               ENABLED  DISPLAY NAME\n"
            "id-1   a@x.com   PENDING_ACCEPTANCE  no       Ann\n"
            "id-22  bb@x.com  UNSPECIFIED         yes\n");
  EXPECT_EQ(FormatGuestTable({}), "no guests\n");
}

TEST(GuestctlJsonFormatTest, KeepsProtoFieldNamesAndDefaults) {
  v1::CreateInvitationResponse response;
  *response.mutable_invitation() = SampleInvitation();
  const std::string json = MessageToJson(response);
  EXPECT_THAT(json, HasSubstr(R"("invited_user_id":"7b1c0a4e-)"));
  EXPECT_THAT(json, HasSubstr(R"("invite_redeem_url":"https://)"));
  EXPECT_THAT(json,
              HasSubstr(R"("status":"INVITATION_STATUS_PENDING_ACCEPTANCE")"));
  // Defaults are printed so scripts always find the keys.
  EXPECT_THAT(json, HasSubstr(R"("send_invitation_message":false)"));
  EXPECT_THAT(json, HasSubstr(R"("group_results":[])"));
  EXPECT_THAT(json, Not(HasSubstr("invitedUserId")));
}

TEST(GuestctlJsonFormatTest, FullError) {
  EXPECT_EQ(ErrorToJson(SampleError()),
            R"({"error":{"code":"INVALID_ARGUMENT","reason":"INVALID_EMAIL",)"
            R"("message":"request is invalid","domain":"guestinvitation",)"
            R"("field_violations":[{"field":"invited_user_email_address",)"
            R"("description":"not an address"}],)"
            R"("metadata":{"graph_request_id":"r-1"},"retry_delay":"2.5s"}})");
}

TEST(GuestctlJsonFormatTest, BareErrorEscapesItsMessage) {
  client::RichError error;
  error.code = absl::StatusCode::kUnimplemented;
  error.message = "say \"later\"";
  EXPECT_EQ(ErrorToJson(error),
            R"({"error":{"code":"UNIMPLEMENTED","reason":"",)"
            R"("message":"say \"later\"","domain":""}})");
}

TEST(GuestctlErrorFormatTest, FullError) {
  EXPECT_EQ(FormatErrorText(SampleError()),
            "error: INVALID_ARGUMENT (INVALID_EMAIL): request is invalid\n"
            "  - invited_user_email_address: not an address\n"
            "  retry after: 2.5s\n"
            "  graph_request_id: r-1\n");
}

TEST(GuestctlErrorFormatTest, NoReasonNoParentheses) {
  client::RichError error;
  error.code = absl::StatusCode::kUnavailable;
  error.message = "connection refused";
  EXPECT_EQ(FormatErrorText(error), "error: UNAVAILABLE: connection refused\n");
}

absl::Status StatusWithReason() {
  absl::Status status(absl::StatusCode::kNotFound, "no such guest");
  google::rpc::ErrorInfo info;
  info.set_reason("GUEST_NOT_FOUND");
  status.SetPayload("type.googleapis.com/google.rpc.ErrorInfo",
                    absl::Cord(info.SerializeAsString()));
  return status;
}

TEST(GuestctlPrinterTest, TextFailureGoesToStderrOnly) {
  std::ostringstream out, err;
  Printer printer(out, err, OutputFormat::kText);
  EXPECT_EQ(printer.RpcFailure(StatusWithReason()), kExitFailure);
  EXPECT_EQ(out.str(), "");
  EXPECT_EQ(err.str(), "error: NOT_FOUND (GUEST_NOT_FOUND): no such guest\n");
}

TEST(GuestctlPrinterTest, JsonFailureAlsoGoesToStdout) {
  std::ostringstream out, err;
  Printer printer(out, err, OutputFormat::kJson);
  EXPECT_EQ(printer.RpcFailure(StatusWithReason()), kExitFailure);
  EXPECT_THAT(out.str(), HasSubstr(R"({"error":{"code":"NOT_FOUND")"));
  EXPECT_THAT(err.str(), HasSubstr("error: NOT_FOUND"));
}

TEST(GuestctlPrinterTest, ResultPicksTheFormat) {
  v1::GetGuestResponse response;
  response.mutable_guest()->set_id("u1");
  std::ostringstream out, err;
  Printer text(out, err, OutputFormat::kText);
  text.Result(response, "human\n");
  Printer json(out, err, OutputFormat::kJson);
  json.Result(response, "human\n");
  EXPECT_THAT(out.str(), HasSubstr("human\n{\"guest\":{\"id\":\"u1\""));
  EXPECT_EQ(err.str(), "");
}

TEST(GuestctlPrinterTest, UsageErrorPointsToHelp) {
  std::ostringstream out, err;
  Printer printer(out, err, OutputFormat::kJson);
  EXPECT_EQ(printer.UsageError("groups add", "missing USER_ID argument"),
            kExitUsage);
  EXPECT_EQ(err.str(),
            "error: groups add: missing USER_ID argument\n"
            "Run 'guestctl help groups add' for usage.\n");
  EXPECT_EQ(out.str(), "");
}

}  // namespace
}  // namespace guestinvitation::guestctl
