#include "tests/testing/fake_scheduler.h"

#include <vector>

#include "gtest/gtest.h"

namespace guestinvitation::testing {
namespace {

TEST(FakeSchedulerTest, RunsCallbacksInDueOrderOnlyWhenTimeAdvances) {
  FakeScheduler s;
  std::vector<int> order;
  s.RunAfter(absl::Seconds(2), [&] { order.push_back(2); });
  s.RunAfter(absl::Seconds(1), [&] { order.push_back(1); });
  s.Post([&] { order.push_back(0); });
  EXPECT_TRUE(order.empty());
  EXPECT_EQ(s.RunReady(), 1);
  EXPECT_EQ(s.AdvanceBy(absl::Milliseconds(1500)), 1);
  EXPECT_EQ(s.AdvanceBy(absl::Seconds(1)), 1);
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2}));
}

TEST(FakeSchedulerTest, CallbackSeesItsOwnDueTime) {
  FakeScheduler s;
  absl::Time start = s.Now();
  absl::Time seen;
  s.RunAfter(absl::Seconds(3), [&] { seen = s.Now(); });
  s.AdvanceBy(absl::Seconds(10));
  EXPECT_EQ(seen, start + absl::Seconds(3));
  EXPECT_EQ(s.Now(), start + absl::Seconds(10));
}

}  // namespace
}  // namespace guestinvitation::testing
