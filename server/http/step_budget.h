// How long one I/O step may take: the per-step cap, cut short by the
// request deadline. Pure, so the rule is unit-tested with fixed times.
#ifndef GUESTINVITATION_SERVER_HTTP_STEP_BUDGET_H_
#define GUESTINVITATION_SERVER_HTTP_STEP_BUDGET_H_

#include <chrono>

#include "absl/time/time.h"

namespace guestinvitation::http {

struct StepBudget {
  absl::Duration duration;  // > 0 unless expired
  // The deadline, not the step cap, is what limits this step, so its
  // expiry is DEADLINE_EXCEEDED.
  bool limited_by_deadline = false;
  bool expired() const { return duration <= absl::ZeroDuration(); }
  std::chrono::steady_clock::duration ToChrono() const;
};

StepBudget ComputeStepBudget(absl::Time now, absl::Time deadline,
                             absl::Duration step_timeout);

}  // namespace guestinvitation::http

#endif  // GUESTINVITATION_SERVER_HTTP_STEP_BUDGET_H_
