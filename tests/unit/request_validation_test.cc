#include "server/service/request_validation.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "absl/strings/str_format.h"
#include "server/common/error_details.h"

namespace guestinvitation {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

v1::CreateInvitationRequest Valid() {
  v1::CreateInvitationRequest r;
  r.set_invited_user_email_address("bob@contoso.com");
  r.set_invite_redirect_url("https://myapp.fabrikam.com");
  return r;
}

std::vector<std::string> ViolatedFields(const absl::Status& s) {
  std::vector<std::string> out;
  auto br = GetBadRequest(s);
  if (!br) return out;
  for (const auto& v : br->field_violations()) out.push_back(v.field());
  return out;
}

TEST(ValidateCreateInvitationTest, MinimalRequestIsValid) {
  EXPECT_TRUE(ValidateCreateInvitationRequest(Valid()).ok());
}

TEST(ValidateCreateInvitationTest, FullRequestIsValid) {
  auto r = Valid();
  r.set_invited_user_display_name("Bob");
  r.set_send_invitation_message(true);
  r.mutable_invited_user_message_info()->set_customized_message_body("Hi Bob,\nwelcome.");
  auto* cc = r.mutable_invited_user_message_info()->add_cc_recipients();
  cc->set_email_address("alice@fabrikam.com");
  r.set_invited_user_type(v1::INVITED_USER_TYPE_GUEST);
  r.add_invited_user_sponsor_ids("cbb896f9-8306-49d0-b56b-b8e39cd28825");
  r.add_group_ids("11111111-2222-4333-8444-555555555555");
  r.set_request_id("123e4567-e89b-42d3-a456-426614174000");
  EXPECT_TRUE(ValidateCreateInvitationRequest(r).ok());
}

TEST(ValidateCreateInvitationTest, MissingRequiredFieldsAreInvalidArgumentWithBadRequest) {
  absl::Status s = ValidateCreateInvitationRequest({});
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(GetReason(s), "REQUEST_INVALID");
  EXPECT_THAT(ViolatedFields(s),
              UnorderedElementsAre("invited_user_email_address",
                                   "invite_redirect_url"));
}

TEST(ValidateCreateInvitationTest, BodyAndLanguageAreExclusive) {
  auto r = Valid();
  r.mutable_invited_user_message_info()->set_customized_message_body("Hi");
  r.mutable_invited_user_message_info()->set_message_language("en-US");
  EXPECT_THAT(ViolatedFields(ValidateCreateInvitationRequest(r)),
              ElementsAre("invited_user_message_info.message_language"));
}

TEST(ValidateCreateInvitationTest, AtMostOneCcRecipient) {
  auto r = Valid();
  for (const char* a : {"a@fabrikam.com", "b@fabrikam.com"}) {
    r.mutable_invited_user_message_info()->add_cc_recipients()->set_email_address(a);
  }
  EXPECT_THAT(ViolatedFields(ValidateCreateInvitationRequest(r)),
              ElementsAre("invited_user_message_info.cc_recipients"));
}

TEST(ValidateCreateInvitationTest, CcAddressIsChecked) {
  auto r = Valid();
  r.mutable_invited_user_message_info()->add_cc_recipients()->set_email_address("x");
  EXPECT_THAT(ViolatedFields(ValidateCreateInvitationRequest(r)),
              ElementsAre("invited_user_message_info.cc_recipients[0].email_address"));
}

TEST(ValidateCreateInvitationTest, GroupIdsMustBeDistinctGuidsAndAtMostTwenty) {
  auto r = Valid();
  r.add_group_ids("not-a-guid");
  r.add_group_ids("11111111-2222-4333-8444-555555555555");
  r.add_group_ids("11111111-2222-4333-8444-555555555555");
  EXPECT_THAT(ViolatedFields(ValidateCreateInvitationRequest(r)),
              ElementsAre("group_ids[0]", "group_ids[2]"));
  auto many = Valid();
  for (int i = 0; i < 21; ++i) {
    many.add_group_ids(absl::StrFormat("11111111-2222-4333-8444-%012d", i));
  }
  EXPECT_THAT(ViolatedFields(ValidateCreateInvitationRequest(many)),
              ElementsAre("group_ids"));
}

TEST(ValidateCreateInvitationTest, UnknownEnumAndBadRequestIdRejected) {
  auto r = Valid();
  r.set_invited_user_type(static_cast<v1::InvitedUserType>(7));
  r.set_request_id("retry-1");
  EXPECT_THAT(ViolatedFields(ValidateCreateInvitationRequest(r)),
              UnorderedElementsAre("invited_user_type", "request_id"));
}

TEST(ValidateCreateInvitationTest, MessageNamesFirstProblemWithoutEchoingInput) {
  auto r = Valid();
  r.set_invited_user_email_address("evil<script>@contoso.com");
  absl::Status s = ValidateCreateInvitationRequest(r);
  EXPECT_THAT(std::string(s.message()),
              ::testing::HasSubstr("invited_user_email_address"));
  EXPECT_THAT(std::string(s.message()),
              ::testing::Not(::testing::HasSubstr("<script>")));
}

}  // namespace
}  // namespace guestinvitation
