#include "server/auth/token_endpoint.h"

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "server/auth/form_encoding.h"
#include "server/auth/token_response.h"
#include "server/common/error_details.h"

namespace guestinvitation::auth {
namespace {

const absl::Time kT0 = absl::FromUnixSeconds(1'800'000'000);

TokenEndpointOptions GlobalOptions() {
  TokenEndpointOptions o;
  o.tenant_id = "contoso.onmicrosoft.com";
  o.client_id = "11111111-2222-3333-4444-555555555555";
  return o;
}

http::HttpResponse Response(int status, std::string body) {
  http::HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

TEST(TokenEndpointTest, UrlJoinsAuthorityTenantAndTokenPath) {
  auto endpoint = ResolveTokenEndpoint(GlobalOptions());
  ASSERT_TRUE(endpoint.ok()) << endpoint.status();
  EXPECT_EQ(endpoint->token_url,
            "https://login.microsoftonline.com/contoso.onmicrosoft.com/"
            "oauth2/v2.0/token");
  EXPECT_EQ(endpoint->scope, "https://graph.microsoft.com/.default");
}

TEST(TokenEndpointTest, AuthorityWithoutTrailingSlashGetsOne) {
  TokenEndpointOptions o = GlobalOptions();
  o.authority_host = "https://login.microsoftonline.us";
  o.graph_base_url = "https://graph.microsoft.us/v1.0";
  auto endpoint = ResolveTokenEndpoint(o);
  ASSERT_TRUE(endpoint.ok());
  EXPECT_EQ(endpoint->token_url,
            "https://login.microsoftonline.us/contoso.onmicrosoft.com/oauth2/"
            "v2.0/token");
  EXPECT_EQ(endpoint->scope, "https://graph.microsoft.us/.default");
}

TEST(TokenEndpointTest, ScopeKeepsTheEmulatorPort) {
  auto root = GraphRootFromBaseUrl("https://127.0.0.1:8443/v1.0");
  ASSERT_TRUE(root.ok());
  EXPECT_EQ(*root, "https://127.0.0.1:8443");
  EXPECT_EQ(*GraphRootFromBaseUrl("https://Graph.Microsoft.com"),
            "https://graph.microsoft.com");
}

TEST(TokenEndpointTest, MalformedOptionsAreInvalidArgument) {
  auto with = [](auto mutate) {
    TokenEndpointOptions o = GlobalOptions();
    mutate(o);
    return ResolveTokenEndpoint(o).status().code();
  };
  const auto kInvalid = absl::StatusCode::kInvalidArgument;
  EXPECT_EQ(with([](auto& o) { o.tenant_id = ""; }), kInvalid);
  EXPECT_EQ(with([](auto& o) { o.tenant_id = "a/../b"; }), kInvalid);
  EXPECT_EQ(with([](auto& o) { o.tenant_id = "a?x=1"; }), kInvalid);
  EXPECT_EQ(with([](auto& o) { o.client_id = ""; }), kInvalid);
  EXPECT_EQ(with([](auto& o) { o.authority_host = "http://login/"; }),
            kInvalid);
  EXPECT_EQ(with([](auto& o) { o.graph_base_url = "graph.microsoft.com"; }),
            kInvalid);
  EXPECT_EQ(with([](auto& o) { o.graph_base_url = "https:///v1.0"; }),
            kInvalid);
}

TEST(TokenEndpointTest, RequestIsFormEncodedClientCredentialsPost) {
  auto endpoint = ResolveTokenEndpoint(GlobalOptions());
  ASSERT_TRUE(endpoint.ok());
  http::HttpRequest r =
      BuildTokenRequest(*endpoint, {{"client_secret", "a+b/c=d&e f~"}}, kT0);
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.url, endpoint->token_url);
  EXPECT_EQ(r.deadline, kT0);
  EXPECT_EQ(http::FindHeader(r.headers, "content-type"),
            "application/x-www-form-urlencoded");
  EXPECT_EQ(r.body,
            "client_id=11111111-2222-3333-4444-555555555555"
            "&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default"
            "&grant_type=client_credentials"
            "&client_secret=a%2Bb%2Fc%3Dd%26e%20f~");
}

TEST(TokenEndpointTest, PercentEncodingKeepsOnlyUnreservedCharacters) {
  EXPECT_EQ(PercentEncode("AZaz09-._~"), "AZaz09-._~");
  EXPECT_EQ(PercentEncode("o'brien@x.com"), "o%27brien%40x.com");
  EXPECT_EQ(PercentEncode("\xc3\xa9"), "%C3%A9");
}

TEST(TokenResponseTest, NumericExpiresInCountsFromRequestTime) {
  auto t = ParseTokenResponse(
      Response(200, R"({"token_type":"Bearer","expires_in":3599,)"
                    R"("ext_expires_in":3599,"access_token":"eyJ0"})"),
      kT0);
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->value, "eyJ0");
  EXPECT_EQ(t->expires_at, kT0 + absl::Seconds(3599));
  EXPECT_EQ(t->refresh_at, kT0 + absl::Seconds(3599) - absl::Minutes(5));
}

TEST(TokenResponseTest, StringExpiresInIsAccepted) {
  auto t = ParseTokenResponse(
      Response(200, R"({"expires_in":"4500","access_token":"x"})"), kT0);
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->expires_at, kT0 + absl::Seconds(4500));
}

TEST(TokenResponseTest, RefreshInSetsRefreshAt) {
  auto t = ParseTokenResponse(
      Response(200,
               R"({"expires_in":5400,"refresh_in":2700,"access_token":"x"})"),
      kT0);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->refresh_at, kT0 + absl::Seconds(2700));
}

TEST(TokenResponseTest, NonsenseRefreshInFallsBackToTheMargin) {
  for (const char* refresh : {"0", "-5", "9999", "\"soon\"", "null"}) {
    auto t = ParseTokenResponse(
        Response(200, absl::StrCat(R"({"expires_in":3600,"refresh_in":)",
                                   refresh, R"(,"access_token":"x"})")),
        kT0);
    ASSERT_TRUE(t.ok()) << refresh;
    EXPECT_EQ(t->refresh_at, kT0 + absl::Minutes(55)) << refresh;
  }
}

TEST(TokenResponseTest, ShortLifetimeRefreshesAtHalfLife) {
  auto t = ParseTokenResponse(
      Response(200, R"({"expires_in":240,"access_token":"x"})"), kT0);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->refresh_at, kT0 + absl::Seconds(120));
}

TEST(TokenResponseTest, UnusableSuccessBodiesAreAuthFailures) {
  for (const char* body :
       {"", "not json", "[]", R"({"expires_in":3600})",
        R"({"access_token":"","expires_in":3600})", R"({"access_token":"x"})",
        R"({"access_token":"x","expires_in":0})",
        R"({"access_token":"x","expires_in":"abc"})",
        R"({"access_token":7,"expires_in":3600})"}) {
    auto t = ParseTokenResponse(Response(200, body), kT0);
    ASSERT_FALSE(t.ok()) << body;
    EXPECT_EQ(t.status().code(), absl::StatusCode::kUnavailable);
    EXPECT_EQ(GetReason(t.status()), "GRAPH_AUTHENTICATION_FAILED");
  }
}

TEST(TokenResponseTest, FlatErrorKeepsAadstsDescriptionAndIds) {
  auto t = ParseTokenResponse(
      Response(400,
               R"({"error":"invalid_scope","error_description":)"
               R"("AADSTS70011: The provided value for scope is not valid.\r\n)"
               R"(Trace ID: t1\r\nCorrelation ID: c1","error_codes":[70011],)"
               R"("timestamp":"2026-01-01 00:00:00Z","trace_id":"t1",)"
               R"("correlation_id":"c1"})"),
      kT0);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(t.status().message(),
            "token request failed with HTTP 400 (invalid_scope): AADSTS70011: "
            "The provided value for scope is not valid.");
  auto info = GetErrorInfo(t.status());
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->reason(), "GRAPH_AUTHENTICATION_FAILED");
  EXPECT_EQ(info->metadata().at("http_status"), "400");
  EXPECT_EQ(info->metadata().at("aad_error"), "invalid_scope");
  EXPECT_EQ(info->metadata().at("aad_error_codes"), "70011");
  EXPECT_EQ(info->metadata().at("correlation_id"), "c1");
  EXPECT_EQ(info->metadata().at("trace_id"), "t1");
  EXPECT_FALSE(IsTransientTokenFailure(t.status()));
}

TEST(TokenResponseTest, NonJsonErrorBodyStillGivesTheStatus) {
  auto t = ParseTokenResponse(Response(502, "<html>Bad gateway</html>"), kT0);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().message(), "token request failed with HTTP 502");
  EXPECT_TRUE(IsTransientTokenFailure(t.status()));
}

TEST(TokenResponseTest, TransienceDependsOnWhatTheEndpointSaid) {
  EXPECT_TRUE(IsTransientTokenFailure(
      TokenTransportError(absl::UnavailableError("connection refused"))));
  EXPECT_TRUE(IsTransientTokenFailure(TokenEndpointError(Response(429, ""))));
  EXPECT_TRUE(IsTransientTokenFailure(TokenEndpointError(Response(503, ""))));
  EXPECT_TRUE(IsTransientTokenFailure(TokenEndpointError(
      Response(400, R"({"error":"temporarily_unavailable"})"))));
  EXPECT_FALSE(IsTransientTokenFailure(
      TokenEndpointError(Response(401, R"({"error":"invalid_client"})"))));
  EXPECT_FALSE(IsTransientTokenFailure(TokenEndpointError(Response(400, ""))));
}

}  // namespace
}  // namespace guestinvitation::auth
