#include "server/graph/graph_client_impl.h"

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/common/error_details.h"
#include "server/common/logger.h"
#include "server/http/transport_error.h"
#include "tests/testing/fake_scheduler.h"
#include "tests/testing/mock_http_transport.h"
#include "tests/testing/mock_token_provider.h"

namespace guestinvitation::graph {
namespace {

namespace v1 = guestinvitation::v1;
using testing::FakeScheduler;
using testing::MockHttpTransport;
using testing::MockTokenProvider;
using ::testing::NiceMock;
using testing::RecordingTransport;

constexpr char kBase[] = "https://graph.microsoft.com/v1.0";
constexpr char kEmail[] = "bob@contoso.com";
constexpr char kRedeemUrl[] =
    "https://login.microsoftonline.com/redeem?rd=https%3a%2f%2finvitations."
    "microsoft.com%2fredeem%2f%3fticket%3dSECRET-TICKET";
constexpr char kUserId[] = "cbb896f9-8306-49d0-b56b-b8e39cd28825";

std::string Invitation201(bool sent = true) {
  return absl::StrCat(
      R"({"id":"9071bfde-35e0-47d2-a582-d244ab1b4af6","inviteRedeemUrl":")",
      kRedeemUrl, R"(","invitedUserEmailAddress":")", kEmail,
      R"(","sendInvitationMessage":)", sent ? "true" : "false",
      R"(,"status":"PendingAcceptance","invitedUser":{"id":")", kUserId,
      R"("}})");
}

std::string Envelope(absl::string_view code, absl::string_view message) {
  return absl::StrCat(R"({"error":{"code":")", code, R"(","message":")",
                      message, R"("}})");
}

std::string UserList(bool found) {
  return found ? absl::StrCat(R"({"value":[{"id":")", kUserId, R"(","mail":")",
                              kEmail, R"("}]})")
               : R"({"value":[]})";
}

std::string Header(const http::HttpRequest& r, absl::string_view name) {
  return http::FindHeader(r.headers, name).value_or("<absent>");
}

template <typename T>
struct Capture {
  std::optional<absl::StatusOr<T>> value;
  graph::Callback<T> Cb() {
    return [this](absl::StatusOr<T> r) {
      ASSERT_FALSE(value.has_value()) << "callback ran twice";
      value = std::move(r);
    };
  }
  absl::Status status() const { return value->status(); }
};

struct StatusCapture {
  std::optional<absl::Status> value;
  StatusCallback Cb() {
    return [this](absl::Status s) { value = std::move(s); };
  }
};

class GraphClientTest : public ::testing::Test {
 protected:
  GraphClientTest() : recorder_(*transport_) {
    SetLogSink([this](absl::string_view line) { logs_.emplace_back(line); });
  }
  ~GraphClientTest() override { SetLogSink(nullptr); }

  GraphClientImpl& client() {
    if (!client_) {
      auto c =
          GraphClientImpl::Create(options_, transport_, tokens_, scheduler_,
                                  retry::FixedRandomSource(1.0));
      EXPECT_TRUE(c.ok()) << c.status();
      client_ = *std::move(c);
    }
    return *client_;
  }
  CallOptions Options(absl::Duration timeout = absl::InfiniteDuration()) {
    CallOptions o;
    o.deadline = scheduler_->Now() + timeout;
    o.rpc_id = "rpc-7";
    return o;
  }
  v1::CreateInvitationRequest Request(bool send = true) {
    v1::CreateInvitationRequest r;
    r.set_invited_user_email_address(kEmail);
    r.set_invite_redirect_url("https://myapp.fabrikam.com");
    r.set_send_invitation_message(send);
    return r;
  }
  const http::HttpRequest& Sent(size_t i) { return recorder_.sent().at(i); }
  size_t SentCount() { return recorder_.sent().size(); }
  std::string Logs() const { return absl::StrJoin(logs_, "\n"); }
  int GraphHttpLines() const {
    int n = 0;
    for (const auto& l : logs_) n += absl::StrContains(l, "\"graph_http\"");
    return n;
  }

  GraphClientOptions options_;
  std::shared_ptr<NiceMock<MockHttpTransport>> transport_ =
      std::make_shared<NiceMock<MockHttpTransport>>();
  RecordingTransport recorder_;
  std::shared_ptr<NiceMock<MockTokenProvider>> tokens_ =
      std::make_shared<NiceMock<MockTokenProvider>>();
  std::shared_ptr<FakeScheduler> scheduler_ = std::make_shared<FakeScheduler>();
  std::unique_ptr<GraphClientImpl> client_;
  std::vector<std::string> logs_;
};

TEST_F(GraphClientTest, InviteHappyPathSendsTheDocumentedRequestShape) {
  Capture<v1::Invitation> result;
  client().CreateInvitation(Request(), std::nullopt, Options(absl::Seconds(60)),
                            result.Cb());
  ASSERT_EQ(recorder_.pending(), 1u);
  const http::HttpRequest& r = Sent(0);
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.url, "https://graph.microsoft.com/v1.0/invitations");
  EXPECT_EQ(Header(r, "Authorization"), "Bearer token-1");
  EXPECT_EQ(Header(r, "Accept"), "application/json");
  EXPECT_EQ(Header(r, "Content-Type"), "application/json");
  EXPECT_EQ(Header(r, "Retry-Attempt"), "<absent>");
  EXPECT_THAT(Header(r, "client-request-id"),
              ::testing::MatchesRegex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-"
                                      "[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
  EXPECT_EQ(r.deadline, scheduler_->Now() + absl::Seconds(30));  // per attempt
  EXPECT_EQ(r.body, R"({"invitedUserEmailAddress":"bob@contoso.com",)"
                    R"("inviteRedirectUrl":"https://myapp.fabrikam.com",)"
                    R"("sendInvitationMessage":true})");
  scheduler_->AdvanceBy(absl::Milliseconds(250));
  recorder_.Respond(201, Invitation201(), {{"request-id", "req-1"}});
  ASSERT_TRUE(result.value.has_value());
  ASSERT_TRUE(result.value->ok()) << result.status();
  EXPECT_EQ((*result.value)->invited_user_id(), kUserId);
  EXPECT_EQ((*result.value)->invite_redeem_url(), kRedeemUrl);
  ASSERT_EQ(logs_.size(), 1u);
  for (const char* field :
       {R"("method":"POST")", R"("path":"/v1.0/invitations")",
        R"("status":201)", R"("latency_ms":250)", R"("attempt":1)",
        R"("graph_request_id":"req-1")", R"("rpc_id":"rpc-7")"}) {
    EXPECT_TRUE(absl::StrContains(logs_[0], field)) << field;
  }
  EXPECT_TRUE(absl::StrContains(
      logs_[0], absl::StrCat(R"("client_request_id":")",
                             Header(r, "client-request-id"), "\"")));
}

TEST_F(GraphClientTest, ShortDeadlineBoundsTheAttempt) {
  client().GetUser("u1", Options(absl::Seconds(5)), [](auto) {});
  EXPECT_EQ(Sent(0).deadline, scheduler_->Now() + absl::Seconds(5));
}

TEST_F(GraphClientTest, ThrottledInviteWaitsForRetryAfterThenSucceeds) {
  Capture<v1::Invitation> result;
  client().CreateInvitation(Request(), std::nullopt, Options(), result.Cb());
  recorder_.Respond(429,
                    Envelope("TooManyRequests", "Please retry again later."),
                    {{"Retry-After", "2.128"}});
  scheduler_->AdvanceBy(absl::Milliseconds(2127));
  EXPECT_EQ(recorder_.pending(), 0u);  // not a millisecond early
  scheduler_->AdvanceBy(absl::Milliseconds(1));
  ASSERT_EQ(recorder_.pending(), 1u);
  EXPECT_EQ(Header(Sent(1), "Retry-Attempt"), "1");
  EXPECT_EQ(Header(Sent(1), "client-request-id"),
            Header(Sent(0), "client-request-id"));
  EXPECT_EQ(Sent(1).body, Sent(0).body);  // throttled = not applied: same POST
  recorder_.Respond(201, Invitation201());
  ASSERT_TRUE(result.value.has_value());
  EXPECT_TRUE(result.value->ok()) << result.status();
  EXPECT_EQ(GraphHttpLines(), 2);
}

TEST_F(GraphClientTest, CancelledCallStartsNoRetry) {
  Capture<v1::Invitation> result;
  auto cancelled = std::make_shared<std::atomic<bool>>(false);
  CallOptions options = Options();
  options.cancelled = cancelled;
  client().CreateInvitation(Request(), std::nullopt, options, result.Cb());
  recorder_.Respond(429, Envelope("TooManyRequests", "later"),
                    {{"Retry-After", "1"}});
  cancelled->store(true);
  scheduler_->AdvanceBy(absl::Seconds(5));
  EXPECT_EQ(SentCount(), 1u) << "no attempt after cancellation";
  ASSERT_TRUE(result.value.has_value());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kCancelled);
}

TEST_F(GraphClientTest, ThrottlingWithoutRetryAfterBacksOffThreeSeconds) {
  Capture<v1::Guest> result;
  client().GetUser("u1", Options(), result.Cb());
  recorder_.Respond(429, "");
  scheduler_->AdvanceBy(absl::Milliseconds(2999));
  EXPECT_EQ(recorder_.pending(), 0u);
  scheduler_->AdvanceBy(absl::Milliseconds(1));
  ASSERT_EQ(recorder_.pending(), 1u);
  recorder_.Respond(429, "");
  scheduler_->AdvanceBy(absl::Seconds(6));  // second wait doubles
  ASSERT_EQ(recorder_.pending(), 1u);
  recorder_.Respond(200, R"({"id":"u1"})");
  ASSERT_TRUE(result.value.has_value());
  EXPECT_TRUE(result.value->ok());
}

TEST_F(GraphClientTest,
       ThrottlingThatOutlastsTheDeadlineFailsAtOnceWithRetryInfo) {
  Capture<v1::Invitation> result;
  client().CreateInvitation(Request(), std::nullopt, Options(absl::Seconds(10)),
                            result.Cb());
  recorder_.Respond(429, Envelope("TooManyRequests", "Slow down"),
                    {{"Retry-After", "30"}, {"request-id", "req-429"}});
  ASSERT_TRUE(result.value.has_value());  // no waiting at all
  EXPECT_EQ(result.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(GetReason(result.status()), "GRAPH_THROTTLED");
  EXPECT_EQ(GetRetryDelay(result.status()), absl::Seconds(30));
  EXPECT_EQ(GetErrorInfo(result.status())->metadata().at("graph_request_id"),
            "req-429");
  EXPECT_EQ(scheduler_->pending(), 0u);
  EXPECT_EQ(SentCount(), 1u);
}

TEST_F(GraphClientTest, RetryAfterAboveTheMaximumWaitIsNotWaitedOut) {
  Capture<v1::Guest> result;
  client().GetUser("u1", Options(), result.Cb());
  recorder_.Respond(503, "", {{"Retry-After", "600"}});
  ASSERT_TRUE(result.value.has_value());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(GetReason(result.status()), "GRAPH_UNAVAILABLE");
  EXPECT_EQ(GetRetryDelay(result.status()), absl::Seconds(600));
}

TEST_F(GraphClientTest, PersistentThrottlingStopsAfterMaxAttempts) {
  Capture<v1::Guest> result;
  client().GetUser("u1", Options(), result.Cb());
  for (int i = 0; i < 4; ++i) {
    ASSERT_EQ(recorder_.pending(), 1u) << i;
    recorder_.Respond(429, "", {{"Retry-After", "1"}});
    scheduler_->AdvanceBy(absl::Seconds(1));
  }
  ASSERT_TRUE(result.value.has_value());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(SentCount(), 4u);
  EXPECT_EQ(Header(Sent(3), "Retry-Attempt"), "3");
}

TEST_F(GraphClientTest, AmbiguousInviteFailureLooksUpThenRepostsWithoutEmail) {
  Capture<v1::Invitation> result;
  client().CreateInvitation(Request(/*send=*/true), std::nullopt, Options(),
                            result.Cb());
  recorder_.Respond(504, "");
  EXPECT_EQ(recorder_.pending(), 0u);  // never re-POSTed blindly
  scheduler_->AdvanceBy(absl::Seconds(3));
  ASSERT_EQ(recorder_.pending(), 1u);
  const http::HttpRequest lookup = Sent(1);
  EXPECT_EQ(lookup.method, "GET");
  EXPECT_TRUE(absl::StrContains(
      lookup.url, "/users?$filter=mail%20eq%20%27bob%40contoso.com%27"));
  EXPECT_NE(Header(lookup, "client-request-id"),
            Header(Sent(0), "client-request-id"));
  recorder_.Respond(200, UserList(/*found=*/true));
  ASSERT_EQ(recorder_.pending(), 1u);
  const http::HttpRequest repost = Sent(2);
  EXPECT_EQ(repost.method, "POST");
  EXPECT_TRUE(
      absl::StrContains(repost.body, R"("sendInvitationMessage":false)"));
  EXPECT_FALSE(
      absl::StrContains(repost.body, R"("sendInvitationMessage":true)"));
  EXPECT_EQ(Header(repost, "client-request-id"),
            Header(Sent(0), "client-request-id"));
  EXPECT_EQ(Header(repost, "Retry-Attempt"), "1");
  recorder_.Respond(201, Invitation201(/*sent=*/false));
  ASSERT_TRUE(result.value.has_value());
  ASSERT_TRUE(result.value->ok()) << result.status();
  EXPECT_EQ((*result.value)->invited_user_id(), kUserId);
  EXPECT_FALSE((*result.value)->send_invitation_message());
}

TEST_F(GraphClientTest, MaybeSentInviteWithNoUserFoundRepostsTheOriginal) {
  Capture<v1::Invitation> result;
  client().CreateInvitation(Request(true), std::nullopt, Options(),
                            result.Cb());
  recorder_.Respond(http::TransportError(absl::StatusCode::kUnavailable,
                                         "connection lost during response read",
                                         http::SendState::kMaybeSent));
  scheduler_->AdvanceBy(absl::Seconds(3));
  ASSERT_EQ(Sent(1).method, "GET");
  recorder_.Respond(200, UserList(/*found=*/false));
  ASSERT_EQ(SentCount(), 3u);
  EXPECT_EQ(Sent(2).body, Sent(0).body);
  recorder_.Respond(201, Invitation201());
  ASSERT_TRUE(result.value.has_value());
  EXPECT_TRUE(result.value->ok());
}

TEST_F(GraphClientTest, NotSentTransportFailureIsRetriedWithoutLookup) {
  Capture<v1::Invitation> result;
  client().CreateInvitation(Request(), std::nullopt, Options(), result.Cb());
  recorder_.Respond(http::TransportError(absl::StatusCode::kUnavailable,
                                         "connection refused",
                                         http::SendState::kNotSent));
  scheduler_->AdvanceBy(absl::Seconds(3));
  ASSERT_EQ(SentCount(), 2u);
  EXPECT_EQ(Sent(1).method, "POST");
  EXPECT_EQ(Sent(1).body, Sent(0).body);
  recorder_.Respond(201, Invitation201());
  ASSERT_TRUE(result.value.has_value());
  EXPECT_TRUE(result.value->ok());
}

TEST_F(GraphClientTest, UnparsableCreatedResponseIsAmbiguousAndLookedUp) {
  Capture<v1::Invitation> result;
  client().CreateInvitation(Request(), std::nullopt, Options(), result.Cb());
  recorder_.Respond(201, R"({"id":"i","inviteRedeemUrl":"x"})");
  scheduler_->AdvanceBy(absl::Seconds(3));
  ASSERT_EQ(Sent(1).method, "GET");
  recorder_.Respond(200, UserList(true));
  EXPECT_TRUE(
      absl::StrContains(Sent(2).body, R"("sendInvitationMessage":false)"));
}

TEST_F(GraphClientTest, FailedLookupReportsTheAmbiguityInsteadOfReposting) {
  Capture<v1::Invitation> result;
  client().CreateInvitation(Request(), std::nullopt, Options(), result.Cb());
  recorder_.Respond(500, Envelope("generalException", "boom"));
  scheduler_->AdvanceBy(absl::Seconds(3));
  recorder_.Respond(403, Envelope("Authorization_RequestDenied", "no read"));
  ASSERT_TRUE(result.value.has_value());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(GetReason(result.status()), "GRAPH_UNAVAILABLE");
  EXPECT_TRUE(
      absl::StrContains(result.status().message(), "may have been created"));
  EXPECT_EQ(SentCount(), 2u);
}

TEST_F(GraphClientTest, AmbiguityPastTheDeadlineFailsWithRetryInfo) {
  Capture<v1::Invitation> result;
  client().CreateInvitation(Request(), std::nullopt, Options(absl::Seconds(2)),
                            result.Cb());
  recorder_.Respond(503, "");
  ASSERT_TRUE(result.value.has_value());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(GetRetryDelay(result.status()), absl::Seconds(3));
  EXPECT_EQ(SentCount(), 1u);
}

TEST_F(GraphClientTest, ClientErrorsAreNeverRetried) {
  for (int status : {400, 403, 404, 409, 412, 413, 422}) {
    Capture<v1::Invitation> result;
    client().CreateInvitation(Request(), std::nullopt, Options(), result.Cb());
    recorder_.Respond(status, Envelope("x", "refused"));
    scheduler_->AdvanceBy(absl::Minutes(10));
    ASSERT_TRUE(result.value.has_value()) << status;
    EXPECT_FALSE(result.value->ok()) << status;
    EXPECT_EQ(recorder_.pending(), 0u) << status;
  }
  EXPECT_EQ(SentCount(), 7u);
}

TEST_F(GraphClientTest, AlreadyExistingUserIsReportedWithItsId) {
  Capture<v1::Invitation> result;
  client().CreateInvitation(Request(), std::nullopt, Options(), result.Cb());
  recorder_.Respond(400, Envelope("Request_BadRequest",
                                  "The invited user already exists in the "
                                  "directory as object ID: "
                                  "6c4bd2a4-1c1b-4a4f-9c5b-3f6c2f0c1e11."));
  ASSERT_TRUE(result.value.has_value());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(GetErrorInfo(result.status())->metadata().at("existing_user_id"),
            "6c4bd2a4-1c1b-4a4f-9c5b-3f6c2f0c1e11");
}

TEST_F(GraphClientTest, UnauthorizedInvalidatesTheTokenAndRetriesOnce) {
  EXPECT_CALL(*tokens_, InvalidateToken("token-1")).WillOnce([this](auto&) {
    tokens_->current_token = "token-2";
  });
  Capture<v1::Invitation> result;
  client().CreateInvitation(Request(), std::nullopt, Options(), result.Cb());
  recorder_.Respond(401, Envelope("InvalidAuthenticationToken", "expired"));
  ASSERT_EQ(recorder_.pending(), 1u);  // at once, no backoff
  EXPECT_EQ(Header(Sent(1), "Authorization"), "Bearer token-2");
  recorder_.Respond(201, Invitation201());
  ASSERT_TRUE(result.value.has_value());
  EXPECT_TRUE(result.value->ok()) << result.status();
}

TEST_F(GraphClientTest, SecondUnauthorizedIsAServerSideAuthFailure) {
  EXPECT_CALL(*tokens_, InvalidateToken).Times(1);
  Capture<v1::Guest> result;
  client().GetUser("u1", Options(), result.Cb());
  recorder_.Respond(401, Envelope("InvalidAuthenticationToken", "bad"));
  recorder_.Respond(401, Envelope("InvalidAuthenticationToken", "bad"));
  ASSERT_TRUE(result.value.has_value());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(GetReason(result.status()), "GRAPH_AUTHENTICATION_FAILED");
  EXPECT_EQ(SentCount(), 2u);
}

TEST_F(GraphClientTest, TokenFailureIsReportedWithoutSending) {
  ON_CALL(*tokens_, GetToken)
      .WillByDefault([](absl::Time, auth::TokenCallback cb) {
        cb(ErrorWithReason(absl::StatusCode::kUnavailable, "AADSTS7000215",
                           "GRAPH_AUTHENTICATION_FAILED"));
      });
  Capture<v1::Guest> result;
  client().GetUser("u1", Options(), result.Cb());
  ASSERT_TRUE(result.value.has_value());
  EXPECT_EQ(GetReason(result.status()), "GRAPH_AUTHENTICATION_FAILED");
  EXPECT_EQ(SentCount(), 0u);
}

TEST_F(GraphClientTest, TokenDeadlineIsDeadlineExceeded) {
  ON_CALL(*tokens_, GetToken)
      .WillByDefault([](absl::Time, auth::TokenCallback cb) {
        cb(absl::DeadlineExceededError("no token"));
      });
  Capture<v1::Guest> result;
  client().GetUser("u1", Options(absl::Seconds(1)), result.Cb());
  ASSERT_TRUE(result.value.has_value());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_EQ(GetReason(result.status()), "DEADLINE_EXCEEDED");
}

TEST_F(GraphClientTest, ExpiredDeadlineFailsWithoutSending) {
  Capture<v1::Guest> result;
  CallOptions o = Options();
  o.deadline = scheduler_->Now() - absl::Seconds(1);
  client().GetUser("u1", o, result.Cb());
  ASSERT_TRUE(result.value.has_value());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_EQ(SentCount(), 0u);
}

TEST_F(GraphClientTest, TransportDeadlineAtTheCallDeadlineIsDeadlineExceeded) {
  Capture<v1::Guest> result;
  client().GetUser("u1", Options(absl::Seconds(5)), result.Cb());
  scheduler_->AdvanceBy(absl::Seconds(5));
  recorder_.Respond(http::TransportError(absl::StatusCode::kDeadlineExceeded,
                                         "request deadline expired",
                                         http::SendState::kMaybeSent));
  ASSERT_TRUE(result.value.has_value());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_EQ(GetReason(result.status()), "DEADLINE_EXCEEDED");
}

TEST_F(GraphClientTest, IdempotentReadRetriesServerErrorsThenSucceeds) {
  Capture<v1::Guest> result;
  client().GetUser("u1", Options(), result.Cb());
  recorder_.Respond(503, "");
  scheduler_->AdvanceBy(absl::Seconds(3));
  recorder_.Respond(http::TransportError(absl::StatusCode::kUnavailable,
                                         "connection reset",
                                         http::SendState::kMaybeSent));
  scheduler_->AdvanceBy(absl::Seconds(6));
  recorder_.Respond(200, R"({"id":"u1","userType":"Guest"})");
  ASSERT_TRUE(result.value.has_value());
  ASSERT_TRUE(result.value->ok()) << result.status();
  EXPECT_EQ(SentCount(), 3u);
}

TEST_F(GraphClientTest, TlsVerificationFailureIsNotRetried) {
  Capture<v1::Guest> result;
  client().GetUser("u1", Options(), result.Cb());
  recorder_.Respond(http::TransportError(
      absl::StatusCode::kUnavailable,
      "TLS certificate verification failed for host graph.microsoft.com",
      http::SendState::kNotSent));
  ASSERT_TRUE(result.value.has_value());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(GetReason(result.status()), "GRAPH_TLS_ERROR");
  EXPECT_EQ(SentCount(), 1u);
  EXPECT_EQ(scheduler_->pending(), 0u);
}

TEST_F(GraphClientTest, GetUserSelectsGuestFieldsAndParses) {
  Capture<v1::Guest> result;
  client().GetUser(kUserId, Options(), result.Cb());
  EXPECT_EQ(Sent(0).method, "GET");
  EXPECT_EQ(Sent(0).url,
            absl::StrCat(kBase, "/users/", kUserId,
                         "?$select=id,displayName,mail,userType,accountEnabled,"
                         "externalUserState,externalUserStateChangeDateTime,"
                         "userPrincipalName,createdDateTime,creationType"));
  EXPECT_EQ(Sent(0).body, "");
  EXPECT_EQ(Header(Sent(0), "Content-Type"), "<absent>");
  recorder_.Respond(200, absl::StrCat(R"({"id":")", kUserId,
                                      R"(","externalUserState":"Accepted"})"));
  ASSERT_TRUE(result.value->ok());
  EXPECT_EQ((*result.value)->external_user_state(),
            v1::EXTERNAL_USER_STATE_ACCEPTED);
}

TEST_F(GraphClientTest, UnknownUserIsNotFound) {
  Capture<v1::Guest> result;
  client().GetUser("u1", Options(), result.Cb());
  recorder_.Respond(404, Envelope("Request_ResourceNotFound",
                                  "Resource 'u1' "
                                  "does not exist"));
  EXPECT_EQ(result.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(GetReason(result.status()), "GRAPH_RESOURCE_NOT_FOUND");
  EXPECT_EQ(SentCount(), 1u);
}

TEST_F(GraphClientTest, GarbledSuccessBodyIsBadResponse) {
  Capture<v1::Guest> result;
  client().GetUser("u1", Options(), result.Cb());
  recorder_.Respond(200, "<html>proxy</html>");
  EXPECT_EQ(result.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(GetReason(result.status()), "GRAPH_BAD_RESPONSE");
}

TEST_F(GraphClientTest, FindUserByMailEscapesQuotesAndReturnsFirstMatch) {
  Capture<std::optional<v1::Guest>> result;
  client().FindUserByMail("o'brien@contoso.com", Options(), result.Cb());
  EXPECT_TRUE(absl::StrContains(
      Sent(0).url, "$filter=mail%20eq%20%27o%27%27brien%40contoso.com%27"));
  recorder_.Respond(200, UserList(true));
  ASSERT_TRUE(result.value->ok());
  ASSERT_TRUE(result.value->value().has_value());
  EXPECT_EQ(result.value->value()->id(), kUserId);
  Capture<std::optional<v1::Guest>> none;
  client().FindUserByMail("nobody@contoso.com", Options(), none.Cb());
  recorder_.Respond(200, UserList(false));
  ASSERT_TRUE(none.value->ok());
  EXPECT_FALSE(none.value->value().has_value());
}

TEST_F(GraphClientTest, ListGuestsFollowsNextLinkAsGiven) {
  ListUsersQuery q;
  q.next_link = absl::StrCat(kBase, "/users?$skiptoken=abc");
  Capture<UserPage> result;
  client().ListGuests(q, Options(), result.Cb());
  EXPECT_EQ(Sent(0).url, q.next_link);
  recorder_.Respond(200, R"({"value":[{"id":"a"}]})");
  ASSERT_TRUE(result.value->ok());
  EXPECT_EQ((*result.value)->users.size(), 1u);
  EXPECT_EQ((*result.value)->next_link, "");
}

TEST_F(GraphClientTest, ForeignNextLinkIsRefusedWithoutSendingTheToken) {
  ListUsersQuery q;
  q.next_link = "https://evil.example/v1.0/users?$skiptoken=abc";
  Capture<UserPage> result;
  client().ListGuests(q, Options(), result.Cb());
  EXPECT_FALSE(result.value.has_value());  // asynchronous, like the rest
  scheduler_->RunReady();
  ASSERT_TRUE(result.value.has_value());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(SentCount(), 0u);
}

TEST_F(GraphClientTest, DisableSendsPatchAndDeleteSendsDelete) {
  StatusCapture disabled, deleted;
  client().SetAccountEnabled("u1", false, Options(), disabled.Cb());
  EXPECT_EQ(Sent(0).method, "PATCH");
  EXPECT_EQ(Sent(0).url, absl::StrCat(kBase, "/users/u1"));
  EXPECT_EQ(Sent(0).body, R"({"accountEnabled":false})");
  recorder_.Respond(204);
  client().DeleteUser("u1", Options(), deleted.Cb());
  EXPECT_EQ(Sent(1).method, "DELETE");
  EXPECT_EQ(Sent(1).url, absl::StrCat(kBase, "/users/u1"));
  recorder_.Respond(204);
  EXPECT_TRUE(disabled.value->ok());
  EXPECT_TRUE(deleted.value->ok());
}

TEST_F(GraphClientTest, DeleteOfAnUnknownUserIsNotFound) {
  StatusCapture deleted;
  client().DeleteUser("u1", Options(), deleted.Cb());
  recorder_.Respond(404, Envelope("Request_ResourceNotFound", "gone"));
  EXPECT_EQ(deleted.value->code(), absl::StatusCode::kNotFound);
}

TEST_F(GraphClientTest, DeleteRetriedAfterMaybeAppliedAttemptTreats404AsDone) {
  StatusCapture deleted;
  client().DeleteUser("u1", Options(), deleted.Cb());
  recorder_.Respond(http::TransportError(absl::StatusCode::kUnavailable,
                                         "connection lost",
                                         http::SendState::kMaybeSent));
  scheduler_->AdvanceBy(absl::Seconds(3));
  recorder_.Respond(404, Envelope("Request_ResourceNotFound", "gone"));
  ASSERT_TRUE(deleted.value.has_value());
  EXPECT_TRUE(deleted.value->ok()) << *deleted.value;
}

TEST_F(GraphClientTest, GroupAddSendsRefAndReportsAdded) {
  Capture<MemberAddOutcome> result;
  client().AddGroupMember("g1", kUserId, Options(), result.Cb());
  EXPECT_EQ(Sent(0).method, "POST");
  EXPECT_EQ(Sent(0).url, absl::StrCat(kBase, "/groups/g1/members/$ref"));
  EXPECT_EQ(Sent(0).body,
            absl::StrCat(R"({"@odata.id":"https://graph.microsoft.com/v1.0/)",
                         R"(directoryObjects/)", kUserId, R"("})"));
  recorder_.Respond(204);
  ASSERT_TRUE(result.value->ok());
  EXPECT_EQ(**result.value, MemberAddOutcome::kAdded);
}

TEST_F(GraphClientTest, GroupAddOfAnExistingMemberIsAlreadyMember) {
  Capture<MemberAddOutcome> result;
  client().AddGroupMember("g1", kUserId, Options(), result.Cb());
  recorder_.Respond(400, Envelope("Request_BadRequest",
                                  "One or more added object references already "
                                  "exist for the following modified "
                                  "properties: 'members'."));
  ASSERT_TRUE(result.value->ok()) << result.status();
  EXPECT_EQ(**result.value, MemberAddOutcome::kAlreadyMember);
  EXPECT_EQ(SentCount(), 1u);
}

TEST_F(GraphClientTest, GroupAddRetriesReplicationNotFoundThenAdds) {
  Capture<MemberAddOutcome> result;
  client().AddGroupMember("g1", kUserId, Options(), result.Cb());
  recorder_.Respond(404, Envelope("Request_ResourceNotFound", "missing"));
  EXPECT_FALSE(result.value.has_value());
  scheduler_->AdvanceBy(absl::Seconds(1));
  ASSERT_EQ(recorder_.pending(), 1u);
  EXPECT_EQ(Header(Sent(1), "client-request-id"),
            Header(Sent(0), "client-request-id"));
  EXPECT_EQ(Header(Sent(1), "Retry-Attempt"), "1");
  recorder_.Respond(400, Envelope("Request_BadRequest",
                                  "The source resource object or one of the "
                                  "objects being referenced do not exist."));
  scheduler_->AdvanceBy(absl::Seconds(2));
  recorder_.Respond(204);
  ASSERT_TRUE(result.value->ok()) << result.status();
  EXPECT_EQ(**result.value, MemberAddOutcome::kAdded);
  EXPECT_EQ(SentCount(), 3u);
}

TEST_F(GraphClientTest, UnknownGroupAfterTheBudgetIsReplicationTimeout) {
  Capture<MemberAddOutcome> result;
  const absl::Time start = scheduler_->Now();
  client().AddGroupMember("no-such-group", kUserId, Options(), result.Cb());
  while (!result.value.has_value()) {
    ASSERT_EQ(recorder_.pending(), 1u);
    recorder_.Respond(404,
                      Envelope("Request_ResourceNotFound",
                               "Resource 'no-such-group' does not exist"),
                      {{"request-id", "req-404"}});
    if (!result.value.has_value()) {
      scheduler_->AdvanceBy(scheduler_->NextDue() - scheduler_->Now());
    }
  }
  EXPECT_EQ(result.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(GetReason(result.status()), "REPLICATION_TIMEOUT");
  EXPECT_EQ(GetErrorInfo(result.status())->metadata().at("graph_code"),
            "Request_ResourceNotFound");
  EXPECT_EQ(GetErrorInfo(result.status())->metadata().at("graph_request_id"),
            "req-404");
  EXPECT_LE(scheduler_->Now() - start, absl::Seconds(30));
  EXPECT_GE(SentCount(), 4u);  // 1 s, 2 s, 4 s, 8 s, 8 s ... within 30 s
}

TEST_F(GraphClientTest, ReplicationRetriesStopAtAShorterDeadline) {
  Capture<MemberAddOutcome> result;
  client().AddGroupMember("g1", kUserId, Options(absl::Seconds(2)),
                          result.Cb());
  recorder_.Respond(404, "");
  scheduler_->AdvanceBy(absl::Seconds(1));
  recorder_.Respond(404, "");
  ASSERT_TRUE(result.value.has_value());  // a 2 s wait would pass the deadline
  EXPECT_EQ(GetReason(result.status()), "REPLICATION_TIMEOUT");
  EXPECT_EQ(SentCount(), 2u);
}

TEST_F(GraphClientTest, GroupAddPermissionErrorIsNotRetried) {
  Capture<MemberAddOutcome> result;
  client().AddGroupMember("g1", kUserId, Options(), result.Cb());
  recorder_.Respond(403, Envelope("Authorization_RequestDenied", "no"));
  EXPECT_EQ(result.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(scheduler_->pending(), 0u);
}

TEST_F(GraphClientTest, LogsNeverContainTokensRedeemUrlsOrTheEmail) {
  Capture<v1::Invitation> result;
  client().CreateInvitation(Request(), std::nullopt, Options(), result.Cb());
  recorder_.Respond(http::TransportError(
      absl::StatusCode::kUnavailable,
      "lost https://graph.microsoft.com/v1.0/users?$filter=bob@contoso.com",
      http::SendState::kMaybeSent));
  scheduler_->AdvanceBy(absl::Seconds(3));
  recorder_.Respond(200, UserList(true));
  recorder_.Respond(201, Invitation201(false), {{"request-id", "r"}});
  ASSERT_TRUE(result.value->ok());
  EXPECT_EQ(GraphHttpLines(), 3);  // one per HTTP attempt
  const std::string all = Logs();
  EXPECT_FALSE(absl::StrContains(all, "token-1"));
  EXPECT_FALSE(absl::StrContains(all, "Bearer"));
  EXPECT_FALSE(absl::StrContains(all, "redeem"));
  EXPECT_FALSE(absl::StrContains(all, "SECRET-TICKET"));
  EXPECT_FALSE(absl::StrContains(all, kEmail));
  EXPECT_FALSE(absl::StrContains(all, "contoso"));
}

TEST_F(GraphClientTest, CreateRejectsANonHttpsBaseUrl) {
  GraphClientOptions options;
  options.graph_base_url = "http://graph.microsoft.com/v1.0";
  auto c = GraphClientImpl::Create(options, transport_, tokens_, scheduler_);
  EXPECT_EQ(c.status().code(), absl::StatusCode::kInvalidArgument);
  options.graph_base_url = "https://graph.microsoft.com/v1.0/";
  auto ok = GraphClientImpl::Create(options, transport_, tokens_, scheduler_);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ((*ok)->base_url(), kBase);
}

}  // namespace
}  // namespace guestinvitation::graph
