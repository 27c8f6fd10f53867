// Clock + timer seam. Everything that waits (retry backoff, token refresh,
// bulk pacing) schedules a callback instead of sleeping a thread, and unit
// tests substitute a fake whose time only moves when the test says so.
#ifndef GUESTINVITATION_SERVER_COMMON_SCHEDULER_H_
#define GUESTINVITATION_SERVER_COMMON_SCHEDULER_H_

#include <functional>

#include "absl/time/time.h"

namespace guestinvitation {

class Scheduler {
 public:
  virtual ~Scheduler() = default;
  virtual absl::Time Now() = 0;
  // Runs `fn` once, on a scheduler thread, no earlier than `delay` from now.
  // A zero or negative delay still runs asynchronously (never inline).
  virtual void RunAfter(absl::Duration delay, std::function<void()> fn) = 0;
  // Runs `fn` as soon as possible, asynchronously.
  void Post(std::function<void()> fn) {
    RunAfter(absl::ZeroDuration(), std::move(fn));
  }
};

}  // namespace guestinvitation

#endif  // GUESTINVITATION_SERVER_COMMON_SCHEDULER_H_
