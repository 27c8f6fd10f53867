#include <gtest/gtest.h>

#include "server/http/step_budget.h"

namespace guestinvitation::http {
namespace {

const absl::Time kNow = absl::FromUnixSeconds(1'700'000'000);

TEST(StepBudgetTest, FarDeadlineGivesTheStepCap) {
  StepBudget b =
      ComputeStepBudget(kNow, kNow + absl::Minutes(5), absl::Seconds(30));
  EXPECT_EQ(b.duration, absl::Seconds(30));
  EXPECT_FALSE(b.limited_by_deadline);
  EXPECT_FALSE(b.expired());
}

TEST(StepBudgetTest, NearDeadlineCutsTheStepShort) {
  StepBudget b = ComputeStepBudget(kNow, kNow + absl::Milliseconds(300),
                                   absl::Seconds(30));
  EXPECT_EQ(b.duration, absl::Milliseconds(300));
  EXPECT_TRUE(b.limited_by_deadline);
}

TEST(StepBudgetTest, NoDeadlineGivesTheStepCap) {
  StepBudget b =
      ComputeStepBudget(kNow, absl::InfiniteFuture(), absl::Seconds(30));
  EXPECT_EQ(b.duration, absl::Seconds(30));
  EXPECT_FALSE(b.limited_by_deadline);
}

TEST(StepBudgetTest, PassedDeadlineIsExpiredAndBlamesTheDeadline) {
  StepBudget b =
      ComputeStepBudget(kNow, kNow - absl::Seconds(1), absl::Seconds(30));
  EXPECT_TRUE(b.expired());
  EXPECT_TRUE(b.limited_by_deadline);
  EXPECT_EQ(b.ToChrono().count(), 0);
}

TEST(StepBudgetTest, InfiniteStepIsCappedForTheSteadyClock) {
  StepBudget b =
      ComputeStepBudget(kNow, absl::InfiniteFuture(), absl::InfiniteDuration());
  EXPECT_EQ(b.ToChrono(), std::chrono::hours(24));
}

}  // namespace
}  // namespace guestinvitation::http
