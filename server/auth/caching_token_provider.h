// TokenProvider with a cache in front of a TokenSource:
// - single-flight: however many callers need a token while none is cached,
//   exactly one request goes to the identity platform and all are served;
// - proactive refresh: a timer fetches the successor at refresh_at, while
//   callers keep getting the still-valid old token, so steady-state requests
//   never wait for a token;
// - failed fetches are retried on a timer with jittered backoff (no thread
//   ever sleeps); callers waiting with no valid token get the error after
//   `max_attempts_per_wait` failures, or at once for a permanent one;
// - each waiting caller is failed with DEADLINE_EXCEEDED at its deadline.
// Thread-safe: gRPC threads and io_context threads call it concurrently.
// Callbacks never run under the internal lock.
#ifndef GUESTINVITATION_SERVER_AUTH_CACHING_TOKEN_PROVIDER_H_
#define GUESTINVITATION_SERVER_AUTH_CACHING_TOKEN_PROVIDER_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "server/auth/token_provider.h"
#include "server/auth/token_source.h"
#include "server/common/scheduler.h"
#include "server/retry/backoff_policy.h"

namespace guestinvitation::auth {

struct CachingTokenProviderOptions {
  // A cached token is handed out only while it stays valid at least this
  // long (at most a quarter of its lifetime, for very short tokens). The
  // Azure SDK for C++ uses 2 minutes.
  absl::Duration min_validity = absl::Minutes(2);
  // Deadline of one token request.
  absl::Duration fetch_timeout = absl::Seconds(30);
  // Waits between failed fetches.
  retry::BackoffOptions backoff{absl::Seconds(1), absl::Seconds(60), 1.0};
  // Consecutive failures after which callers waiting without a valid token
  // get the error (the provider keeps retrying only if it still has a valid
  // token to refresh, or a Prime() is pending).
  int max_attempts_per_wait = 3;
};

class CachingTokenProvider
    : public TokenProvider,
      public std::enable_shared_from_this<CachingTokenProvider> {
 public:
  static std::shared_ptr<CachingTokenProvider> Create(
      std::shared_ptr<TokenSource> source, std::shared_ptr<Scheduler> scheduler,
      CachingTokenProviderOptions options = {},
      retry::RandomSource random = retry::DefaultRandomSource());

  void GetToken(absl::Time deadline, TokenCallback done) override;
  void InvalidateToken(const std::string& value) override;

  // Fetches the first token at start-up. `done(OK)` once a token is cached
  // (health can then go SERVING). Transient failures are retried with
  // backoff until it works; a permanent one (wrong secret, unknown tenant)
  // is reported. Runs `done` inline if a token is already cached.
  void Prime(std::function<void(absl::Status)> done);

  // Stops refresh and retry timers and fails waiting callers with
  // CANCELLED. Later GetToken calls fail at once.
  void Shutdown();

 private:
  struct Waiter {
    absl::Time deadline;
    TokenCallback done;
  };
  using StatusCallback = std::function<void(absl::Status)>;

  CachingTokenProvider(std::shared_ptr<TokenSource> source,
                       std::shared_ptr<Scheduler> scheduler,
                       CachingTokenProviderOptions options,
                       retry::RandomSource random);

  bool UsableLocked(absl::Time now) const;
  bool BeginRoundLocked();
  void StartFetch();
  void OnFetched(absl::StatusOr<AccessToken> result);
  void OnFetchSucceeded(const AccessToken& token);
  void OnFetchFailed(const absl::Status& status);
  void ScheduleRefresh(absl::Time refresh_at, uint64_t generation);
  void OnRefreshTimer(uint64_t generation);
  void OnRetryTimer();
  void ExpireWaiter(uint64_t id);
  void LogFailure(const absl::Status& status, int failures, bool retrying);

  const std::shared_ptr<TokenSource> source_;
  const std::shared_ptr<Scheduler> scheduler_;
  const CachingTokenProviderOptions options_;
  const retry::BackoffPolicy backoff_;

  std::mutex mu_;
  std::optional<AccessToken> token_;  // guarded by mu_
  absl::Time stale_at_;               // guarded by mu_; token_ unusable after
  // A fetch round runs from the first request until success or give-up,
  // including backoff waits; callers arriving meanwhile join it.
  bool round_active_ = false;            // guarded by mu_
  int round_failures_ = 0;               // guarded by mu_
  uint64_t refresh_generation_ = 0;      // guarded by mu_; stale timers no-op
  uint64_t next_waiter_id_ = 0;          // guarded by mu_
  std::map<uint64_t, Waiter> waiters_;   // guarded by mu_
  std::vector<StatusCallback> primers_;  // guarded by mu_
  bool shut_down_ = false;               // guarded by mu_
};

}  // namespace guestinvitation::auth

#endif  // GUESTINVITATION_SERVER_AUTH_CACHING_TOKEN_PROVIDER_H_
