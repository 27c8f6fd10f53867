#include "server/auth/client_secret_token_source.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/auth/token_response.h"
#include "server/common/error_details.h"
#include "server/common/logger.h"
#include "tests/testing/fake_scheduler.h"
#include "tests/testing/mock_http_transport.h"

namespace guestinvitation::auth {
namespace {

using ::testing::_;
using testing::FakeScheduler;
using testing::MockHttpTransport;
using ::testing::NiceMock;
using testing::RecordingTransport;

constexpr char kSecret[] = "s3cr3t~value+with/odd=chars";

class LogCapture {
 public:
  LogCapture() {
    SetLogSink([this](absl::string_view line) { lines.emplace_back(line); });
  }
  ~LogCapture() { SetLogSink(nullptr); }
  std::string All() const { return absl::StrJoin(lines, "\n"); }
  std::vector<std::string> lines;
};

class ClientSecretTokenSourceTest : public ::testing::Test {
 protected:
  ClientSecretTokenSourceTest() : recorder_(*transport_) {
    EXPECT_CALL(*transport_, Send(_, _)).Times(::testing::AnyNumber());
  }

  std::shared_ptr<ClientSecretTokenSource> MakeSource() {
    ClientSecretOptions options;
    options.endpoint.tenant_id = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    options.endpoint.client_id = "app-id";
    options.client_secret = kSecret;
    auto source =
        ClientSecretTokenSource::Create(options, transport_, scheduler_);
    EXPECT_TRUE(source.ok()) << source.status();
    return *source;
  }

  std::shared_ptr<NiceMock<MockHttpTransport>> transport_ =
      std::make_shared<NiceMock<MockHttpTransport>>();
  RecordingTransport recorder_;
  std::shared_ptr<FakeScheduler> scheduler_ = std::make_shared<FakeScheduler>();
};

TEST_F(ClientSecretTokenSourceTest, FetchPostsSecretFormToTenantTokenUrl) {
  auto source = MakeSource();
  std::optional<absl::StatusOr<AccessToken>> result;
  const absl::Time t0 = scheduler_->Now();
  source->Fetch(t0 + absl::Seconds(30), [&](auto r) { result = std::move(r); });
  ASSERT_EQ(recorder_.pending(), 1u);
  const http::HttpRequest& sent = recorder_.front();
  EXPECT_EQ(sent.url,
            "https://login.microsoftonline.com/"
            "72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/token");
  EXPECT_EQ(sent.deadline, t0 + absl::Seconds(30));
  EXPECT_EQ(sent.body,
            "client_id=app-id&scope=https%3A%2F%2Fgraph.microsoft.com%2F."
            "default&grant_type=client_credentials&client_secret="
            "s3cr3t~value%2Bwith%2Fodd%3Dchars");
  scheduler_->AdvanceBy(absl::Seconds(2));
  recorder_.Respond(200, R"({"token_type":"Bearer","expires_in":3599,)"
                         R"("access_token":"tok-A"})");
  ASSERT_TRUE(result.has_value());
  ASSERT_TRUE(result->ok()) << result->status();
  EXPECT_EQ((*result)->value, "tok-A");
  // Lifetime counts from when the request left, not when it came back.
  EXPECT_EQ((*result)->expires_at, t0 + absl::Seconds(3599));
}

TEST_F(ClientSecretTokenSourceTest, CreateRejectsAnEmptySecret) {
  ClientSecretOptions options;
  options.endpoint.tenant_id = "t";
  options.endpoint.client_id = "c";
  auto source =
      ClientSecretTokenSource::Create(options, transport_, scheduler_);
  EXPECT_EQ(source.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(ClientSecretTokenSourceTest, SecretEchoedInAnErrorIsRedacted) {
  auto source = MakeSource();
  std::optional<absl::StatusOr<AccessToken>> result;
  source->Fetch(absl::InfiniteFuture(), [&](auto r) { result = std::move(r); });
  recorder_.Respond(
      401,
      absl::StrCat(
          R"({"error":"invalid_client","error_description":"AADSTS7000215: )",
          R"(Invalid client secret provided: )", kSecret, R"("})"));
  ASSERT_TRUE(result.has_value());
  ASSERT_FALSE(result->ok());
  EXPECT_FALSE(absl::StrContains(result->status().message(), kSecret));
  EXPECT_TRUE(absl::StrContains(result->status().message(), "AADSTS7000215"));
  EXPECT_EQ(GetReason(result->status()), "GRAPH_AUTHENTICATION_FAILED");
  EXPECT_EQ(result->status().code(), absl::StatusCode::kUnavailable);
}

TEST_F(ClientSecretTokenSourceTest, TransportFailureIsUnavailableAuthFailure) {
  auto source = MakeSource();
  std::optional<absl::StatusOr<AccessToken>> result;
  source->Fetch(absl::InfiniteFuture(), [&](auto r) { result = std::move(r); });
  recorder_.Respond(absl::UnavailableError("connection refused"));
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(GetReason(result->status()), "GRAPH_AUTHENTICATION_FAILED");
  EXPECT_TRUE(IsTransientTokenFailure(result->status()));
}

TEST_F(ClientSecretTokenSourceTest, LogLinesCarryNeitherSecretNorToken) {
  LogCapture logs;
  auto source = MakeSource();
  source->Fetch(absl::InfiniteFuture(), [](auto) {});
  recorder_.Respond(200, R"({"expires_in":3599,"access_token":"tok-SECRET"})");
  source->Fetch(absl::InfiniteFuture(), [](auto) {});
  recorder_.Respond(400, absl::StrCat(R"({"error":"invalid_request",)",
                                      R"("error_description":")", kSecret,
                                      R"(","error_codes":[900144]})"));
  ASSERT_EQ(logs.lines.size(), 2u);
  EXPECT_FALSE(absl::StrContains(logs.All(), kSecret));
  EXPECT_FALSE(absl::StrContains(logs.All(), "s3cr3t"));
  EXPECT_FALSE(absl::StrContains(logs.All(), "tok-SECRET"));
  EXPECT_TRUE(absl::StrContains(logs.lines[1], "900144"));
}

}  // namespace
}  // namespace guestinvitation::auth
