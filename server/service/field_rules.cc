#include "server/service/field_rules.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace guestinvitation {
namespace {

// Graph rejects these anywhere in invitedUserEmailAddress (graph-api.md 1.1).
constexpr absl::string_view kForbiddenEmailChars = "~!#$%^&*()+=[]{}\\/|;:\"<>?,";

bool HasControlOrSpace(absl::string_view s) {
  for (unsigned char c : s) {
    if (c <= 0x20 || c == 0x7f) return true;
  }
  return false;
}

std::optional<std::string> CheckLocalPart(absl::string_view local) {
  if (local.empty()) return "must have a local part before '@'";
  if (local.size() > kMaxLocalPartLength) {
    return absl::StrCat("local part must be at most ", kMaxLocalPartLength,
                        " characters");
  }
  for (char edge : {local.front(), local.back()}) {
    if (edge == '.' || edge == '-') {
      return "local part must not start or end with '.' or '-'";
    }
  }
  if (absl::StrContains(local, "..")) return "local part must not contain '..'";
  return std::nullopt;
}

std::optional<std::string> CheckDomain(absl::string_view domain) {
  std::vector<absl::string_view> labels = absl::StrSplit(domain, '.');
  if (labels.size() < 2) return "domain must have at least two labels";
  for (absl::string_view label : labels) {
    if (label.empty() || label.size() > 63) {
      return "domain labels must be 1 to 63 characters";
    }
    if (label.front() == '-' || label.back() == '-') {
      return "domain labels must not start or end with '-'";
    }
    for (char c : label) {
      if (!absl::ascii_isalnum(c) && c != '-') {
        return "domain may contain only letters, digits, '-' and '.'";
      }
    }
  }
  return std::nullopt;
}

bool IsLoopbackHost(absl::string_view host) {
  return host == "localhost" || host == "127.0.0.1" || host == "[::1]";
}

}  // namespace

std::optional<std::string> CheckEmail(absl::string_view email) {
  if (email.empty()) return "required";
  if (email.size() > kMaxEmailLength) {
    return absl::StrCat("must be at most ", kMaxEmailLength, " characters");
  }
  for (unsigned char c : email) {
    if (c <= 0x20 || c >= 0x7f) {
      return "must contain only printable ASCII characters, no spaces";
    }
    if (absl::StrContains(kForbiddenEmailChars, static_cast<char>(c))) {
      return "contains a character Graph does not allow in an invited "
             "address: ~ ! # $ % ^ & * ( ) + = [ ] { } \\ / | ; : \" < > ? ,";
    }
  }
  const size_t at = email.find('@');
  if (at == absl::string_view::npos || email.find('@', at + 1) !=
                                           absl::string_view::npos) {
    return "must contain exactly one '@'";
  }
  if (auto v = CheckLocalPart(email.substr(0, at))) return v;
  return CheckDomain(email.substr(at + 1));
}

std::optional<std::string> CheckRedirectUrl(absl::string_view url) {
  if (url.empty()) return "required";
  if (url.size() > kMaxUrlLength) {
    return absl::StrCat("must be at most ", kMaxUrlLength, " characters");
  }
  if (HasControlOrSpace(url)) return "must not contain spaces or control characters";
  absl::string_view rest = url;
  const bool https = absl::ConsumePrefix(&rest, "https://");
  const bool http = !https && absl::ConsumePrefix(&rest, "http://");
  if (!https && !http) return "must be an absolute https:// URL";
  absl::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  if (absl::StrContains(authority, "@")) return "must not contain user info";
  absl::string_view host = authority;
  if (!host.empty() && host.front() == '[') {
    host = host.substr(0, host.find(']') + 1);
  } else {
    host = host.substr(0, host.find(':'));
  }
  if (host.empty()) return "must name a host";
  if (http && !IsLoopbackHost(host)) {
    return "must use https (plain http is allowed only for localhost)";
  }
  return std::nullopt;
}

bool IsGuid(absl::string_view text) {
  if (text.size() != 36) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    const bool dash_pos = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash_pos ? text[i] != '-' : !absl::ascii_isxdigit(text[i])) return false;
  }
  return true;
}

std::optional<std::string> CheckText(absl::string_view text, size_t max_len,
                                     bool multiline) {
  if (text.size() > max_len) {
    return absl::StrCat("must be at most ", max_len, " characters");
  }
  for (unsigned char c : text) {
    const bool allowed_ws = multiline && (c == '\n' || c == '\t' || c == '\r');
    if ((c < 0x20 && !allowed_ws) || c == 0x7f) {
      return "must not contain control characters";
    }
  }
  return std::nullopt;
}

std::optional<std::string> CheckLanguageTag(absl::string_view tag) {
  if (tag.size() > kMaxLanguageTagLength) {
    return absl::StrCat("must be at most ", kMaxLanguageTagLength, " characters");
  }
  std::vector<absl::string_view> parts = absl::StrSplit(tag, '-');
  const absl::string_view primary = parts[0];
  bool ok = primary.size() >= 2 && primary.size() <= 3;
  for (char c : primary) ok = ok && absl::ascii_isalpha(c);
  for (size_t i = 1; ok && i < parts.size(); ++i) {
    ok = !parts[i].empty() && parts[i].size() <= 8;
    for (char c : parts[i]) ok = ok && absl::ascii_isalnum(c);
  }
  if (!ok) return "must be an ISO 639 language tag such as en-US";
  return std::nullopt;
}

}  // namespace guestinvitation
