// Parsing of the HTTP Retry-After header in every form Graph uses:
// integer seconds ("30"), fractional seconds ("2.128", which the .NET SDK
// misreads), and an RFC 7231 HTTP-date. Graph's identity endpoints often
// send no Retry-After at all; callers then fall back to backoff.
#ifndef GUESTINVITATION_SERVER_RETRY_RETRY_AFTER_H_
#define GUESTINVITATION_SERVER_RETRY_RETRY_AFTER_H_

#include <optional>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace guestinvitation::retry {

// Values above this are capped: nothing Graph says should park a request
// for longer than a day, and capping keeps arithmetic far from overflow.
absl::Duration DefaultRetryAfterCap();

// Returns the delay to wait, or nullopt when `value` is empty or not a
// valid Retry-After. Negative numbers and dates in the past give zero;
// anything longer than `cap` gives `cap`. `now` resolves HTTP-dates.
std::optional<absl::Duration> ParseRetryAfter(
    absl::string_view value, absl::Time now,
    absl::Duration cap = DefaultRetryAfterCap());

}  // namespace guestinvitation::retry

#endif  // GUESTINVITATION_SERVER_RETRY_RETRY_AFTER_H_
