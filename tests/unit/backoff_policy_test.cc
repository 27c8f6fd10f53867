#include "server/retry/backoff_policy.h"

#include "gtest/gtest.h"

namespace guestinvitation::retry {
namespace {

TEST(BackoffPolicyTest, DefaultCeilingDoublesFromThreeSecondsLikeTheSdks) {
  BackoffPolicy policy(BackoffOptions{}, FixedRandomSource(1.0));
  EXPECT_EQ(policy.Ceiling(0), absl::Seconds(3));
  EXPECT_EQ(policy.Ceiling(1), absl::Seconds(6));
  EXPECT_EQ(policy.Ceiling(2), absl::Seconds(12));
  EXPECT_EQ(policy.Delay(2), absl::Seconds(12));
}

TEST(BackoffPolicyTest, CeilingStopsAtTheCapEvenForHugeRetryCounts) {
  BackoffPolicy policy(BackoffOptions{}, FixedRandomSource(1.0));
  EXPECT_EQ(policy.Ceiling(6), absl::Seconds(180));
  EXPECT_EQ(policy.Ceiling(1'000'000), absl::Seconds(180));
}

TEST(BackoffPolicyTest, FullJitterStaysWithinZeroAndTheCeiling) {
  BackoffPolicy policy(BackoffOptions{}, DefaultRandomSource());
  for (int retry = 0; retry < 10; ++retry) {
    for (int i = 0; i < 200; ++i) {
      absl::Duration d = policy.Delay(retry);
      EXPECT_GE(d, absl::ZeroDuration());
      EXPECT_LE(d, policy.Ceiling(retry));
    }
  }
}

TEST(BackoffPolicyTest, RandomSourcePicksThePointInTheRange) {
  EXPECT_EQ(BackoffPolicy({}, FixedRandomSource(0.0)).Delay(1),
            absl::ZeroDuration());
  EXPECT_EQ(BackoffPolicy({}, FixedRandomSource(0.5)).Delay(1),
            absl::Seconds(3));
}

TEST(BackoffPolicyTest, ScaleShrinksBaseAndCap) {
  BackoffOptions options;
  options.scale = 0.01;
  BackoffPolicy policy(options, FixedRandomSource(1.0));
  EXPECT_EQ(policy.Ceiling(0), absl::Milliseconds(30));
  EXPECT_EQ(policy.Ceiling(20), absl::Milliseconds(1800));
}

TEST(BackoffPolicyTest, CustomBaseAndCapAreHonoured) {
  BackoffPolicy policy({absl::Milliseconds(100), absl::Seconds(1), 1.0},
                       FixedRandomSource(1.0));
  EXPECT_EQ(policy.Ceiling(0), absl::Milliseconds(100));
  EXPECT_EQ(policy.Ceiling(3), absl::Milliseconds(800));
  EXPECT_EQ(policy.Ceiling(4), absl::Seconds(1));
}

TEST(BackoffPolicyTest, OutOfRangeRandomValuesAreClamped) {
  BackoffPolicy high({}, [] { return 7.0; });
  BackoffPolicy low({}, [] { return -3.0; });
  EXPECT_EQ(high.Delay(0), absl::Seconds(3));
  EXPECT_EQ(low.Delay(0), absl::ZeroDuration());
}

}  // namespace
}  // namespace guestinvitation::retry
