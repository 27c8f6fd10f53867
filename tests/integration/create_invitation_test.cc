// CreateInvitation end to end: gRPC -> server -> HTTPS -> Graph emulator,
// asserting on what the caller sees and on the emulator's ledger.
#include <string>

#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/service/field_rules.h"
#include "tests/integration/server_harness.h"

namespace guestinvitation::testing {
namespace {

using ::testing::Contains;
using ::testing::Not;
using emulator::FaultKind;
using emulator::FaultRule;

int64_t InvitationPosts(boost::json::object ledger, const std::string& email) {
  auto* posts = ledger["invitation_posts"].as_object().if_contains(email);
  return posts == nullptr ? 0 : posts->as_int64();
}

int64_t EmailsSent(boost::json::object ledger, const std::string& email) {
  auto* sent = ledger["emails_sent"].as_object().if_contains(email);
  return sent == nullptr ? 0 : sent->as_object().at("count").as_int64();
}

size_t Memberships(boost::json::object ledger) {
  return ledger["memberships"].as_array().size();
}

FaultRule InvitationFault(FaultKind kind, int status = 0, int64_t count = 1) {
  FaultRule rule;
  rule.match.method = "POST";
  rule.match.path_prefix = "/v1.0/invitations";
  rule.kind = kind;
  rule.status = status;
  rule.count = count;
  return rule;
}

std::unique_ptr<ServerHarness> StartWith(std::vector<FaultRule> faults,
                                         HarnessOptions options = {}) {
  options.emulator_config.faults = std::move(faults);
  auto h = ServerHarness::Start(std::move(options));
  EXPECT_TRUE(h.ok()) << h.status();
  return h.ok() ? std::move(*h) : nullptr;
}

TEST(CreateInvitationIntegrationTest, InvitesBobAndTheLedgerHoldsExactlyOneGuest) {
  auto h = StartWith({});
  ASSERT_NE(h, nullptr);
  auto r = h->Invite(BobRequest());
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsGuid(r->invitation().invited_user_id()));
  EXPECT_TRUE(IsGuid(r->invitation().id()));
  EXPECT_NE(r->invitation().id(), r->invitation().invited_user_id());
  EXPECT_TRUE(absl::StartsWith(r->invitation().invite_redeem_url(), "https://"));
  EXPECT_EQ(r->invitation().status(), v1::INVITATION_STATUS_PENDING_ACCEPTANCE);
  auto ledger = h->Ledger();
  auto users = ledger["users"].as_array();
  ASSERT_EQ(users.size(), 1u);
  EXPECT_EQ(users[0].as_object().at("id").as_string(),
            r->invitation().invited_user_id());
  EXPECT_EQ(users[0].as_object().at("mail").as_string(), "bob@contoso.com");
  EXPECT_EQ(InvitationPosts(ledger, "bob@contoso.com"), 1);
  EXPECT_EQ(EmailsSent(ledger, "bob@contoso.com"), 0) << "send_invitation_message defaults to false";
}

TEST(CreateInvitationIntegrationTest, AddsToGroupsAndAReAddIsAlreadyMember) {
  auto h = StartWith({});
  ASSERT_NE(h, nullptr);
  auto req = BobRequest();
  req.add_group_ids(kGroupA);
  req.add_group_ids(kGroupB);
  auto first = h->Invite(req);
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_EQ(first->group_results_size(), 2);
  EXPECT_EQ(first->group_results(0).status(), v1::GROUP_RESULT_STATUS_ADDED);
  EXPECT_EQ(first->group_results(1).status(), v1::GROUP_RESULT_STATUS_ADDED);
  EXPECT_EQ(Memberships(h->Ledger()), 2u);

  auto again = BobRequest();
  again.add_group_ids(kGroupA);
  auto second = h->Invite(again);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(second->invitation().invited_user_id(),
            first->invitation().invited_user_id());
  EXPECT_NE(second->invitation().invite_redeem_url(),
            first->invitation().invite_redeem_url());
  EXPECT_EQ(second->group_results(0).status(),
            v1::GROUP_RESULT_STATUS_ALREADY_MEMBER);
  EXPECT_EQ(Memberships(h->Ledger()), 2u);
}

TEST(CreateInvitationIntegrationTest, UnknownGroupFailsThatGroupOnlyWithGraphDetails) {
  auto h = StartWith({}, {.server_flags = {"--replication-wait=1s"}});
  ASSERT_NE(h, nullptr);
  auto req = BobRequest();
  req.add_group_ids(kGroupA);
  req.add_group_ids("0badbad0-0000-4000-8000-000000000000");
  auto r = h->Invite(req);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->group_results(0).status(), v1::GROUP_RESULT_STATUS_ADDED);
  const auto& failed = r->group_results(1);
  EXPECT_EQ(failed.status(), v1::GROUP_RESULT_STATUS_FAILED);
  EXPECT_EQ(failed.error().code(), static_cast<int>(grpc::StatusCode::NOT_FOUND));
  EXPECT_FALSE(failed.error().reason().empty());
  EXPECT_EQ(failed.error().metadata().at("http_status"), "404");
  EXPECT_FALSE(failed.error().metadata().at("graph_request_id").empty());
  EXPECT_EQ(Memberships(h->Ledger()), 1u);
}

struct GraphErrorCase {
  int status;
  std::string code;
  std::string message;
  grpc::StatusCode want_code;
  std::string want_reason;
};

class GraphErrorTest : public ::testing::TestWithParam<GraphErrorCase> {};

TEST_P(GraphErrorTest, GraphRefusalBecomesCanonicalCodeWithErrorInfo) {
  const auto& c = GetParam();
  FaultRule rule = InvitationFault(FaultKind::kStatus, c.status);
  rule.code = c.code;
  rule.message = c.message;
  auto h = StartWith({rule});
  ASSERT_NE(h, nullptr);
  grpc::Status raw;
  auto r = h->Invite(BobRequest(), absl::Seconds(20), &raw);
  ASSERT_FALSE(r.ok());
  RpcError e = ParseRpcError(raw);
  EXPECT_EQ(e.code, c.want_code);
  EXPECT_EQ(e.reason, c.want_reason);
  EXPECT_EQ(e.metadata["http_status"], std::to_string(c.status));
  EXPECT_EQ(e.metadata["graph_code"], c.code);
  EXPECT_FALSE(e.metadata["graph_request_id"].empty());
  EXPECT_EQ(InvitationPosts(h->Ledger(), "bob@contoso.com"), 1) << "4xx is never retried";
  EXPECT_TRUE(h->Ledger()["users"].as_array().empty());
}

INSTANTIATE_TEST_SUITE_P(
    Refusals, GraphErrorTest,
    ::testing::Values(
        GraphErrorCase{400, "BadRequest", "Invalid invitedUserEmailAddress",
                       grpc::StatusCode::INVALID_ARGUMENT, "GRAPH_BAD_REQUEST"},
        GraphErrorCase{403, "Authorization_RequestDenied",
                       "Insufficient privileges to complete the operation.",
                       grpc::StatusCode::PERMISSION_DENIED, "GRAPH_PERMISSION_DENIED"},
        GraphErrorCase{403, "Forbidden",
                       "Guest invitations not allowed for your company. Contact "
                       "your company administrator for more details.",
                       grpc::StatusCode::FAILED_PRECONDITION, "INVITATIONS_DISABLED"},
        GraphErrorCase{404, "Request_ResourceNotFound", "Resource not found",
                       grpc::StatusCode::NOT_FOUND, "GRAPH_RESOURCE_NOT_FOUND"}));

TEST(CreateInvitationIntegrationTest, InvalidRequestNeverReachesGraph) {
  auto h = StartWith({});
  ASSERT_NE(h, nullptr);
  auto req = BobRequest();
  req.set_invited_user_email_address("bob(at)contoso.com");
  req.add_group_ids("not-a-guid");
  grpc::Status raw;
  ASSERT_FALSE(h->Invite(req, absl::Seconds(20), &raw).ok());
  RpcError e = ParseRpcError(raw);
  EXPECT_EQ(e.code, grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(e.reason, "REQUEST_INVALID");
  EXPECT_THAT(e.violated_fields, Contains("invited_user_email_address"));
  EXPECT_THAT(e.violated_fields, Contains("group_ids[0]"));
  auto requests = h->Ledger()["requests"].as_object();
  EXPECT_EQ(requests.if_contains("POST /v1.0/invitations"), nullptr);
}

TEST(CreateInvitationIntegrationTest, SameRequestIdPostsOnceAndReplaysTheAnswer) {
  auto h = StartWith({});
  ASSERT_NE(h, nullptr);
  auto req = BobRequest();
  req.set_request_id("6f1c3a2e-8b4d-4e6f-9a10-1b2c3d4e5f99");
  req.set_send_invitation_message(true);
  auto first = h->Invite(req);
  auto second = h->Invite(req);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(first->invitation().invite_redeem_url(),
            second->invitation().invite_redeem_url());
  auto ledger = h->Ledger();
  EXPECT_EQ(InvitationPosts(ledger, "bob@contoso.com"), 1);
  EXPECT_EQ(EmailsSent(ledger, "bob@contoso.com"), 1);
}

TEST(CreateInvitationIntegrationTest, ConnectionLostAfterApplyNeverSendsASecondEmail) {
  auto h = StartWith({InvitationFault(FaultKind::kResetAfterApply)});
  ASSERT_NE(h, nullptr);
  auto req = BobRequest();
  req.set_send_invitation_message(true);
  auto r = h->Invite(req);
  ASSERT_TRUE(r.ok()) << r.status();
  auto ledger = h->Ledger();
  EXPECT_EQ(ledger["users"].as_array().size(), 1u);
  EXPECT_EQ(EmailsSent(ledger, "bob@contoso.com"), 1);
  EXPECT_EQ(r->invitation().invited_user_id(),
            ledger["users"].as_array()[0].as_object().at("id").as_string());
}

TEST(CreateInvitationIntegrationTest, ThrottlingIsRetriedHonouringRetryAfter) {
  FaultRule rule = InvitationFault(FaultKind::kStatus, 429, 2);
  rule.retry_after = emulator::RetryAfterForm::kFractional;
  rule.retry_after_seconds = 0.2;
  auto h = StartWith({rule});
  ASSERT_NE(h, nullptr);
  auto r = h->Invite(BobRequest());
  ASSERT_TRUE(r.ok()) << r.status();
  auto requests = h->Ledger()["requests"].as_object();
  auto posts = requests.at("POST /v1.0/invitations").as_object();
  EXPECT_EQ(posts.at("429").as_int64(), 2);
  EXPECT_EQ(posts.at("201").as_int64(), 1);
}

TEST(CreateInvitationIntegrationTest, CallerDeadlineBoundsSlowGraph) {
  FaultRule rule = InvitationFault(FaultKind::kHang);
  auto h = StartWith({rule});
  ASSERT_NE(h, nullptr);
  grpc::Status raw;
  auto r = h->Invite(BobRequest(), absl::Milliseconds(500), &raw);
  EXPECT_EQ(raw.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  // The server notices too and logs the RPC as DEADLINE_EXCEEDED.
  EXPECT_TRUE(h->WaitForLog("\"code\":\"DEADLINE_EXCEEDED\"", absl::Seconds(10)));
}

TEST(CreateInvitationIntegrationTest, WrongClientSecretKeepsHealthNotServingAndSaysWhy) {
  HarnessOptions options;
  options.client_secret_override = "definitely-wrong-secret";
  options.wait_until_serving = false;
  auto h = ServerHarness::Start(std::move(options));
  ASSERT_TRUE(h.ok()) << h.status();
  ASSERT_TRUE((*h)->WaitForLog("\"event\":\"graph_token_failed\"", absl::Seconds(10)));
  grpc::ClientContext ctx;
  grpc::health::v1::HealthCheckRequest req;
  grpc::health::v1::HealthCheckResponse resp;
  ASSERT_TRUE((*h)->health().Check(&ctx, req, &resp).ok());
  EXPECT_EQ(resp.status(), grpc::health::v1::HealthCheckResponse::NOT_SERVING);
  grpc::Status raw;
  EXPECT_FALSE((*h)->Invite(BobRequest(), absl::Seconds(10), &raw).ok());
  EXPECT_EQ(ParseRpcError(raw).reason, "GRAPH_AUTHENTICATION_FAILED");
  bool named_cause = false;
  for (const auto& line : (*h)->LogLines()) {
    EXPECT_THAT(line, Not(::testing::HasSubstr("definitely-wrong-secret")));
    if (absl::StrContains(line, "graph_token_failed") &&
        absl::StrContains(line, "AADSTS")) {
      named_cause = true;
    }
  }
  EXPECT_TRUE(named_cause) << "the log line must carry Entra's AADSTS error";
}

TEST(CreateInvitationIntegrationTest, HealthIsServingOnceATokenWasObtained) {
  auto h = StartWith({});
  ASSERT_NE(h, nullptr);
  for (const std::string service : {"", "guestinvitation.v1.GuestInvitationService"}) {
    grpc::ClientContext ctx;
    grpc::health::v1::HealthCheckRequest req;
    req.set_service(service);
    grpc::health::v1::HealthCheckResponse resp;
    ASSERT_TRUE(h->health().Check(&ctx, req, &resp).ok());
    EXPECT_EQ(resp.status(), grpc::health::v1::HealthCheckResponse::SERVING);
  }
}

TEST(CreateInvitationIntegrationTest, LogsNeverHoldSecretsTokensRedeemUrlsOrFullEmails) {
  auto h = StartWith({InvitationFault(FaultKind::kStatus, 503, 1)});
  ASSERT_NE(h, nullptr);
  auto req = BobRequest();
  req.add_group_ids(kGroupA);
  auto r = h->Invite(req);
  ASSERT_TRUE(r.ok()) << r.status();
  const std::string secret = h->emulator().credentials().client_secret;
  const std::string url = r->invitation().invite_redeem_url();
  const auto lines = h->LogLines();
  ASSERT_GT(lines.size(), 3u);
  for (const auto& line : lines) {
    EXPECT_THAT(line, Not(::testing::HasSubstr(secret)));
    EXPECT_THAT(line, Not(::testing::HasSubstr("ticket")));
    EXPECT_THAT(line, Not(::testing::HasSubstr(url.substr(0, 40))));
    EXPECT_THAT(line, Not(::testing::HasSubstr("Bearer")));
    EXPECT_THAT(line, Not(::testing::HasSubstr("bob@contoso.com")));
  }
}

TEST(CreateInvitationIntegrationTest, GracefulShutdownRefusesNewRpcs) {
  auto h = StartWith({});
  ASSERT_NE(h, nullptr);
  ASSERT_TRUE(h->Invite(BobRequest()).ok());
  h->app().Shutdown(absl::Seconds(2));
  EXPECT_FALSE(h->app().serving());
  grpc::Status raw;
  EXPECT_FALSE(h->Invite(BobRequest(), absl::Seconds(2), &raw).ok());
  EXPECT_EQ(raw.error_code(), grpc::StatusCode::UNAVAILABLE);
}

}  // namespace
}  // namespace guestinvitation::testing
