#include "server/auth/caching_token_provider.h"

#include <atomic>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "server/auth/token_response.h"
#include "server/common/error_details.h"
#include "tests/testing/fake_scheduler.h"

namespace guestinvitation::auth {
namespace {

using testing::FakeScheduler;

// Records fetches; the test decides when and how each one completes.
class FakeTokenSource : public TokenSource {
 public:
  void Fetch(absl::Time deadline, TokenCallback done) override {
    std::lock_guard<std::mutex> lock(mu_);
    pending_.push_back(std::move(done));
    ++fetches_;
  }
  int fetches() {
    std::lock_guard<std::mutex> lock(mu_);
    return fetches_;
  }
  size_t pending() {
    std::lock_guard<std::mutex> lock(mu_);
    return pending_.size();
  }
  void Complete(absl::StatusOr<AccessToken> result) {
    TokenCallback done;
    {
      std::lock_guard<std::mutex> lock(mu_);
      ASSERT_FALSE(pending_.empty());
      done = std::move(pending_.front());
      pending_.pop_front();
    }
    done(std::move(result));
  }

 private:
  std::mutex mu_;
  std::deque<TokenCallback> pending_;
  int fetches_ = 0;
};

AccessToken Token(std::string value, absl::Time now,
                  absl::Duration lifetime = absl::Minutes(60)) {
  AccessToken t;
  t.value = std::move(value);
  t.expires_at = now + lifetime;
  t.refresh_at = t.expires_at - std::min(absl::Minutes(5), lifetime / 2);
  return t;
}

absl::Status Transient() {
  return TokenTransportError(absl::UnavailableError("connection reset"));
}

absl::Status Permanent() {
  http::HttpResponse r;
  r.status = 401;
  r.body = R"({"error":"invalid_client","error_description":"AADSTS7000215"})";
  return TokenEndpointError(r);
}

// Captures the outcome of one GetToken.
struct Result {
  std::optional<absl::StatusOr<AccessToken>> value;
  TokenCallback Callback() {
    return [this](absl::StatusOr<AccessToken> r) { value = std::move(r); };
  }
  std::string token() const {
    return value && value->ok() ? (*value)->value : "<none>";
  }
};

class CachingTokenProviderTest : public ::testing::Test {
 protected:
  CachingTokenProviderTest() {
    CachingTokenProviderOptions options;
    options.backoff = {absl::Seconds(1), absl::Seconds(60), 1.0};
    provider_ = CachingTokenProvider::Create(source_, scheduler_, options,
                                             retry::FixedRandomSource(1.0));
  }
  absl::Time Now() { return scheduler_->Now(); }

  std::shared_ptr<FakeScheduler> scheduler_ = std::make_shared<FakeScheduler>();
  std::shared_ptr<FakeTokenSource> source_ =
      std::make_shared<FakeTokenSource>();
  std::shared_ptr<CachingTokenProvider> provider_;
};

TEST_F(CachingTokenProviderTest, FirstCallerWaitsForTheFetchAndGetsTheToken) {
  Result r;
  provider_->GetToken(absl::InfiniteFuture(), r.Callback());
  EXPECT_FALSE(r.value.has_value());
  ASSERT_EQ(source_->fetches(), 1);
  source_->Complete(Token("A", Now()));
  EXPECT_EQ(r.token(), "A");
}

TEST_F(CachingTokenProviderTest, TenConcurrentCallersShareOneFetch) {
  std::atomic<int> served{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 10; ++i) {
    threads.emplace_back([&] {
      provider_->GetToken(absl::InfiniteFuture(),
                          [&](absl::StatusOr<AccessToken> t) {
                            if (t.ok() && t->value == "A") ++served;
                          });
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(source_->fetches(), 1);
  source_->Complete(Token("A", Now()));
  EXPECT_EQ(served.load(), 10);
  EXPECT_EQ(source_->fetches(), 1);
}

TEST_F(CachingTokenProviderTest, CachedTokenIsServedInlineWithoutAFetch) {
  provider_->GetToken(absl::InfiniteFuture(), [](auto) {});
  source_->Complete(Token("A", Now()));
  scheduler_->AdvanceBy(absl::Minutes(30));
  Result r;
  provider_->GetToken(Now() + absl::Seconds(5), r.Callback());
  EXPECT_EQ(r.token(), "A");
  EXPECT_EQ(source_->fetches(), 1);
}

TEST_F(CachingTokenProviderTest,
       ProactiveRefreshRunsBeforeExpiryAndNobodyWaits) {
  provider_->GetToken(absl::InfiniteFuture(), [](auto) {});
  source_->Complete(Token("A", Now()));  // refresh_at = +55 min
  scheduler_->AdvanceBy(absl::Minutes(55) - absl::Seconds(1));
  EXPECT_EQ(source_->fetches(), 1);
  scheduler_->AdvanceBy(absl::Seconds(1));
  EXPECT_EQ(source_->fetches(), 2);  // the timer fired, nobody asked
  Result during;
  provider_->GetToken(Now() + absl::Seconds(5), during.Callback());
  EXPECT_EQ(during.token(), "A");    // old token served while refreshing
  EXPECT_EQ(source_->fetches(), 2);  // and no second refresh started
  source_->Complete(Token("B", Now()));
  Result after;
  provider_->GetToken(Now() + absl::Seconds(5), after.Callback());
  EXPECT_EQ(after.token(), "B");
}

TEST_F(CachingTokenProviderTest, RefreshAtFromTheTokenIsHonoured) {
  provider_->GetToken(absl::InfiniteFuture(), [](auto) {});
  AccessToken t = Token("A", Now(), absl::Minutes(90));
  t.refresh_at = Now() + absl::Minutes(45);  // from refresh_in
  source_->Complete(t);
  scheduler_->AdvanceBy(absl::Minutes(45));
  EXPECT_EQ(source_->fetches(), 2);
}

TEST_F(CachingTokenProviderTest, RefreshFailureKeepsOldTokenThenRecovers) {
  provider_->GetToken(absl::InfiniteFuture(), [](auto) {});
  source_->Complete(Token("A", Now()));
  scheduler_->AdvanceBy(absl::Minutes(55));
  ASSERT_EQ(source_->fetches(), 2);
  source_->Complete(Transient());
  Result meanwhile;
  provider_->GetToken(Now() + absl::Seconds(5), meanwhile.Callback());
  EXPECT_EQ(meanwhile.token(), "A");
  EXPECT_EQ(source_->fetches(), 2);
  scheduler_->AdvanceBy(absl::Seconds(1));  // backoff: 1 s ceiling, jitter 1.0
  ASSERT_EQ(source_->fetches(), 3);
  source_->Complete(Token("B", Now()));
  Result after;
  provider_->GetToken(Now() + absl::Seconds(5), after.Callback());
  EXPECT_EQ(after.token(), "B");
}

TEST_F(CachingTokenProviderTest, TransientFailureIsRetriedForWaitingCallers) {
  Result r;
  provider_->GetToken(absl::InfiniteFuture(), r.Callback());
  source_->Complete(Transient());
  EXPECT_FALSE(r.value.has_value());
  scheduler_->AdvanceBy(absl::Seconds(1));
  ASSERT_EQ(source_->fetches(), 2);
  source_->Complete(Token("A", Now()));
  EXPECT_EQ(r.token(), "A");
}

TEST_F(CachingTokenProviderTest, WaitersGetTheErrorAfterMaxAttempts) {
  Result r;
  provider_->GetToken(absl::InfiniteFuture(), r.Callback());
  source_->Complete(Transient());
  scheduler_->AdvanceBy(absl::Seconds(1));
  source_->Complete(Transient());
  scheduler_->AdvanceBy(absl::Seconds(2));
  EXPECT_FALSE(r.value.has_value());
  source_->Complete(Transient());
  ASSERT_TRUE(r.value.has_value());
  EXPECT_EQ(r.value->status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(GetReason(r.value->status()), "GRAPH_AUTHENTICATION_FAILED");
  EXPECT_EQ(scheduler_->pending(), 0u);  // nobody left to retry for
}

TEST_F(CachingTokenProviderTest, PermanentFailureFailsWaitersAtOnce) {
  Result a, b;
  provider_->GetToken(absl::InfiniteFuture(), a.Callback());
  provider_->GetToken(absl::InfiniteFuture(), b.Callback());
  source_->Complete(Permanent());
  ASSERT_TRUE(a.value.has_value() && b.value.has_value());
  EXPECT_EQ(GetReason(a.value->status()), "GRAPH_AUTHENTICATION_FAILED");
  EXPECT_EQ(source_->fetches(), 1);
  Result c;  // the next caller starts a new round
  provider_->GetToken(absl::InfiniteFuture(), c.Callback());
  EXPECT_EQ(source_->fetches(), 2);
}

TEST_F(CachingTokenProviderTest, InvalidatedTokenIsReplacedOnNextGetToken) {
  provider_->GetToken(absl::InfiniteFuture(), [](auto) {});
  source_->Complete(Token("A", Now()));
  provider_->InvalidateToken("A");
  Result r;
  provider_->GetToken(absl::InfiniteFuture(), r.Callback());
  EXPECT_FALSE(r.value.has_value());
  ASSERT_EQ(source_->fetches(), 2);
  source_->Complete(Token("B", Now()));
  EXPECT_EQ(r.token(), "B");
}

TEST_F(CachingTokenProviderTest, InvalidatingAnOlderValueKeepsTheNewerToken) {
  provider_->GetToken(absl::InfiniteFuture(), [](auto) {});
  source_->Complete(Token("B", Now()));
  provider_->InvalidateToken("A");
  Result r;
  provider_->GetToken(absl::InfiniteFuture(), r.Callback());
  EXPECT_EQ(r.token(), "B");
  EXPECT_EQ(source_->fetches(), 1);
}

TEST_F(CachingTokenProviderTest, GetTokenAfterTheDeadlineIsDeadlineExceeded) {
  Result r;
  provider_->GetToken(Now() - absl::Milliseconds(1), r.Callback());
  ASSERT_TRUE(r.value.has_value());
  EXPECT_EQ(r.value->status().code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_EQ(source_->fetches(), 0);
}

TEST_F(CachingTokenProviderTest,
       WaiterTimesOutAtItsDeadlineAndIsNotCalledTwice) {
  int calls = 0;
  absl::StatusCode code = absl::StatusCode::kOk;
  provider_->GetToken(Now() + absl::Seconds(3), [&](auto r) {
    ++calls;
    code = r.status().code();
  });
  scheduler_->AdvanceBy(absl::Seconds(3));
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(code, absl::StatusCode::kDeadlineExceeded);
  source_->Complete(Token("A", Now()));  // the fetch still fills the cache
  EXPECT_EQ(calls, 1);
  Result r;
  provider_->GetToken(absl::InfiniteFuture(), r.Callback());
  EXPECT_EQ(r.token(), "A");
}

TEST_F(CachingTokenProviderTest, PrimeReportsOkWhenTheFirstTokenArrives) {
  std::optional<absl::Status> primed;
  provider_->Prime([&](absl::Status s) { primed = s; });
  EXPECT_FALSE(primed.has_value());
  source_->Complete(Token("A", Now()));
  ASSERT_TRUE(primed.has_value());
  EXPECT_TRUE(primed->ok());
}

TEST_F(CachingTokenProviderTest, PrimeKeepsRetryingTransientFailures) {
  std::optional<absl::Status> primed;
  provider_->Prime([&](absl::Status s) { primed = s; });
  for (int i = 0; i < 6; ++i) {  // more than max_attempts_per_wait
    ASSERT_EQ(source_->pending(), 1u);
    source_->Complete(Transient());
    scheduler_->AdvanceBy(absl::Seconds(60));
  }
  EXPECT_FALSE(primed.has_value());
  source_->Complete(Token("A", Now()));
  ASSERT_TRUE(primed.has_value());
  EXPECT_TRUE(primed->ok());
}

TEST_F(CachingTokenProviderTest, PrimeReportsAPermanentFailure) {
  std::optional<absl::Status> primed;
  provider_->Prime([&](absl::Status s) { primed = s; });
  source_->Complete(Permanent());
  ASSERT_TRUE(primed.has_value());
  EXPECT_EQ(GetReason(*primed), "GRAPH_AUTHENTICATION_FAILED");
  EXPECT_EQ(scheduler_->pending(), 0u);
}

TEST_F(CachingTokenProviderTest, ShutdownFailsWaitersAndStopsTimers) {
  Result r;
  provider_->GetToken(absl::InfiniteFuture(), r.Callback());
  provider_->Shutdown();
  ASSERT_TRUE(r.value.has_value());
  EXPECT_EQ(r.value->status().code(), absl::StatusCode::kCancelled);
  source_->Complete(Token("A", Now()));
  scheduler_->AdvanceBy(absl::Hours(2));
  EXPECT_EQ(source_->fetches(), 1);
}

TEST_F(CachingTokenProviderTest, DestroyedProviderIgnoresItsTimers) {
  provider_->GetToken(absl::InfiniteFuture(), [](auto) {});
  source_->Complete(Token("A", Now()));
  provider_.reset();
  scheduler_->AdvanceBy(absl::Hours(2));  // refresh timer: must not crash
  EXPECT_EQ(source_->fetches(), 1);
}

}  // namespace
}  // namespace guestinvitation::auth
