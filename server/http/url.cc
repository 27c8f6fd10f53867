#include "server/http/url.h"

#include <arpa/inet.h>

#include <cstdint>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "server/http/header_check.h"
#include "server/http/transport_error.h"

namespace guestinvitation::http {
namespace {

constexpr absl::string_view kScheme = "https://";

// The URL itself is not echoed: its query may carry identifiers.
absl::Status Invalid(absl::string_view why) {
  return TransportError(absl::StatusCode::kInvalidArgument,
                        absl::StrCat("invalid URL: ", why),
                        SendState::kNotSent);
}

bool IsIpv4Literal(const std::string& host) {
  in_addr addr{};
  return inet_pton(AF_INET, host.c_str(), &addr) == 1;
}

bool IsIpv6Literal(const std::string& host) {
  in6_addr addr{};
  return inet_pton(AF_INET6, host.c_str(), &addr) == 1;
}

// DNS names: letters, digits, '-', '.', '_' (the last for odd intranet names).
bool IsValidDnsName(absl::string_view host) {
  if (host.empty() || host.size() > 253) return false;
  for (char c : host) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-' &&
        c != '.' && c != '_') {
      return false;
    }
  }
  return true;
}

absl::Status ParsePort(absl::string_view text, Origin& origin) {
  if (text.empty()) {
    origin.port = "443";
    return absl::OkStatus();
  }
  uint32_t port = 0;
  if (text.size() > 5 || !absl::SimpleAtoi(text, &port) || port == 0 ||
      port > 65535 ||
      !absl::ascii_isdigit(static_cast<unsigned char>(text[0]))) {
    return Invalid("bad port");
  }
  origin.port = std::to_string(port);
  return absl::OkStatus();
}

// authority = host [":" port], host possibly "[v6]".
absl::StatusOr<Origin> ParseAuthority(absl::string_view authority) {
  if (absl::StrContains(authority, '@')) {
    return Invalid("user info is not allowed");
  }
  Origin origin;
  absl::string_view port_text;
  if (absl::StartsWith(authority, "[")) {
    const size_t close = authority.find(']');
    if (close == absl::string_view::npos) return Invalid("unclosed '['");
    origin.host = std::string(authority.substr(1, close - 1));
    absl::string_view rest = authority.substr(close + 1);
    if (!rest.empty() && rest[0] != ':') return Invalid("junk after ']'");
    if (!rest.empty()) port_text = rest.substr(1);
    if (!IsIpv6Literal(origin.host)) return Invalid("bad IPv6 literal");
    origin.is_ip_literal = true;
  } else {
    const size_t colon = authority.find(':');
    origin.host = std::string(authority.substr(0, colon));
    if (colon != absl::string_view::npos)
      port_text = authority.substr(colon + 1);
    if (!IsValidDnsName(origin.host)) return Invalid("bad host");
    origin.is_ip_literal = IsIpv4Literal(origin.host);
  }
  absl::AsciiStrToLower(&origin.host);
  absl::Status port_status = ParsePort(port_text, origin);
  if (!port_status.ok()) return port_status;
  return origin;
}

}  // namespace

std::string Origin::Key() const { return absl::StrCat(host, ":", port); }

std::string Origin::HostHeader() const {
  const bool v6 = absl::StrContains(host, ':');
  std::string out = v6 ? absl::StrCat("[", host, "]") : host;
  if (port != "443") absl::StrAppend(&out, ":", port);
  return out;
}

absl::StatusOr<ParsedUrl> ParseHttpsUrl(absl::string_view url) {
  if (!absl::StartsWithIgnoreCase(url, kScheme)) {
    return Invalid("only absolute https:// URLs are supported");
  }
  absl::string_view rest = url.substr(kScheme.size());
  rest = rest.substr(0, rest.find('#'));
  const size_t end = rest.find_first_of("/?");
  absl::StatusOr<Origin> origin = ParseAuthority(rest.substr(0, end));
  if (!origin.ok()) return origin.status();
  ParsedUrl parsed{*std::move(origin), "/"};
  if (end != absl::string_view::npos) {
    absl::string_view target = rest.substr(end);
    parsed.target =
        target[0] == '?' ? absl::StrCat("/", target) : std::string(target);
  }
  if (!IsValidRequestTarget(parsed.target)) {
    return Invalid(
        "the path or query contains control, space or non-ASCII "
        "bytes (percent-encode them)");
  }
  return parsed;
}

}  // namespace guestinvitation::http
