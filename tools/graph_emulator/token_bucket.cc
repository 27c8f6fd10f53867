#include "tools/graph_emulator/token_bucket.h"

#include <algorithm>

namespace guestinvitation::emulator {

TokenBucket::TokenBucket(double capacity, absl::Duration window, absl::Time now)
    : capacity_(capacity),
      per_second_(capacity / absl::ToDoubleSeconds(window)),
      balance_(capacity),
      last_(now) {}

void TokenBucket::Refill(absl::Time now) {
  if (now <= last_) return;
  double elapsed = absl::ToDoubleSeconds(now - last_);
  balance_ = std::min(capacity_, balance_ + elapsed * per_second_);
  last_ = now;
}

// A request dearer than the whole budget (a test's tiny budget) costs the
// whole budget: otherwise it could never pass and its Retry-After would lie.
bool TokenBucket::Take(double cost, absl::Time now) {
  cost = std::min(cost, capacity_);
  Refill(now);
  bool had_room = balance_ >= cost;
  balance_ = std::max(-capacity_, balance_ - cost);
  return had_room;
}

absl::Duration TokenBucket::WaitFor(double cost) const {
  cost = std::min(cost, capacity_);
  if (balance_ >= cost) return absl::ZeroDuration();
  return absl::Seconds((cost - balance_) / per_second_);
}

double TokenBucket::Usage() const { return (capacity_ - balance_) / capacity_; }

}  // namespace guestinvitation::emulator
