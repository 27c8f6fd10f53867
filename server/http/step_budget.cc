#include "server/http/step_budget.h"

#include <algorithm>

namespace guestinvitation::http {

std::chrono::steady_clock::duration StepBudget::ToChrono() const {
  // Capped so an infinite step timeout cannot overflow the steady clock.
  const absl::Duration capped =
      std::clamp(duration, absl::ZeroDuration(), absl::Hours(24));
  return std::chrono::duration_cast<std::chrono::steady_clock::duration>(
      absl::ToChronoNanoseconds(capped));
}

StepBudget ComputeStepBudget(absl::Time now, absl::Time deadline,
                             absl::Duration step_timeout) {
  const absl::Duration remaining = deadline - now;
  if (remaining <= step_timeout) return {remaining, true};
  return {step_timeout, false};
}

}  // namespace guestinvitation::http
