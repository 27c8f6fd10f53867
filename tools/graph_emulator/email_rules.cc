#include "tools/graph_emulator/email_rules.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace guestinvitation::emulator {
namespace {

// Documented as not allowed anywhere in the address.
constexpr absl::string_view kDisallowed = "~!#$%^&*()+=[]{}\\/|;:\"<>?,";

std::string CheckCharacters(absl::string_view address) {
  for (char c : address) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F) return "contains a space or control character";
    if (absl::StrContains(kDisallowed, c)) {
      return absl::StrCat("contains the disallowed character '",
                          std::string(1, c), "'");
    }
  }
  return "";
}

std::string CheckDomain(absl::string_view domain) {
  if (!absl::StrContains(domain, '.')) return "domain has no '.'";
  for (absl::string_view label : absl::StrSplit(domain, '.')) {
    if (label.empty()) return "domain has an empty label";
    if (label.front() == '-' || label.back() == '-') {
      return "domain label starts or ends with '-'";
    }
  }
  return "";
}

}  // namespace

std::string InvalidEmailReason(absl::string_view address) {
  if (address.empty()) return "is empty";
  if (address.size() > 254) return "is longer than 254 characters";
  std::string bad = CheckCharacters(address);
  if (!bad.empty()) return bad;
  size_t at = address.find('@');
  if (at == absl::string_view::npos ||
      address.find('@', at + 1) != absl::string_view::npos) {
    return "must contain exactly one '@'";
  }
  absl::string_view local = address.substr(0, at);
  absl::string_view domain = address.substr(at + 1);
  if (local.empty() || domain.empty())
    return "has an empty local part or domain";
  // '.' and '-' are allowed in the local part except first or last.
  for (char edge : {local.front(), local.back()}) {
    if (edge == '.' || edge == '-') {
      return "local part starts or ends with '.' or '-'";
    }
  }
  return CheckDomain(domain);
}

}  // namespace guestinvitation::emulator
