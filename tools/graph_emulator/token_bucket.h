// A token bucket that refills continuously: `capacity` tokens per `window`.
// Unlike a classic bucket it debits a request even when it lacks the tokens
// (down to a debt of one full capacity), because Graph counts throttled
// requests against usage, so immediate retries extend the throttle.
#ifndef GUESTINVITATION_TOOLS_GRAPH_EMULATOR_TOKEN_BUCKET_H_
#define GUESTINVITATION_TOOLS_GRAPH_EMULATOR_TOKEN_BUCKET_H_

#include "absl/time/time.h"

namespace guestinvitation::emulator {

class TokenBucket {
 public:
  // Starts full at `now`. `capacity` > 0, `window` > 0.
  TokenBucket(double capacity, absl::Duration window, absl::Time now);

  // Refills up to `now`, then debits `cost`. True when the bucket held at
  // least `cost` before the debit (the request may pass).
  bool Take(double cost, absl::Time now);
  // How long until the bucket holds `cost` again (zero if it does now).
  absl::Duration WaitFor(double cost) const;
  // Used fraction of the capacity: 0 when full, above 1 when in debt.
  double Usage() const;

 private:
  void Refill(absl::Time now);

  double capacity_;
  double per_second_;
  double balance_;
  absl::Time last_;
};

}  // namespace guestinvitation::emulator

#endif  // GUESTINVITATION_TOOLS_GRAPH_EMULATOR_TOKEN_BUCKET_H_
