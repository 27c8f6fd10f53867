#include "server/retry/retry_policy.h"

#include <algorithm>

namespace guestinvitation::retry {

RetryClass ClassifyHttpStatus(int http_status, Idempotency idempotency) {
  const bool idempotent = idempotency == Idempotency::kIdempotent;
  switch (http_status) {
    case 429:
      return RetryClass::kRetry;
    case 500:
    case 502:
    case 503:
    case 504:
    case 507:
      return idempotent ? RetryClass::kRetry : RetryClass::kAmbiguous;
    default:
      return RetryClass::kFinal;
  }
}

RetryClass ClassifyTransportFailure(bool maybe_sent, Idempotency idempotency) {
  if (!maybe_sent || idempotency == Idempotency::kIdempotent) {
    return RetryClass::kRetry;
  }
  return RetryClass::kAmbiguous;
}

RetryPolicy::RetryPolicy(int max_attempts)
    : max_attempts_(std::max(1, max_attempts)) {}

}  // namespace guestinvitation::retry
