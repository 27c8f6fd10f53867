// Deterministic Scheduler for unit tests: time moves only on AdvanceBy(),
// and due callbacks run on the test's thread, in due-time order.
#ifndef GUESTINVITATION_TESTS_TESTING_FAKE_SCHEDULER_H_
#define GUESTINVITATION_TESTS_TESTING_FAKE_SCHEDULER_H_

#include <functional>
#include <map>
#include <utility>

#include "server/common/scheduler.h"

namespace guestinvitation::testing {

class FakeScheduler : public Scheduler {
 public:
  explicit FakeScheduler(absl::Time start = absl::FromUnixSeconds(1'800'000'000))
      : now_(start) {}

  absl::Time Now() override { return now_; }
  void RunAfter(absl::Duration delay, std::function<void()> fn) override {
    if (delay < absl::ZeroDuration()) delay = absl::ZeroDuration();
    queue_.emplace(std::make_pair(now_ + delay, seq_++), std::move(fn));
  }

  // Runs everything due at the current time (including work it schedules
  // for "now"). Returns the number of callbacks run.
  int RunReady() { return AdvanceBy(absl::ZeroDuration()); }

  // Moves time forward by `d`, running every callback that falls due, each
  // at its own due time.
  int AdvanceBy(absl::Duration d) {
    const absl::Time end = now_ + d;
    int ran = 0;
    while (!queue_.empty() && queue_.begin()->first.first <= end) {
      auto it = queue_.begin();
      now_ = std::max(now_, it->first.first);
      auto fn = std::move(it->second);
      queue_.erase(it);
      fn();
      ++ran;
    }
    now_ = end;
    return ran;
  }

  // Time of the next pending callback, or InfiniteFuture.
  absl::Time NextDue() const {
    return queue_.empty() ? absl::InfiniteFuture() : queue_.begin()->first.first;
  }
  size_t pending() const { return queue_.size(); }

 private:
  absl::Time now_;
  long seq_ = 0;
  std::map<std::pair<absl::Time, long>, std::function<void()>> queue_;
};

}  // namespace guestinvitation::testing

#endif  // GUESTINVITATION_TESTS_TESTING_FAKE_SCHEDULER_H_
