#include "server/retry/backoff_policy.h"

#include <algorithm>
#include <utility>

namespace guestinvitation::retry {

BackoffPolicy::BackoffPolicy(BackoffOptions options, RandomSource random)
    : options_(options), random_(std::move(random)) {
  options_.base = std::max(options_.base, absl::ZeroDuration());
  options_.cap = std::max(options_.cap, absl::ZeroDuration());
  if (!(options_.scale >= 0.0)) options_.scale = 1.0;  // also rejects NaN
  if (!random_) random_ = DefaultRandomSource();
}

absl::Duration BackoffPolicy::Ceiling(int retry) const {
  // Doubling stops at the cap, so the loop is short and cannot overflow.
  absl::Duration ceiling = std::min(options_.base, options_.cap);
  for (int i = 0; i < retry && ceiling < options_.cap; ++i) {
    ceiling = std::min(ceiling * 2, options_.cap);
  }
  return ceiling * options_.scale;
}

absl::Duration BackoffPolicy::Delay(int retry) const {
  const double fraction = std::clamp(random_(), 0.0, 1.0);
  return Ceiling(retry) * fraction;
}

}  // namespace guestinvitation::retry
