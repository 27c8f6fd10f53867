#include "server/graph/graph_errors.h"

#include <boost/json.hpp>
#include <map>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/cord.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "server/common/error_details.h"
#include "server/retry/retry_after.h"

namespace guestinvitation::graph {
namespace {

namespace json = boost::json;
using Code = absl::StatusCode;

constexpr int kMaxInnerErrorDepth = 8;
constexpr size_t kMaxMessageChars = 512;

// Tenant-policy refusals of POST /invitations have no distinct error code:
// Graph sends them as 400/403 with generic codes (or none), and the message
// text is the only thing that tells them apart. Graph's advice is not to
// branch on messages, so only stable, distinctive fragments are matched,
// case-insensitively, and anything unmatched falls through to the
// status-based rows. Order matters: the first match wins.
struct PolicyRule {
  const char* fragment;  // lower case
  Code code;
  const char* reason;
};
constexpr PolicyRule kPolicyRules[] = {
    {"already exists in the directory as object id", Code::kAlreadyExists,
     kReasonUserAlreadyExists},
    {"guest invitations not allowed", Code::kFailedPrecondition,
     kReasonInvitationsDisabled},
    {"blocked by cross-tenant access settings", Code::kFailedPrecondition,
     kReasonCrossTenantBlocked},
    {"suspicious activity", Code::kFailedPrecondition, kReasonAbuseBlocked},
    // The B2B collaboration allow/deny list: no published message text, so
    // match the names the admin center and docs use for the lists.
    {"allow list", Code::kFailedPrecondition, kReasonDomainBlocked},
    {"allowlist", Code::kFailedPrecondition, kReasonDomainBlocked},
    {"deny list", Code::kFailedPrecondition, kReasonDomainBlocked},
    {"denylist", Code::kFailedPrecondition, kReasonDomainBlocked},
    {"block list", Code::kFailedPrecondition, kReasonDomainBlocked},
    {"blocklist", Code::kFailedPrecondition, kReasonDomainBlocked},
    {"collaboration restriction", Code::kFailedPrecondition,
     kReasonDomainBlocked},
    {"domain is not allowed", Code::kFailedPrecondition, kReasonDomainBlocked},
    {"domain is blocked", Code::kFailedPrecondition, kReasonDomainBlocked},
};

std::optional<ErrorClass> ClassifyPolicyMessage(absl::string_view message) {
  const std::string lower = absl::AsciiStrToLower(message);
  for (const PolicyRule& rule : kPolicyRules) {
    if (absl::StrContains(lower, rule.fragment)) {
      return ErrorClass{rule.code, rule.reason};
    }
  }
  return std::nullopt;
}

std::string Str(const json::object& o, const char* key) {
  const json::value* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : "";
}

// Graph spells it "innerError"; OData's JSON format says "innererror".
const json::object* InnerErrorOf(const json::object& o) {
  for (const auto& entry : o) {
    if (absl::EqualsIgnoreCase(
            absl::string_view(entry.key().data(), entry.key().size()),
            "innererror") &&
        entry.value().is_object()) {
      return &entry.value().as_object();
    }
  }
  return nullptr;
}

void ReadInnerErrors(const json::object& error, GraphErrorBody* out) {
  const json::object* inner = InnerErrorOf(error);
  for (int depth = 0; inner != nullptr && depth < kMaxInnerErrorDepth;
       ++depth) {
    if (out->request_id.empty()) out->request_id = Str(*inner, "request-id");
    if (out->client_request_id.empty()) {
      out->client_request_id = Str(*inner, "client-request-id");
    }
    if (std::string code = Str(*inner, "code"); !code.empty()) {
      out->inner_code = std::move(code);
    }
    inner = InnerErrorOf(*inner);
  }
}

std::string Message(const http::HttpResponse& response,
                    const std::optional<GraphErrorBody>& error) {
  std::string message = absl::StrCat("Graph HTTP ", response.status);
  if (!error) {
    absl::StrAppend(&message, response.body.empty() ? " with an empty body"
                                                    : " with a non-JSON body");
    return message;
  }
  if (!error->code.empty()) absl::StrAppend(&message, " ", error->code);
  if (!error->message.empty()) {
    absl::StrAppend(&message, ": ", ScrubText(error->message));
  }
  return message;
}

std::map<std::string, std::string> Metadata(
    const http::HttpResponse& response, const GraphErrorBody& error,
    absl::string_view client_request_id) {
  std::map<std::string, std::string> md = {
      {kMetaHttpStatus, absl::StrCat(response.status)}};
  if (!error.code.empty()) md[kMetaGraphCode] = error.code;
  if (!error.inner_code.empty()) md[kMetaGraphInnerCode] = error.inner_code;
  std::string request_id =
      response.Header("request-id").value_or(error.request_id);
  if (!request_id.empty()) md[kMetaGraphRequestId] = request_id;
  if (!client_request_id.empty()) {
    md[kMetaClientRequestId] = std::string(client_request_id);
  }
  return md;
}

bool IsUuidChar(char c) {
  return absl::ascii_isxdigit(static_cast<unsigned char>(c)) || c == '-';
}

bool LooksLikeTlsFailure(absl::string_view message) {
  const std::string lower = absl::AsciiStrToLower(message);
  return absl::StrContains(lower, "certificate") ||
         absl::StrContains(lower, "tls handshake with") ||
         absl::StrContains(lower, "ssl");
}

}  // namespace

std::optional<GraphErrorBody> ParseGraphErrorBody(absl::string_view body) {
  json::error_code ec;
  json::value v = json::parse(json::string_view(body.data(), body.size()), ec);
  if (ec || !v.is_object()) return std::nullopt;
  const json::value* error = v.as_object().if_contains("error");
  GraphErrorBody out;
  if (error != nullptr && error->is_string()) {  // a flat OAuth-style body
    out.code = std::string(error->as_string());
    out.message = Str(v.as_object(), "error_description");
    return out;
  }
  if (error == nullptr || !error->is_object()) return std::nullopt;
  out.code = Str(error->as_object(), "code");
  out.message = Str(error->as_object(), "message");
  ReadInnerErrors(error->as_object(), &out);
  return out;
}

// The rows (ErrorInfo reason in brackets):
//   policy text on any 4xx but 401/429  see kPolicyRules
//   400  INVALID_ARGUMENT     [GRAPH_BAD_REQUEST]
//   401  UNAVAILABLE          [GRAPH_AUTHENTICATION_FAILED]  our credential
//   403  PERMISSION_DENIED    [GRAPH_PERMISSION_DENIED]      our app's rights
//   404  NOT_FOUND            [GRAPH_RESOURCE_NOT_FOUND]
//   409  ABORTED              [GRAPH_CONFLICT]
//   412  FAILED_PRECONDITION  [GRAPH_PRECONDITION_FAILED]
//   413  INVALID_ARGUMENT     [GRAPH_REQUEST_TOO_LARGE]
//   429  RESOURCE_EXHAUSTED   [GRAPH_THROTTLED]
//   500 502 503 504 507 509  UNAVAILABLE [GRAPH_UNAVAILABLE]
//   other 5xx  UNAVAILABLE          [GRAPH_SERVER_ERROR]
//   other 4xx  FAILED_PRECONDITION  [GRAPH_REQUEST_REJECTED]
//   anything else (1xx, 3xx, a 2xx here)  UNAVAILABLE [GRAPH_BAD_RESPONSE]
ErrorClass ClassifyGraphError(int http_status, const GraphErrorBody& error) {
  const bool client_error = http_status >= 400 && http_status < 500;
  if (client_error && http_status != 401 && http_status != 429) {
    if (auto policy = ClassifyPolicyMessage(error.message)) return *policy;
  }
  switch (http_status) {
    case 400:
      return {Code::kInvalidArgument, kReasonBadRequest};
    case 401:
      return {Code::kUnavailable, kReasonAuthenticationFailed};
    case 403:
      return {Code::kPermissionDenied, kReasonPermissionDenied};
    case 404:
      return {Code::kNotFound, kReasonNotFound};
    case 409:
      return {Code::kAborted, kReasonConflict};
    case 412:
      return {Code::kFailedPrecondition, kReasonPreconditionFailed};
    case 413:
      return {Code::kInvalidArgument, kReasonRequestTooLarge};
    case 429:
      return {Code::kResourceExhausted, kReasonThrottled};
    case 500:
    case 502:
    case 503:
    case 504:
    case 507:
    case 509:
      return {Code::kUnavailable, kReasonUnavailable};
    default:
      break;
  }
  if (http_status >= 500 && http_status < 600) {
    return {Code::kUnavailable, kReasonServerError};
  }
  if (client_error) return {Code::kFailedPrecondition, kReasonRequestRejected};
  return {Code::kUnavailable, kReasonBadResponse};
}

absl::Status StatusFromGraphResponse(const http::HttpResponse& response,
                                     absl::string_view client_request_id,
                                     absl::Time now) {
  const std::optional<GraphErrorBody> parsed =
      ParseGraphErrorBody(response.body);
  const GraphErrorBody error = parsed.value_or(GraphErrorBody{});
  const ErrorClass c = ClassifyGraphError(response.status, error);
  auto metadata = Metadata(response, error, client_request_id);
  if (absl::string_view(c.reason) == kReasonUserAlreadyExists) {
    std::string id = ExistingUserIdFromMessage(error.message);
    if (!id.empty()) metadata[kMetaExistingUserId] = std::move(id);
  }
  absl::Status status =
      ErrorWithReason(c.code, Message(response, parsed), c.reason, metadata);
  if (auto delay = RetryAfterOf(response, now, retry::DefaultRetryAfterCap())) {
    SetRetryDelay(status, *delay);
  }
  return status;
}

absl::Status BadResponseError(const http::HttpResponse& response,
                              absl::string_view client_request_id,
                              absl::string_view what) {
  return ErrorWithReason(
      Code::kUnavailable,
      absl::StrCat("Graph HTTP ", response.status,
                   " response unusable: ", what),
      kReasonBadResponse,
      Metadata(response, GraphErrorBody{}, client_request_id));
}

absl::Status StatusFromTransportError(const absl::Status& transport_status,
                                      absl::string_view client_request_id) {
  const bool tls = LooksLikeTlsFailure(transport_status.message());
  absl::Status status =
      ErrorWithReason(Code::kUnavailable,
                      absl::StrCat(tls ? "TLS failure talking to Graph: "
                                       : "Graph unreachable: ",
                                   ScrubText(transport_status.message())),
                      tls ? kReasonTlsError : kReasonUnreachable,
                      {{kMetaClientRequestId, std::string(client_request_id)}});
  // Keep the transport's markers (SendState): callers decide on them.
  transport_status.ForEachPayload(
      [&status](absl::string_view url, const absl::Cord& payload) {
        if (!status.GetPayload(url).has_value())
          status.SetPayload(url, payload);
      });
  return status;
}

absl::Status DeadlineExceededError(absl::string_view client_request_id,
                                   absl::string_view what) {
  return ErrorWithReason(
      Code::kDeadlineExceeded, absl::StrCat("deadline exceeded ", what),
      kReasonDeadlineExceeded,
      {{kMetaClientRequestId, std::string(client_request_id)}});
}

std::optional<absl::Duration> RetryAfterOf(const http::HttpResponse& response,
                                           absl::Time now, absl::Duration cap) {
  std::optional<std::string> header = response.Header("Retry-After");
  if (!header) return std::nullopt;
  return retry::ParseRetryAfter(*header, now, cap);
}

std::string GraphRequestIdOf(const http::HttpResponse& response) {
  if (auto header = response.Header("request-id")) return *header;
  if (auto error = ParseGraphErrorBody(response.body)) return error->request_id;
  return "";
}

std::string ExistingUserIdFromMessage(absl::string_view message) {
  const absl::string_view marker = "object id:";
  const std::string lower = absl::AsciiStrToLower(message);
  const size_t at = absl::string_view(lower).find(marker);
  if (at == absl::string_view::npos) return "";
  absl::string_view rest =
      absl::StripLeadingAsciiWhitespace(message.substr(at + marker.size()));
  size_t n = 0;
  while (n < rest.size() && IsUuidChar(rest[n])) ++n;
  absl::string_view id = rest.substr(0, n);
  const bool shaped = id.size() == 36 && id[8] == '-' && id[13] == '-' &&
                      id[18] == '-' && id[23] == '-';
  return shaped ? std::string(id) : "";
}

std::string ScrubText(absl::string_view text) {
  std::string out;
  const std::string lower = absl::AsciiStrToLower(text);
  size_t i = 0;
  while (i < text.size() && out.size() < kMaxMessageChars) {
    if (absl::StartsWith(absl::string_view(lower).substr(i), "http://") ||
        absl::StartsWith(absl::string_view(lower).substr(i), "https://")) {
      out.append("<url>");
      while (i < text.size() &&
             !absl::ascii_isspace(static_cast<unsigned char>(text[i])) &&
             text[i] != '"' && text[i] != '\'') {
        ++i;
      }
      continue;
    }
    const auto c = static_cast<unsigned char>(text[i++]);
    out.push_back(c < 0x20 || c == 0x7f ? ' ' : static_cast<char>(c));
  }
  if (i < text.size()) out.append("...");
  return out;
}

}  // namespace guestinvitation::graph
