#include "server/http/header_check.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "server/http/transport_error.h"

namespace guestinvitation::http {
namespace {

bool IsTokenChar(unsigned char c) {
  if (c >= '0' && c <= '9') return true;
  if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return true;
  return absl::StrContains("!#$%&'*+-.^_`|~", static_cast<char>(c));
}

absl::Status Invalid(const std::string& why) {
  return TransportError(absl::StatusCode::kInvalidArgument, why,
                        SendState::kNotSent);
}

}  // namespace

bool IsValidToken(absl::string_view token) {
  if (token.empty()) return false;
  for (char c : token) {
    if (!IsTokenChar(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

bool IsValidHeaderValue(absl::string_view value) {
  for (char ch : value) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c < 0x20 && c != '\t') || c == 0x7f) return false;
  }
  return true;
}

bool IsValidRequestTarget(absl::string_view target) {
  if (target.empty()) return false;
  for (char ch : target) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c >= 0x7f) return false;
  }
  return true;
}

absl::Status ValidateRequestHead(const HttpRequest& request) {
  if (!IsValidToken(request.method)) {
    return Invalid("invalid HTTP method");
  }
  for (const auto& [name, value] : request.headers) {
    if (!IsValidToken(name)) {
      // The name is not echoed either: it failed validation, so it may hold
      // anything.
      return Invalid("invalid header name");
    }
    if (!IsValidHeaderValue(value)) {
      return Invalid(absl::StrCat("header ", name,
                                  " has a control character in its value"));
    }
    if (absl::EqualsIgnoreCase(name, "Transfer-Encoding")) {
      return Invalid("Transfer-Encoding is set by the transport, not callers");
    }
  }
  return absl::OkStatus();
}

}  // namespace guestinvitation::http
