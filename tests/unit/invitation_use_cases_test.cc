#include "server/invitations/invitation_use_cases.h"

#include <memory>
#include <optional>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/common/error_details.h"
#include "tests/testing/mock_graph_client.h"

namespace guestinvitation {
namespace {

using ::testing::_;
using ::testing::Invoke;
using ::testing::Property;
using testing::MockGraphClient;

constexpr char kUser[] = "cbb896f9-8306-49d0-b56b-b8e39cd28825";
constexpr char kGroupA[] = "11111111-2222-4333-8444-555555555551";
constexpr char kGroupB[] = "11111111-2222-4333-8444-555555555552";

v1::Invitation GraphInvitation() {
  v1::Invitation inv;
  inv.set_id("9071bfde-35e0-47d2-a582-d244ab1b4af6");
  inv.set_invited_user_id(kUser);
  inv.set_invite_redeem_url("https://login.example/redeem?ticket=secret");
  inv.set_status(v1::INVITATION_STATUS_PENDING_ACCEPTANCE);
  return inv;
}

class UseCasesTest : public ::testing::Test {
 protected:
  std::shared_ptr<MockGraphClient> graph_ = std::make_shared<MockGraphClient>();
  absl::Time now_ = absl::FromUnixSeconds(1'800'000'000);
  std::shared_ptr<IdempotencyCache> cache_ = std::make_shared<IdempotencyCache>(
      absl::Minutes(60), 100, [this] { return now_; });
  InvitationUseCases use_cases_{graph_, cache_};

  v1::CreateInvitationRequest Request() {
    v1::CreateInvitationRequest r;
    r.set_invited_user_email_address("bob@contoso.com");
    r.set_invite_redirect_url("https://myapp.fabrikam.com");
    return r;
  }
  absl::StatusOr<v1::CreateInvitationResponse> Run(
      const v1::CreateInvitationRequest& r) {
    std::optional<absl::StatusOr<v1::CreateInvitationResponse>> out;
    use_cases_.CreateInvitation(r, {}, [&](auto result) { out = result; });
    EXPECT_TRUE(out.has_value()) << "mock graph answers inline";
    return out.value_or(absl::InternalError("no answer"));
  }
};

TEST_F(UseCasesTest, InviteWithoutGroupsReturnsGraphInvitation) {
  EXPECT_CALL(*graph_, CreateInvitation(_, std::optional<std::string>(), _, _))
      .WillOnce([](auto, auto, auto, auto done) { done(GraphInvitation()); });
  auto r = Run(Request());
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->invitation().invited_user_id(), kUser);
  EXPECT_EQ(r->group_results_size(), 0);
}

TEST_F(UseCasesTest, GroupResultsKeepRequestOrderAndReportEachOutcome) {
  auto req = Request();
  req.add_group_ids(kGroupA);
  req.add_group_ids(kGroupB);
  EXPECT_CALL(*graph_, CreateInvitation)
      .WillOnce([](auto, auto, auto, auto done) { done(GraphInvitation()); });
  EXPECT_CALL(*graph_, AddGroupMember(kGroupA, kUser, _, _))
      .WillOnce([](auto, auto, auto, auto done) {
        done(graph::MemberAddOutcome::kAlreadyMember);
      });
  EXPECT_CALL(*graph_, AddGroupMember(kGroupB, kUser, _, _))
      .WillOnce([](auto, auto, auto, auto done) {
        done(ErrorWithReason(absl::StatusCode::kNotFound, "no such group",
                             "GRAPH_RESOURCE_NOT_FOUND",
                             {{kMetaGraphCode, "Request_ResourceNotFound"}}));
      });
  auto r = Run(req);
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->group_results_size(), 2);
  EXPECT_EQ(r->group_results(0).group_id(), kGroupA);
  EXPECT_EQ(r->group_results(0).status(), v1::GROUP_RESULT_STATUS_ALREADY_MEMBER);
  EXPECT_EQ(r->group_results(1).status(), v1::GROUP_RESULT_STATUS_FAILED);
  EXPECT_EQ(r->group_results(1).error().code(), 5);
  EXPECT_EQ(r->group_results(1).error().reason(), "GRAPH_RESOURCE_NOT_FOUND");
  EXPECT_EQ(r->group_results(1).error().metadata().at("graph_code"),
            "Request_ResourceNotFound");
}

TEST_F(UseCasesTest, InviteFailureSkipsGroupsAndIsReturned) {
  auto req = Request();
  req.add_group_ids(kGroupA);
  EXPECT_CALL(*graph_, CreateInvitation).WillOnce([](auto, auto, auto, auto done) {
    done(absl::PermissionDeniedError("denied"));
  });
  EXPECT_CALL(*graph_, AddGroupMember).Times(0);
  EXPECT_EQ(Run(req).status().code(), absl::StatusCode::kPermissionDenied);
}

TEST_F(UseCasesTest, SameRequestIdIsAnsweredFromMemoryWithoutGraph) {
  auto req = Request();
  req.set_request_id("123e4567-e89b-42d3-a456-426614174000");
  EXPECT_CALL(*graph_, CreateInvitation)
      .Times(1)
      .WillOnce([](auto, auto, auto, auto done) { done(GraphInvitation()); });
  auto first = Run(req);
  auto second = Run(req);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->invitation().invite_redeem_url(),
            first->invitation().invite_redeem_url());
}

TEST_F(UseCasesTest, ReusedRequestIdWithDifferentBodyIsAlreadyExists) {
  auto req = Request();
  req.set_request_id("123e4567-e89b-42d3-a456-426614174000");
  EXPECT_CALL(*graph_, CreateInvitation).WillOnce([](auto, auto, auto, auto done) {
    done(GraphInvitation());
  });
  ASSERT_TRUE(Run(req).ok());
  req.set_invited_user_email_address("carol@contoso.com");
  auto r = Run(req);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(GetReason(r.status()), "REQUEST_ID_REUSED");
}

TEST_F(UseCasesTest, RetryAfterAmbiguousFailureSuppressesSecondEmailWhenUserExists) {
  auto req = Request();
  req.set_request_id("123e4567-e89b-42d3-a456-426614174000");
  req.set_send_invitation_message(true);
  ::testing::InSequence seq;
  EXPECT_CALL(*graph_, CreateInvitation(
                           Property(&v1::CreateInvitationRequest::send_invitation_message, true),
                           _, _, _))
      .WillOnce([](auto, auto, auto, auto done) {
        done(absl::DeadlineExceededError("caller deadline"));
      });
  EXPECT_CALL(*graph_, FindUserByMail("bob@contoso.com", _, _))
      .WillOnce([](auto, auto, auto done) {
        v1::Guest g;
        g.set_id(kUser);
        done(std::optional<v1::Guest>(g));
      });
  EXPECT_CALL(*graph_, CreateInvitation(
                           Property(&v1::CreateInvitationRequest::send_invitation_message, false),
                           _, _, _))
      .WillOnce([](auto, auto, auto, auto done) { done(GraphInvitation()); });
  EXPECT_EQ(Run(req).status().code(), absl::StatusCode::kDeadlineExceeded);
  auto retry = Run(req);
  ASSERT_TRUE(retry.ok()) << retry.status();
  EXPECT_EQ(retry->invitation().invited_user_id(), kUser);
}

TEST_F(UseCasesTest, RetryAfterAmbiguousFailureKeepsEmailWhenUserNeverCreated) {
  auto req = Request();
  req.set_request_id("123e4567-e89b-42d3-a456-426614174000");
  req.set_send_invitation_message(true);
  ::testing::InSequence seq;
  EXPECT_CALL(*graph_, CreateInvitation).WillOnce([](auto, auto, auto, auto done) {
    done(absl::UnavailableError("reset"));
  });
  EXPECT_CALL(*graph_, FindUserByMail).WillOnce([](auto, auto, auto done) {
    done(std::optional<v1::Guest>());
  });
  EXPECT_CALL(*graph_, CreateInvitation(
                           Property(&v1::CreateInvitationRequest::send_invitation_message, true),
                           _, _, _))
      .WillOnce([](auto, auto, auto, auto done) { done(GraphInvitation()); });
  EXPECT_EQ(Run(req).status().code(), absl::StatusCode::kUnavailable);
  EXPECT_TRUE(Run(req).ok());
}

}  // namespace
}  // namespace guestinvitation
