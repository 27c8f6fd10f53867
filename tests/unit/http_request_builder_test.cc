#include <gtest/gtest.h>

#include <string>

#include "server/http/request_builder.h"

namespace guestinvitation::http {
namespace {

namespace beast_http = boost::beast::http;

BeastRequest Build(HttpRequest request) {
  absl::StatusOr<ParsedUrl> url = ParseHttpsUrl(request.url);
  EXPECT_TRUE(url.ok());
  return BuildBeastRequest(request, *url, "gi-test/1");
}

std::string Field(const BeastRequest& r, beast_http::field f) {
  return std::string(r[f]);
}

TEST(BuildBeastRequestTest, GetHasHostUserAgentKeepAliveAndNoLength) {
  HttpRequest in{"GET", "https://graph.example:8443/v1.0/me?x=1", {}, ""};
  BeastRequest out = Build(in);
  EXPECT_EQ(out.method(), beast_http::verb::get);
  EXPECT_EQ(out.target(), "/v1.0/me?x=1");
  EXPECT_EQ(out.version(), 11);
  EXPECT_EQ(Field(out, beast_http::field::host), "graph.example:8443");
  EXPECT_EQ(Field(out, beast_http::field::user_agent), "gi-test/1");
  EXPECT_EQ(Field(out, beast_http::field::connection), "keep-alive");
  EXPECT_EQ(out.count(beast_http::field::content_length), 0u);
}

TEST(BuildBeastRequestTest, PostBodyGetsContentLength) {
  HttpRequest in{"POST",
                 "https://h/invitations",
                 {{"Content-Type", "application/json"}},
                 R"({"a":1})"};
  BeastRequest out = Build(in);
  EXPECT_EQ(Field(out, beast_http::field::content_length), "7");
  EXPECT_EQ(Field(out, beast_http::field::content_type), "application/json");
  EXPECT_EQ(out.body(), R"({"a":1})");
}

TEST(BuildBeastRequestTest, EmptyPostStillDeclaresZeroLength) {
  BeastRequest out = Build(HttpRequest{"POST", "https://h/x", {}, ""});
  EXPECT_EQ(Field(out, beast_http::field::content_length), "0");
}

TEST(BuildBeastRequestTest, TransportOwnedHeadersReplaceCallerValues) {
  HttpRequest in{"PATCH",
                 "https://h/x",
                 {{"Host", "evil.example"},
                  {"Content-Length", "999"},
                  {"Connection", "close"}},
                 "ab"};
  BeastRequest out = Build(in);
  EXPECT_EQ(out.count(beast_http::field::host), 1u);
  EXPECT_EQ(Field(out, beast_http::field::host), "h");
  EXPECT_EQ(out.count(beast_http::field::content_length), 1u);
  EXPECT_EQ(Field(out, beast_http::field::content_length), "2");
  EXPECT_EQ(Field(out, beast_http::field::connection), "keep-alive");
}

TEST(BuildBeastRequestTest, CallerUserAgentWins) {
  BeastRequest out =
      Build(HttpRequest{"GET", "https://h/", {{"User-Agent", "custom"}}, ""});
  EXPECT_EQ(out.count(beast_http::field::user_agent), 1u);
  EXPECT_EQ(Field(out, beast_http::field::user_agent), "custom");
}

TEST(BuildBeastRequestTest, Ipv6HostHeaderHasBrackets) {
  BeastRequest out = Build(HttpRequest{"GET", "https://[::1]:4443/", {}, ""});
  EXPECT_EQ(Field(out, beast_http::field::host), "[::1]:4443");
}

TEST(ToHttpResponseTest, KeepsStatusAllHeadersInOrderAndBody) {
  BeastResponse in;
  in.result(201);
  in.insert("Location", "/x");
  in.insert("Set-Cookie", "a=1");
  in.insert("Set-Cookie", "b=2");
  in.body() = "hello";
  HttpResponse out = ToHttpResponse(std::move(in));
  EXPECT_EQ(out.status, 201);
  ASSERT_EQ(out.headers.size(), 3u);
  EXPECT_EQ(out.headers[1],
            (std::pair<std::string, std::string>("Set-Cookie", "a=1")));
  EXPECT_EQ(out.headers[2].second, "b=2");
  EXPECT_EQ(out.Header("location"), "/x");
  EXPECT_EQ(out.body, "hello");
}

TEST(IsIdempotentMethodTest, MatchesRfc9110) {
  for (const char* m : {"GET", "HEAD", "PUT", "DELETE", "OPTIONS"}) {
    EXPECT_TRUE(IsIdempotentMethod(m)) << m;
  }
  for (const char* m : {"POST", "PATCH", "get", "CONNECT"}) {
    EXPECT_FALSE(IsIdempotentMethod(m)) << m;
  }
}

}  // namespace
}  // namespace guestinvitation::http
