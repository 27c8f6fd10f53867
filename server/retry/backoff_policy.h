// Exponential backoff with full jitter (a uniform wait in [0, ceiling]),
// used when Graph gives no Retry-After. The defaults mirror the Graph SDKs
// (3 s doubling, at most 180 s); `scale` shrinks every wait for tests and
// for the emulator's accelerated time.
#ifndef GUESTINVITATION_SERVER_RETRY_BACKOFF_POLICY_H_
#define GUESTINVITATION_SERVER_RETRY_BACKOFF_POLICY_H_

#include "absl/time/time.h"
#include "server/retry/random_source.h"

namespace guestinvitation::retry {

struct BackoffOptions {
  absl::Duration base = absl::Seconds(3);   // ceiling of the first retry
  absl::Duration cap = absl::Seconds(180);  // ceiling never grows past this
  double scale = 1.0;                       // multiplies base and cap
};

class BackoffPolicy {
 public:
  explicit BackoffPolicy(BackoffOptions options,
                         RandomSource random = DefaultRandomSource());

  // The largest wait before retry number `retry` (0 = first retry):
  // min(cap, base * 2^retry) * scale.
  absl::Duration Ceiling(int retry) const;

  // A wait drawn uniformly from [0, Ceiling(retry)]. Full jitter spreads
  // the retries of many concurrent callers, so they do not hit a
  // recovering Graph in lockstep. Thread-safe.
  absl::Duration Delay(int retry) const;

  const BackoffOptions& options() const { return options_; }

 private:
  BackoffOptions options_;
  RandomSource random_;
};

}  // namespace guestinvitation::retry

#endif  // GUESTINVITATION_SERVER_RETRY_BACKOFF_POLICY_H_
