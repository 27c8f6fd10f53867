#include "server/auth/caching_token_provider.h"

#include <algorithm>
#include <utility>

#include "server/auth/token_response.h"
#include "server/common/error_details.h"
#include "server/common/logger.h"

namespace guestinvitation::auth {
namespace {

// A refresh is never scheduled sooner than this after a fetch, so a token
// endpoint answering refresh_in=0 or a tiny lifetime cannot cause a loop.
constexpr absl::Duration kMinRefreshDelay = absl::Seconds(1);
constexpr int kMaxBackoffExponent = 16;

absl::Status DeadlineError() {
  return ErrorWithReason(absl::StatusCode::kDeadlineExceeded,
                         "no access token obtained before the deadline",
                         "DEADLINE_EXCEEDED");
}

absl::Status ShutDownError() {
  return absl::CancelledError("token provider is shut down");
}

}  // namespace

std::shared_ptr<CachingTokenProvider> CachingTokenProvider::Create(
    std::shared_ptr<TokenSource> source, std::shared_ptr<Scheduler> scheduler,
    CachingTokenProviderOptions options, retry::RandomSource random) {
  return std::shared_ptr<CachingTokenProvider>(new CachingTokenProvider(
      std::move(source), std::move(scheduler), options, std::move(random)));
}

CachingTokenProvider::CachingTokenProvider(std::shared_ptr<TokenSource> source,
                                           std::shared_ptr<Scheduler> scheduler,
                                           CachingTokenProviderOptions options,
                                           retry::RandomSource random)
    : source_(std::move(source)),
      scheduler_(std::move(scheduler)),
      options_(options),
      backoff_(options.backoff, std::move(random)) {}

void CachingTokenProvider::GetToken(absl::Time deadline, TokenCallback done) {
  std::optional<AccessToken> ready;
  absl::Status error;
  bool start = false;
  uint64_t waiter_id = 0;
  absl::Time now;
  {
    std::lock_guard<std::mutex> lock(mu_);
    now = scheduler_->Now();
    if (shut_down_) {
      error = ShutDownError();
    } else if (now >= deadline) {
      error = DeadlineError();
    } else if (UsableLocked(now)) {
      ready = *token_;
      // Past refresh_at the old token is still served; the successor is
      // fetched in the background by one caller only.
      start = now >= token_->refresh_at && BeginRoundLocked();
    } else {
      waiter_id = ++next_waiter_id_;
      // Hand-over: from here on the waiter list owns the callback.
      Waiter& waiter = waiters_[waiter_id];
      waiter.deadline = deadline;
      waiter.done.swap(done);
      start = BeginRoundLocked();
    }
  }
  if (start) StartFetch();
  if (!error.ok()) return done(error);
  if (ready) return done(*std::move(ready));
  if (deadline == absl::InfiniteFuture()) return;
  scheduler_->RunAfter(deadline - now, [weak = weak_from_this(), waiter_id] {
    if (auto self = weak.lock()) self->ExpireWaiter(waiter_id);
  });
}

void CachingTokenProvider::InvalidateToken(const std::string& value) {
  std::lock_guard<std::mutex> lock(mu_);
  // Only the token Graph rejected: a newer one fetched meanwhile is kept.
  if (token_.has_value() && token_->value == value) {
    token_.reset();
    ++refresh_generation_;  // its refresh timer is now moot
  }
}

void CachingTokenProvider::Prime(std::function<void(absl::Status)> done) {
  absl::Status error;
  bool ready = false;
  bool start = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (shut_down_) {
      error = ShutDownError();
    } else if (UsableLocked(scheduler_->Now())) {
      ready = true;
    } else {
      primers_.emplace_back().swap(done);  // hand-over to the list
      start = BeginRoundLocked();
    }
  }
  if (start) StartFetch();
  if (!error.ok()) return done(error);
  if (ready) done(absl::OkStatus());
}

void CachingTokenProvider::Shutdown() {
  std::map<uint64_t, Waiter> waiters;
  std::vector<StatusCallback> primers;
  {
    std::lock_guard<std::mutex> lock(mu_);
    shut_down_ = true;
    ++refresh_generation_;
    waiters.swap(waiters_);
    primers.swap(primers_);
  }
  for (auto& [id, waiter] : waiters) waiter.done(ShutDownError());
  for (auto& primer : primers) primer(ShutDownError());
}

bool CachingTokenProvider::UsableLocked(absl::Time now) const {
  return token_.has_value() && now < stale_at_;
}

bool CachingTokenProvider::BeginRoundLocked() {
  if (round_active_ || shut_down_) return false;
  round_active_ = true;
  round_failures_ = 0;
  return true;
}

void CachingTokenProvider::StartFetch() {
  // A weak reference: waiting callers keep their GraphCalls, and those keep
  // this provider, alive; if every owner is gone, nobody needs the result.
  // (A strong one would also tie the provider to a source that holds
  // callbacks, as the test fakes do.)
  source_->Fetch(scheduler_->Now() + options_.fetch_timeout,
                 [weak = weak_from_this()](absl::StatusOr<AccessToken> r) {
                   if (auto self = weak.lock()) self->OnFetched(std::move(r));
                 });
}

void CachingTokenProvider::OnFetched(absl::StatusOr<AccessToken> result) {
  if (result.ok()) {
    OnFetchSucceeded(*result);
  } else {
    OnFetchFailed(result.status());
  }
}

void CachingTokenProvider::OnFetchSucceeded(const AccessToken& token) {
  std::map<uint64_t, Waiter> waiters;
  std::vector<StatusCallback> primers;
  uint64_t generation = 0;
  absl::Time refresh_at;
  bool shut_down = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    const absl::Time now = scheduler_->Now();
    const absl::Duration remaining = token.expires_at - now;
    stale_at_ =
        token.expires_at - std::min(options_.min_validity, remaining / 4);
    token_ = token;
    round_active_ = false;
    round_failures_ = 0;
    generation = ++refresh_generation_;
    refresh_at = std::max(token.refresh_at, now + kMinRefreshDelay);
    waiters.swap(waiters_);
    primers.swap(primers_);
    shut_down = shut_down_;
  }
  if (!shut_down) ScheduleRefresh(refresh_at, generation);
  for (auto& [id, waiter] : waiters) waiter.done(token);
  for (auto& primer : primers) primer(absl::OkStatus());
}

void CachingTokenProvider::OnFetchFailed(const absl::Status& status) {
  std::map<uint64_t, Waiter> failed_waiters;
  std::vector<StatusCallback> failed_primers;
  bool retry = false;
  int failures = 0;
  {
    std::lock_guard<std::mutex> lock(mu_);
    failures = ++round_failures_;
    const bool transient = IsTransientTokenFailure(status);
    if (!transient || failures >= options_.max_attempts_per_wait) {
      failed_waiters.swap(waiters_);
    }
    if (!transient) failed_primers.swap(primers_);
    // Keep going while someone still benefits: a valid token to replace,
    // callers waiting, or a start-up Prime().
    retry = !shut_down_ && (UsableLocked(scheduler_->Now()) ||
                            !waiters_.empty() || !primers_.empty());
    round_active_ = retry;
  }
  LogFailure(status, failures, retry);
  if (retry) {
    scheduler_->RunAfter(
        backoff_.Delay(std::min(failures - 1, kMaxBackoffExponent)),
        [weak = weak_from_this()] {
          if (auto self = weak.lock()) self->OnRetryTimer();
        });
  }
  for (auto& [id, waiter] : failed_waiters) waiter.done(status);
  for (auto& primer : failed_primers) primer(status);
}

void CachingTokenProvider::ScheduleRefresh(absl::Time refresh_at,
                                           uint64_t generation) {
  scheduler_->RunAfter(refresh_at - scheduler_->Now(),
                       [weak = weak_from_this(), generation] {
                         if (auto self = weak.lock()) {
                           self->OnRefreshTimer(generation);
                         }
                       });
}

void CachingTokenProvider::OnRefreshTimer(uint64_t generation) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (generation != refresh_generation_ || !BeginRoundLocked()) return;
  }
  StartFetch();
}

void CachingTokenProvider::OnRetryTimer() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    const bool needed = UsableLocked(scheduler_->Now()) || !waiters_.empty() ||
                        !primers_.empty();
    if (shut_down_ || !needed) {
      round_active_ =
          false;  // nobody is left to serve; the next caller starts anew
      return;
    }
  }
  StartFetch();
}

void CachingTokenProvider::ExpireWaiter(uint64_t id) {
  TokenCallback done;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = waiters_.find(id);
    if (it == waiters_.end()) return;  // already served
    done = std::move(it->second.done);
    waiters_.erase(it);
  }
  done(DeadlineError());
}

void CachingTokenProvider::LogFailure(const absl::Status& status, int failures,
                                      bool retrying) {
  // A permanent failure (bad secret, missing consent) stops the service from
  // working at all: log it loudly. The message carries AAD's AADSTS text
  // and never the secret (sources scrub it).
  const bool transient = IsTransientTokenFailure(status);
  Log(transient ? LogLevel::kWarning : LogLevel::kError, "token_fetch_failed",
      {{"attempt", int64_t{failures}},
       {"transient", transient},
       {"retrying", retrying},
       {"code", absl::StatusCodeToString(status.code())},
       {"error", std::string(status.message())}});
}

}  // namespace guestinvitation::auth
