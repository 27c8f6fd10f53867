#include "server/auth/token_response.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "server/common/error_details.h"

namespace guestinvitation::auth {
namespace {

namespace json = boost::json;

constexpr size_t kMaxDescriptionChars = 400;
constexpr int64_t kMaxLifetimeSeconds = int64_t{10} * 365 * 24 * 3600;

std::optional<json::object> ParseObject(const std::string& body) {
  json::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec || !v.is_object()) return std::nullopt;
  return std::move(v.as_object());
}

std::string StringField(const json::object& o, const char* key) {
  const json::value* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : "";
}

// Whole seconds from a JSON number or a numeric string (some endpoints send
// "3599"); nullopt when absent, negative or not a number.
std::optional<int64_t> SecondsField(const json::object& o, const char* key) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr) return std::nullopt;
  double seconds = -1;
  if (v->is_int64()) {
    seconds = static_cast<double>(v->as_int64());
  } else if (v->is_uint64()) {
    seconds = static_cast<double>(v->as_uint64());
  } else if (v->is_double()) {
    seconds = v->as_double();
  } else if (v->is_string() &&
             !absl::SimpleAtod(std::string(v->as_string()), &seconds)) {
    return std::nullopt;
  }
  if (!std::isfinite(seconds) || seconds < 0) return std::nullopt;
  return static_cast<int64_t>(
      std::min(seconds, static_cast<double>(kMaxLifetimeSeconds)));
}

absl::Status AuthFailure(absl::string_view message,
                         std::map<std::string, std::string> metadata) {
  return ErrorWithReason(absl::StatusCode::kUnavailable, message,
                         kReasonGraphAuthenticationFailed, std::move(metadata));
}

// AAD descriptions run over several lines (Trace ID, Correlation ID,
// Timestamp); the first line carries the AADSTS code and the explanation.
std::string FirstLine(absl::string_view text) {
  text = text.substr(0, text.find_first_of("\r\n"));
  return std::string(text.substr(0, kMaxDescriptionChars));
}

std::string ErrorCodes(const json::object& o) {
  const json::value* v = o.if_contains("error_codes");
  if (v == nullptr || !v->is_array()) return "";
  std::vector<std::string> codes;
  for (const json::value& c : v->as_array()) {
    if (c.is_int64()) {
      codes.push_back(absl::StrCat(c.as_int64()));
    } else if (c.is_uint64()) {
      codes.push_back(absl::StrCat(c.as_uint64()));
    }
  }
  return absl::StrJoin(codes, ",");
}

}  // namespace

absl::Status TokenEndpointError(const http::HttpResponse& response) {
  std::map<std::string, std::string> metadata = {
      {kMetaHttpStatus, absl::StrCat(response.status)}};
  std::string message =
      absl::StrCat("token request failed with HTTP ", response.status);
  if (std::optional<json::object> o = ParseObject(response.body)) {
    const std::string error = StringField(*o, "error");
    const std::string description =
        FirstLine(StringField(*o, "error_description"));
    if (!error.empty()) absl::StrAppend(&message, " (", error, ")");
    if (!description.empty()) absl::StrAppend(&message, ": ", description);
    const std::pair<const char*, std::string> extra[] = {
        {"aad_error", error},
        {"aad_error_codes", ErrorCodes(*o)},
        {"correlation_id", StringField(*o, "correlation_id")},
        {"trace_id", StringField(*o, "trace_id")}};
    for (const auto& [key, value] : extra) {
      if (!value.empty()) metadata[key] = value;
    }
  }
  return AuthFailure(message, std::move(metadata));
}

absl::StatusOr<AccessToken> ParseTokenResponse(
    const http::HttpResponse& response, absl::Time requested_at) {
  if (response.status != 200) return TokenEndpointError(response);
  const std::map<std::string, std::string> metadata = {
      {kMetaHttpStatus, absl::StrCat(response.status)}};
  std::optional<json::object> o = ParseObject(response.body);
  if (!o) return AuthFailure("token response is not a JSON object", metadata);
  AccessToken token;
  token.value = StringField(*o, "access_token");
  if (token.value.empty()) {
    return AuthFailure("token response has no access_token", metadata);
  }
  std::optional<int64_t> expires_in = SecondsField(*o, "expires_in");
  if (!expires_in || *expires_in <= 0) {
    return AuthFailure("token response has no valid expires_in", metadata);
  }
  const absl::Duration lifetime = absl::Seconds(*expires_in);
  token.expires_at = requested_at + lifetime;
  std::optional<int64_t> refresh_in = SecondsField(*o, "refresh_in");
  if (refresh_in && *refresh_in > 0 && *refresh_in < *expires_in) {
    token.refresh_at = requested_at + absl::Seconds(*refresh_in);
  } else {
    token.refresh_at =
        token.expires_at - std::min(absl::Minutes(5), lifetime / 2);
  }
  return token;
}

absl::Status TokenTransportError(const absl::Status& transport_status) {
  return AuthFailure(
      absl::StrCat("token endpoint unreachable: ", transport_status.message()),
      {});
}

bool IsTransientTokenFailure(const absl::Status& status) {
  if (status.code() == absl::StatusCode::kDeadlineExceeded) return true;
  std::optional<google::rpc::ErrorInfo> info = GetErrorInfo(status);
  if (!info) return status.code() == absl::StatusCode::kUnavailable;
  const auto& metadata = info->metadata();
  auto it = metadata.find(kMetaHttpStatus);
  int http_status = 0;
  if (it == metadata.end() || !absl::SimpleAtoi(it->second, &http_status)) {
    return true;  // no HTTP answer: the network, not the credential
  }
  auto error = metadata.find("aad_error");
  if (error != metadata.end() && error->second == "temporarily_unavailable") {
    return true;
  }
  return http_status >= 500 || http_status == 429 ||
         (http_status >= 200 && http_status < 300);
}

}  // namespace guestinvitation::auth
