#include "server/retry/retry_after.h"

#include <algorithm>
#include <cstdint>
#include <string>

#include "absl/strings/ascii.h"

namespace guestinvitation::retry {
namespace {

// Saturates well above any cap, so long digit strings cannot overflow.
constexpr int64_t kSecondsSaturation = int64_t{1} << 40;

bool IsDigits(absl::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return absl::ascii_isdigit(static_cast<unsigned char>(c));
  });
}

// "[+-]DIGITS[.DIGITS]": stricter than strtod on purpose (no exponents,
// hex, "inf" or "nan", which no server means as a delay).
std::optional<absl::Duration> ParseSeconds(absl::string_view s) {
  bool negative = false;
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  absl::string_view whole = s;
  absl::string_view fraction;
  if (auto dot = s.find('.'); dot != absl::string_view::npos) {
    whole = s.substr(0, dot);
    fraction = s.substr(dot + 1);
    if (!IsDigits(fraction)) return std::nullopt;
  }
  if (!IsDigits(whole)) return std::nullopt;
  int64_t seconds = 0;
  for (char c : whole) {
    seconds = std::min(kSecondsSaturation, seconds * 10 + (c - '0'));
  }
  int64_t nanos = 0;
  for (size_t i = 0; i < 9; ++i) {
    nanos = nanos * 10 + (i < fraction.size() ? fraction[i] - '0' : 0);
  }
  if (negative) return absl::ZeroDuration();
  return absl::Seconds(seconds) + absl::Nanoseconds(nanos);
}

// RFC 7231 section 7.1.1.1: IMF-fixdate, plus the two obsolete forms
// recipients must accept (RFC 850 and asctime).
std::optional<absl::Time> ParseHttpDate(absl::string_view s) {
  static constexpr const char* kFormats[] = {
      "%a, %d %b %Y %H:%M:%S GMT",
      "%A, %d-%b-%y %H:%M:%S GMT",
      "%a %b %e %H:%M:%S %Y",
  };
  for (const char* format : kFormats) {
    absl::Time t;
    std::string err;
    if (absl::ParseTime(format, s, absl::UTCTimeZone(), &t, &err)) return t;
  }
  return std::nullopt;
}

}  // namespace

absl::Duration DefaultRetryAfterCap() { return absl::Hours(24); }

std::optional<absl::Duration> ParseRetryAfter(absl::string_view value,
                                              absl::Time now,
                                              absl::Duration cap) {
  value = absl::StripAsciiWhitespace(value);
  if (value.empty()) return std::nullopt;
  std::optional<absl::Duration> delay = ParseSeconds(value);
  if (!delay) {
    std::optional<absl::Time> when = ParseHttpDate(value);
    if (!when) return std::nullopt;
    delay = *when - now;
  }
  return std::clamp(*delay, absl::ZeroDuration(),
                    std::max(cap, absl::ZeroDuration()));
}

}  // namespace guestinvitation::retry
