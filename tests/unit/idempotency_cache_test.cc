#include "server/invitations/idempotency_cache.h"

#include <vector>

#include "gtest/gtest.h"

namespace guestinvitation {
namespace {

using Decision = IdempotencyCache::Decision;

class IdempotencyCacheTest : public ::testing::Test {
 protected:
  absl::Time now_ = absl::FromUnixSeconds(1'800'000'000);
  IdempotencyCache cache_{absl::Minutes(60), 3, [this] { return now_; }};
  std::vector<IdempotencyCache::Outcome> answered_;
  IdempotencyCache::Waiter Record() {
    return [this](const IdempotencyCache::Outcome& o) { answered_.push_back(o); };
  }
};

TEST_F(IdempotencyCacheTest, FirstRequestExecutesRepeatGetsRememberedAnswer) {
  EXPECT_EQ(cache_.Begin("k", "f", Record()).decision, Decision::kExecute);
  cache_.Complete("k", {absl::OkStatus(), "resp"}, false);
  auto again = cache_.Begin("k", "f", Record());
  EXPECT_EQ(again.decision, Decision::kCached);
  EXPECT_EQ(again.cached.response, "resp");
}

TEST_F(IdempotencyCacheTest, RepeatWhileRunningJoinsAndIsAnsweredOnce) {
  cache_.Begin("k", "f", Record());
  EXPECT_EQ(cache_.Begin("k", "f", Record()).decision, Decision::kJoined);
  EXPECT_TRUE(answered_.empty());
  cache_.Complete("k", {absl::OkStatus(), "resp"}, false);
  ASSERT_EQ(answered_.size(), 1u);
  EXPECT_EQ(answered_[0].response, "resp");
}

TEST_F(IdempotencyCacheTest, DifferentRequestWithSameIdIsMismatch) {
  cache_.Begin("k", "f", Record());
  EXPECT_EQ(cache_.Begin("k", "other", Record()).decision, Decision::kMismatch);
}

TEST_F(IdempotencyCacheTest, TransientFailureIsRetriedAndRemembersMaybeApplied) {
  cache_.Begin("k", "f", Record());
  cache_.Complete("k", {absl::UnavailableError("reset"), ""}, true);
  auto retry = cache_.Begin("k", "f", Record());
  EXPECT_EQ(retry.decision, Decision::kExecute);
  EXPECT_TRUE(retry.maybe_applied_before);
  cache_.Complete("k", {absl::DeadlineExceededError("slow"), ""}, false);
  EXPECT_TRUE(cache_.Begin("k", "f", Record()).maybe_applied_before)
      << "the mark must survive later failures";
}

TEST_F(IdempotencyCacheTest, PermanentFailureIsRemembered) {
  cache_.Begin("k", "f", Record());
  cache_.Complete("k", {absl::PermissionDeniedError("no"), ""}, false);
  auto again = cache_.Begin("k", "f", Record());
  EXPECT_EQ(again.decision, Decision::kCached);
  EXPECT_EQ(again.cached.status.code(), absl::StatusCode::kPermissionDenied);
}

TEST_F(IdempotencyCacheTest, EntriesExpireAfterTheWindow) {
  cache_.Begin("k", "f", Record());
  cache_.Complete("k", {absl::OkStatus(), "resp"}, false);
  now_ += absl::Minutes(61);
  EXPECT_EQ(cache_.Begin("k", "f", Record()).decision, Decision::kExecute);
}

TEST_F(IdempotencyCacheTest, OldestFinishedEntryEvictedAtCapacityButNeverRunningOnes) {
  cache_.Begin("running", "f", Record());
  for (const char* k : {"a", "b"}) {
    cache_.Begin(k, "f", Record());
    cache_.Complete(k, {absl::OkStatus(), k}, false);
  }
  EXPECT_EQ(cache_.Begin("c", "f", Record()).decision, Decision::kExecute);
  EXPECT_LE(cache_.size(), 3u);
  EXPECT_EQ(cache_.Begin("running", "f", Record()).decision, Decision::kJoined);
  EXPECT_EQ(cache_.Begin("a", "f", Record()).decision, Decision::kExecute)
      << "a was the oldest finished entry";
}

}  // namespace
}  // namespace guestinvitation
