#include "server/retry/retry_after.h"

#include "gtest/gtest.h"

namespace guestinvitation::retry {
namespace {

const absl::Time kNow =
    absl::FromUnixSeconds(1'792'567'680);  // 2026-10-21T07:28:00Z

TEST(RetryAfterTest, IntegerSecondsAreSeconds) {
  EXPECT_EQ(ParseRetryAfter("30", kNow), absl::Seconds(30));
  EXPECT_EQ(ParseRetryAfter("0", kNow), absl::ZeroDuration());
}

TEST(RetryAfterTest, FractionalSecondsKeepMilliseconds) {
  EXPECT_EQ(ParseRetryAfter("2.128", kNow), absl::Milliseconds(2128));
  EXPECT_EQ(ParseRetryAfter("0.5", kNow), absl::Milliseconds(500));
}

TEST(RetryAfterTest, SurroundingWhitespaceIsIgnored) {
  EXPECT_EQ(ParseRetryAfter("  7 \t", kNow), absl::Seconds(7));
}

TEST(RetryAfterTest, ImfFixdateInTheFutureGivesTheDifference) {
  EXPECT_EQ(ParseRetryAfter("Wed, 21 Oct 2026 07:28:45 GMT", kNow),
            absl::Seconds(45));
}

TEST(RetryAfterTest, ObsoleteDateFormsAreAccepted) {
  EXPECT_EQ(ParseRetryAfter("Wednesday, 21-Oct-26 07:28:10 GMT", kNow),
            absl::Seconds(10));
  EXPECT_EQ(ParseRetryAfter("Wed Oct 21 07:28:20 2026", kNow),
            absl::Seconds(20));
}

TEST(RetryAfterTest, DateInThePastClampsToZero) {
  EXPECT_EQ(ParseRetryAfter("Wed, 21 Oct 2026 07:00:00 GMT", kNow),
            absl::ZeroDuration());
}

TEST(RetryAfterTest, NegativeSecondsClampToZero) {
  EXPECT_EQ(ParseRetryAfter("-5", kNow), absl::ZeroDuration());
  EXPECT_EQ(ParseRetryAfter("-0.25", kNow), absl::ZeroDuration());
}

TEST(RetryAfterTest, HugeValuesAreCapped) {
  EXPECT_EQ(ParseRetryAfter("99999999999999999999999999", kNow),
            DefaultRetryAfterCap());
  EXPECT_EQ(ParseRetryAfter("600", kNow, absl::Seconds(180)),
            absl::Seconds(180));
  EXPECT_EQ(ParseRetryAfter("Fri, 01 Jan 9999 00:00:00 GMT", kNow),
            DefaultRetryAfterCap());
}

TEST(RetryAfterTest, AbsentOrGarbageIsNullopt) {
  for (const char* bad :
       {"", "   ", "abc", "1e3", "inf", "nan", "0x10", "1.", ".5", "1.2.3",
        "12 s", "--1", "Wed, 32 Oct 2026 07:28:00 GMT",
        "Xyz, 21 Oct 2026 07:28:00 GMT", "2026-10-21T07:28:00Z"}) {
    EXPECT_EQ(ParseRetryAfter(bad, kNow), std::nullopt) << "'" << bad << "'";
  }
}

}  // namespace
}  // namespace guestinvitation::retry
