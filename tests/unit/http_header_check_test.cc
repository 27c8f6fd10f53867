#include <gtest/gtest.h>

#include <string>

#include "server/http/header_check.h"
#include "server/http/transport_error.h"

namespace guestinvitation::http {
namespace {

HttpRequest Get(Headers headers) {
  HttpRequest request;
  request.method = "GET";
  request.url = "https://example.com/";
  request.headers = std::move(headers);
  return request;
}

void ExpectRejected(const HttpRequest& request) {
  absl::Status status = ValidateRequestHead(request);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(GetSendState(status), SendState::kNotSent);
}

TEST(HeaderCheckTest, OrdinaryHeadersPass) {
  EXPECT_TRUE(ValidateRequestHead(Get({{"Authorization", "Bearer abc.def"},
                                       {"Content-Type", "application/json"},
                                       {"client-request-id", "x\ty"},
                                       {"X-Obs", "caf\xc3\xa9"}}))
                  .ok());
}

TEST(HeaderCheckTest, RejectsCrLfInValue) {
  ExpectRejected(Get({{"X-A", "v\r\nX-Injected: 1"}}));
  ExpectRejected(Get({{"X-A", "v\nX-Injected: 1"}}));
  ExpectRejected(Get({{"X-A", "v\r"}}));
}

TEST(HeaderCheckTest, RejectsNulDelAndOtherControlsInValue) {
  ExpectRejected(Get({{"X-A", std::string("a\0b", 3)}}));
  ExpectRejected(Get({{"X-A", "a\x7f"}}));
  ExpectRejected(Get({{"X-A", "a\x01"}}));
  ExpectRejected(Get({{"X-A", "a\x1f"}}));
}

TEST(HeaderCheckTest, RejectsBadNames) {
  ExpectRejected(Get({{"", "v"}}));
  ExpectRejected(Get({{"X A", "v"}}));
  ExpectRejected(Get({{"X-A:", "v"}}));
  ExpectRejected(Get({{"X-A\r\nEvil", "v"}}));
  ExpectRejected(Get({{std::string("X\0", 2), "v"}}));
}

TEST(HeaderCheckTest, RejectsCallerTransferEncoding) {
  ExpectRejected(Get({{"transfer-encoding", "chunked"}}));
}

TEST(HeaderCheckTest, RejectsBadMethod) {
  HttpRequest request = Get({});
  request.method = "GET /x HTTP/1.1\r\n";
  ExpectRejected(request);
  request.method = "";
  ExpectRejected(request);
}

TEST(HeaderCheckTest, ErrorNamesHeaderButNotValue) {
  absl::Status status =
      ValidateRequestHead(Get({{"Authorization", "Bearer secret\r\n"}}));
  EXPECT_NE(status.message().find("Authorization"), absl::string_view::npos);
  EXPECT_EQ(status.message().find("secret"), absl::string_view::npos);
}

TEST(HeaderCheckTest, ValueRuleBoundaries) {
  EXPECT_TRUE(IsValidHeaderValue(""));
  EXPECT_TRUE(IsValidHeaderValue(" \t~\x80\xff"));
  EXPECT_FALSE(IsValidHeaderValue("\x1f"));
  EXPECT_FALSE(IsValidHeaderValue("\x7f"));
}

TEST(HeaderCheckTest, TargetRuleBoundaries) {
  EXPECT_TRUE(IsValidRequestTarget("/a%20b?c=%0D"));
  EXPECT_FALSE(IsValidRequestTarget(""));
  EXPECT_FALSE(IsValidRequestTarget("/a b"));
  EXPECT_FALSE(IsValidRequestTarget("/a\x7f"));
  EXPECT_FALSE(IsValidRequestTarget("/a\x80"));
}

}  // namespace
}  // namespace guestinvitation::http
