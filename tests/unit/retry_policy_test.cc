#include "server/retry/retry_policy.h"

#include "gtest/gtest.h"

namespace guestinvitation::retry {
namespace {

constexpr Idempotency kIdem = Idempotency::kIdempotent;
constexpr Idempotency kNonIdem = Idempotency::kNonIdempotent;

TEST(RetryPolicyTest, ThrottlingIsRetryableEvenForNonIdempotentRequests) {
  EXPECT_EQ(ClassifyHttpStatus(429, kIdem), RetryClass::kRetry);
  EXPECT_EQ(ClassifyHttpStatus(429, kNonIdem), RetryClass::kRetry);
}

TEST(RetryPolicyTest, ServerErrorsRetryOnlyWhenIdempotent) {
  for (int status : {500, 502, 503, 504, 507}) {
    EXPECT_EQ(ClassifyHttpStatus(status, kIdem), RetryClass::kRetry) << status;
    EXPECT_EQ(ClassifyHttpStatus(status, kNonIdem), RetryClass::kAmbiguous)
        << status;
  }
}

TEST(RetryPolicyTest, ClientErrorsAndSuccessAreFinal) {
  for (int status :
       {200, 201, 204, 400, 401, 403, 404, 409, 412, 413, 501, 505, 509}) {
    EXPECT_EQ(ClassifyHttpStatus(status, kIdem), RetryClass::kFinal) << status;
    EXPECT_EQ(ClassifyHttpStatus(status, kNonIdem), RetryClass::kFinal)
        << status;
  }
}

TEST(RetryPolicyTest, NotSentTransportFailureIsAlwaysRetryable) {
  EXPECT_EQ(ClassifyTransportFailure(false, kIdem), RetryClass::kRetry);
  EXPECT_EQ(ClassifyTransportFailure(false, kNonIdem), RetryClass::kRetry);
}

TEST(RetryPolicyTest, MaybeSentTransportFailureIsAmbiguousForNonIdempotent) {
  EXPECT_EQ(ClassifyTransportFailure(true, kIdem), RetryClass::kRetry);
  EXPECT_EQ(ClassifyTransportFailure(true, kNonIdem), RetryClass::kAmbiguous);
}

TEST(RetryPolicyTest, MaxAttemptsCountsTheFirstAttempt) {
  RetryPolicy policy(4);
  EXPECT_TRUE(policy.CanRetry(1));
  EXPECT_TRUE(policy.CanRetry(3));
  EXPECT_FALSE(policy.CanRetry(4));
}

TEST(RetryPolicyTest, NonPositiveMaxAttemptsMeansOneAttempt) {
  EXPECT_EQ(RetryPolicy(0).max_attempts(), 1);
  EXPECT_FALSE(RetryPolicy(-3).CanRetry(1));
}

}  // namespace
}  // namespace guestinvitation::retry
