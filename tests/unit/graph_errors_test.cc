#include "server/graph/graph_errors.h"

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "server/common/error_details.h"
#include "server/http/transport_error.h"

namespace guestinvitation::graph {
namespace {

using Code = absl::StatusCode;
const absl::Time kNow =
    absl::FromUnixSeconds(1'792'567'680);  // 2026-10-21T07:28:00Z

std::string Envelope(absl::string_view code, absl::string_view message) {
  return absl::StrCat(R"({"error":{"code":")", code, R"(","message":")",
                      message, R"("}})");
}

http::HttpResponse Response(int status, std::string body,
                            http::Headers headers = {}) {
  http::HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  r.headers = std::move(headers);
  return r;
}

std::string Meta(const absl::Status& s, const std::string& key) {
  auto info = GetErrorInfo(s);
  if (!info) return "<no ErrorInfo>";
  auto it = info->metadata().find(key);
  return it == info->metadata().end() ? "<absent>" : it->second;
}

struct Row {
  int status;
  std::string body;
  Code code;
  std::string reason;
};

// Every row of the table in graph_errors.cc, plus the policy texts.
std::vector<Row> TableRows() {
  const std::string generic = Envelope("generalException", "Something.");
  return {
      {400, Envelope("Request_BadRequest", "Invalid value for property."),
       Code::kInvalidArgument, "GRAPH_BAD_REQUEST"},
      {400,
       Envelope("Request_BadRequest",
                "The invited user already exists in the directory as "
                "object ID: 6c4bd2a4-1c1b-4a4f-9c5b-3f6c2f0c1e11."),
       Code::kAlreadyExists, "USER_ALREADY_EXISTS"},
      {403,
       Envelope("Forbidden",
                "The invited user already exists in the directory as "
                "object ID: 6c4bd2a4-1c1b-4a4f-9c5b-3f6c2f0c1e11, but the "
                "account is blocked from signing in."),
       Code::kAlreadyExists, "USER_ALREADY_EXISTS"},
      {401, Envelope("InvalidAuthenticationToken", "Access token has expired."),
       Code::kUnavailable, "GRAPH_AUTHENTICATION_FAILED"},
      {403,
       Envelope("Authorization_RequestDenied",
                "Insufficient privileges to complete the operation."),
       Code::kPermissionDenied, "GRAPH_PERMISSION_DENIED"},
      {403, Envelope("accessDenied", "Access denied."), Code::kPermissionDenied,
       "GRAPH_PERMISSION_DENIED"},
      {403,
       Envelope("Unauthorized",
                "Guest invitations not allowed for your company. Contact "
                "your company administrator for more details."),
       Code::kFailedPrecondition, "INVITATIONS_DISABLED"},
      {403,
       Envelope("BadRequest",
                "This invitation is blocked by cross-tenant access "
                "settings. Admins in both your organization and the "
                "invited user's organization must configure cross-tenant "
                "access settings to allow the invitation."),
       Code::kFailedPrecondition, "CROSS_TENANT_ACCESS_BLOCKED"},
      {400,
       Envelope("",
                "This invitation is blocked by cross-tenant access settings."),
       Code::kFailedPrecondition, "CROSS_TENANT_ACCESS_BLOCKED"},
      {403,
       Envelope("Forbidden",
                "Invitations are blocked for this directory due to "
                "suspicious activity"),
       Code::kFailedPrecondition, "INVITATIONS_BLOCKED_ABUSE"},
      {400,
       Envelope("BadRequest",
                "The domain of the invited user is not on the allow list "
                "of this organization."),
       Code::kFailedPrecondition, "DOMAIN_BLOCKED_BY_POLICY"},
      {403,
       Envelope("Forbidden",
                "Invitations to this domain are blocked by the B2B "
                "collaboration blocklist."),
       Code::kFailedPrecondition, "DOMAIN_BLOCKED_BY_POLICY"},
      {400, Envelope("Request_BadRequest", "The domain is blocked by policy."),
       Code::kFailedPrecondition, "DOMAIN_BLOCKED_BY_POLICY"},
      {404,
       Envelope("Request_ResourceNotFound",
                "Resource 'x' does not exist or one of its queried "
                "reference-property objects are not present."),
       Code::kNotFound, "GRAPH_RESOURCE_NOT_FOUND"},
      {409, generic, Code::kAborted, "GRAPH_CONFLICT"},
      {412, generic, Code::kFailedPrecondition, "GRAPH_PRECONDITION_FAILED"},
      {413, generic, Code::kInvalidArgument, "GRAPH_REQUEST_TOO_LARGE"},
      {429, Envelope("TooManyRequests", "Please retry again later."),
       Code::kResourceExhausted, "GRAPH_THROTTLED"},
      // Policy text is not looked for on a 429: throttling is throttling.
      {429, Envelope("TooManyRequests", "suspicious activity"),
       Code::kResourceExhausted, "GRAPH_THROTTLED"},
      {500, generic, Code::kUnavailable, "GRAPH_UNAVAILABLE"},
      {502, generic, Code::kUnavailable, "GRAPH_UNAVAILABLE"},
      {503, Envelope("serviceNotAvailable", "Try later."), Code::kUnavailable,
       "GRAPH_UNAVAILABLE"},
      {504, generic, Code::kUnavailable, "GRAPH_UNAVAILABLE"},
      {507, generic, Code::kUnavailable, "GRAPH_UNAVAILABLE"},
      {509, generic, Code::kUnavailable, "GRAPH_UNAVAILABLE"},
      // Policy text is not looked for on a 5xx either.
      {503, Envelope("x", "Guest invitations not allowed"), Code::kUnavailable,
       "GRAPH_UNAVAILABLE"},
      {501, generic, Code::kUnavailable, "GRAPH_SERVER_ERROR"},
      {505, generic, Code::kUnavailable, "GRAPH_SERVER_ERROR"},
      {599, "", Code::kUnavailable, "GRAPH_SERVER_ERROR"},
      {405, generic, Code::kFailedPrecondition, "GRAPH_REQUEST_REJECTED"},
      {415, generic, Code::kFailedPrecondition, "GRAPH_REQUEST_REJECTED"},
      {422, generic, Code::kFailedPrecondition, "GRAPH_REQUEST_REJECTED"},
      {423, generic, Code::kFailedPrecondition, "GRAPH_REQUEST_REJECTED"},
      {302, "", Code::kUnavailable, "GRAPH_BAD_RESPONSE"},
      {100, "", Code::kUnavailable, "GRAPH_BAD_RESPONSE"},
      // Non-JSON and empty bodies are classified by status alone.
      {502, "<html><body>Bad Gateway</body></html>", Code::kUnavailable,
       "GRAPH_UNAVAILABLE"},
      {404, "", Code::kNotFound, "GRAPH_RESOURCE_NOT_FOUND"},
      {400, "not json", Code::kInvalidArgument, "GRAPH_BAD_REQUEST"},
      {403, "[1,2]", Code::kPermissionDenied, "GRAPH_PERMISSION_DENIED"},
      {400, R"({"error":"weird"})", Code::kInvalidArgument,
       "GRAPH_BAD_REQUEST"},
      {400, R"({"error":{"code":5,"message":null}})", Code::kInvalidArgument,
       "GRAPH_BAD_REQUEST"},
  };
}

TEST(GraphErrorsTest, EveryRowOfTheTableMapsToItsCodeAndReason) {
  for (const Row& row : TableRows()) {
    absl::Status s =
        StatusFromGraphResponse(Response(row.status, row.body), "crid-1", kNow);
    EXPECT_EQ(s.code(), row.code) << row.status << " " << row.body;
    EXPECT_EQ(GetReason(s), row.reason) << row.status << " " << row.body;
    auto info = GetErrorInfo(s);
    ASSERT_TRUE(info.has_value());
    EXPECT_EQ(info->domain(), "guestinvitation");
    EXPECT_EQ(Meta(s, "http_status"), absl::StrCat(row.status));
    EXPECT_EQ(Meta(s, "client_request_id"), "crid-1");
  }
}

TEST(GraphErrorsTest, MetadataCarriesGraphCodeAndRequestIdHeader) {
  absl::Status s = StatusFromGraphResponse(
      Response(403, Envelope("Authorization_RequestDenied", "Insufficient."),
               {{"Request-Id", "req-9"}}),
      "crid-1", kNow);
  EXPECT_EQ(Meta(s, "graph_code"), "Authorization_RequestDenied");
  EXPECT_EQ(Meta(s, "graph_request_id"), "req-9");
  EXPECT_EQ(s.message(),
            "Graph HTTP 403 Authorization_RequestDenied: Insufficient.");
}

TEST(GraphErrorsTest, RequestIdFallsBackToInnerErrorAndInnerCodeIsInnermost) {
  const std::string body =
      R"({"error":{"code":"activityLimitReached","message":"Slow down",)"
      R"("innerError":{"code":"throttledRequest","request-id":"req-inner",)"
      R"("client-request-id":"c","date":"2021-12-09T17:41:54",)"
      R"("innerError":{"code":"quota"}}}})";
  absl::Status s = StatusFromGraphResponse(Response(429, body), "crid", kNow);
  EXPECT_EQ(Meta(s, "graph_request_id"), "req-inner");
  EXPECT_EQ(Meta(s, "graph_code"), "activityLimitReached");
  EXPECT_EQ(Meta(s, "graph_inner_code"), "quota");
  auto parsed = ParseGraphErrorBody(body);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->client_request_id, "c");
}

TEST(GraphErrorsTest, LowerCaseInnerErrorKeyIsReadToo) {
  auto parsed = ParseGraphErrorBody(
      R"({"error":{"code":"x","innererror":{"request-id":"r1"}}})");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->request_id, "r1");
}

TEST(GraphErrorsTest, DeeplyNestedInnerErrorsDoNotCrash) {
  std::string body = R"({"error":{"code":"a")";
  for (int i = 0; i < 20; ++i) body += R"(,"innerError":{"code":"c")";
  for (int i = 0; i < 20; ++i) body += "}";
  body += "}}";
  absl::Status s = StatusFromGraphResponse(Response(500, body), "", kNow);
  EXPECT_EQ(GetReason(s), "GRAPH_UNAVAILABLE");
}

TEST(GraphErrorsTest, AlreadyExistsCarriesTheExistingUserId) {
  absl::Status s = StatusFromGraphResponse(
      Response(400,
               Envelope("Request_BadRequest",
                        "The invited user already exists in the directory "
                        "as object ID: 6c4bd2a4-1c1b-4a4f-9c5b-3f6c2f0c1e11.")),
      "", kNow);
  EXPECT_EQ(Meta(s, "existing_user_id"),
            "6c4bd2a4-1c1b-4a4f-9c5b-3f6c2f0c1e11");
}

TEST(GraphErrorsTest, ExistingUserIdNeedsAWellFormedGuid) {
  EXPECT_EQ(ExistingUserIdFromMessage("as Object ID:   "
                                      "6C4BD2A4-1C1B-4A4F-9C5B-3F6C2F0C1E11"),
            "6C4BD2A4-1C1B-4A4F-9C5B-3F6C2F0C1E11");
  EXPECT_EQ(ExistingUserIdFromMessage("object ID: 1234"), "");
  EXPECT_EQ(ExistingUserIdFromMessage("object ID:"), "");
  EXPECT_EQ(ExistingUserIdFromMessage("no marker here"), "");
}

TEST(GraphErrorsTest, RetryAfterBecomesRetryInfoInEveryForm) {
  auto delay = [](std::string value) {
    return GetRetryDelay(StatusFromGraphResponse(
        Response(429, "", {{"Retry-After", std::move(value)}}), "", kNow));
  };
  EXPECT_EQ(delay("2.128"), absl::Milliseconds(2128));
  EXPECT_EQ(delay("30"), absl::Seconds(30));
  EXPECT_EQ(delay("Wed, 21 Oct 2026 07:28:45 GMT"), absl::Seconds(45));
  EXPECT_EQ(delay("soon"), std::nullopt);
  EXPECT_EQ(GetRetryDelay(StatusFromGraphResponse(Response(429, ""), "", kNow)),
            std::nullopt);
  EXPECT_EQ(GetRetryDelay(StatusFromGraphResponse(
                Response(503, "", {{"retry-after", "5"}}), "", kNow)),
            absl::Seconds(5));
}

TEST(GraphErrorsTest, MessagesNeverCarryUrlsOrRunOn) {
  absl::Status s = StatusFromGraphResponse(
      Response(400, Envelope("x",
                             "Bad redirect https://login.microsoftonline"
                             ".com/redeem?rd=abc&ticket=T1 given")),
      "", kNow);
  EXPECT_FALSE(absl::StrContains(s.message(), "redeem"));
  EXPECT_FALSE(absl::StrContains(s.message(), "ticket"));
  EXPECT_TRUE(absl::StrContains(s.message(), "Bad redirect <url> given"));
  EXPECT_LE(ScrubText(std::string(5000, 'a')).size(), 520u);
  EXPECT_EQ(ScrubText("line1\r\nline2"), "line1  line2");
}

TEST(GraphErrorsTest, NonJsonAndEmptyBodiesAreNamedInTheMessage) {
  EXPECT_EQ(
      StatusFromGraphResponse(Response(502, "<html>"), "", kNow).message(),
      "Graph HTTP 502 with a non-JSON body");
  EXPECT_EQ(StatusFromGraphResponse(Response(404, ""), "", kNow).message(),
            "Graph HTTP 404 with an empty body");
}

TEST(GraphErrorsTest, UnusableSuccessIsUnavailableBadResponse) {
  absl::Status s =
      BadResponseError(Response(201, "garbage", {{"request-id", "r"}}), "crid",
                       "invitation has no invitedUser.id");
  EXPECT_EQ(s.code(), Code::kUnavailable);
  EXPECT_EQ(GetReason(s), "GRAPH_BAD_RESPONSE");
  EXPECT_EQ(Meta(s, "graph_request_id"), "r");
}

TEST(GraphErrorsTest, TransportFailureIsUnreachableAndKeepsSendState) {
  absl::Status s = StatusFromTransportError(
      http::TransportError(Code::kUnavailable,
                           "connection to graph.microsoft.com lost during "
                           "response read: end of stream",
                           http::SendState::kMaybeSent),
      "crid");
  EXPECT_EQ(s.code(), Code::kUnavailable);
  EXPECT_EQ(GetReason(s), "GRAPH_UNREACHABLE");
  EXPECT_EQ(http::GetSendState(s), http::SendState::kMaybeSent);
  absl::Status not_sent = StatusFromTransportError(
      http::TransportError(Code::kUnavailable, "cannot resolve host x",
                           http::SendState::kNotSent),
      "crid");
  EXPECT_EQ(http::GetSendState(not_sent), http::SendState::kNotSent);
}

TEST(GraphErrorsTest, CertificateFailureIsTlsError) {
  absl::Status s = StatusFromTransportError(
      http::TransportError(Code::kUnavailable,
                           "TLS certificate verification failed for host "
                           "graph.microsoft.com: self-signed certificate",
                           http::SendState::kNotSent),
      "crid");
  EXPECT_EQ(s.code(), Code::kUnavailable);
  EXPECT_EQ(GetReason(s), "GRAPH_TLS_ERROR");
}

TEST(GraphErrorsTest, DeadlineIsDeadlineExceeded) {
  absl::Status s = DeadlineExceededError("crid", "before Graph answered");
  EXPECT_EQ(s.code(), Code::kDeadlineExceeded);
  EXPECT_EQ(GetReason(s), "DEADLINE_EXCEEDED");
  EXPECT_EQ(Meta(s, "client_request_id"), "crid");
}

TEST(GraphErrorsTest, FlatOAuthStyleBodyIsUnderstood) {
  auto parsed = ParseGraphErrorBody(
      R"({"error":"invalid_request","error_description":"AADSTS900144"})");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->code, "invalid_request");
  EXPECT_EQ(parsed->message, "AADSTS900144");
}

}  // namespace
}  // namespace guestinvitation::graph
