// AIP-155 request_id memory. The first request with a request_id runs; a
// repeat while it runs joins it; a repeat after it finished gets the same
// answer without touching Graph. Outcomes that a retry could change
// (UNAVAILABLE, DEADLINE_EXCEEDED, ...) are not remembered, but the entry
// keeps a "may have been applied" mark so the retry can avoid a second
// invitation email. Bounded by a time window and an entry count.
#ifndef GUESTINVITATION_SERVER_INVITATIONS_IDEMPOTENCY_CACHE_H_
#define GUESTINVITATION_SERVER_INVITATIONS_IDEMPOTENCY_CACHE_H_

#include <functional>
#include <list>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace guestinvitation {

class IdempotencyCache {
 public:
  struct Outcome {
    absl::Status status;
    std::string response;  // serialized response message when status is OK
  };
  using Waiter = std::function<void(const Outcome&)>;

  enum class Decision {
    kExecute,   // run the operation, then call Complete()
    kJoined,    // the waiter runs when the running operation completes
    kCached,    // `cached` holds the remembered outcome
    kMismatch,  // the request_id was used for a different request
  };
  struct BeginResult {
    Decision decision;
    Outcome cached;
    // kExecute only: an earlier attempt with this key failed in a way that
    // may still have changed Graph.
    bool maybe_applied_before = false;
  };

  IdempotencyCache(absl::Duration window, size_t max_entries,
                   std::function<absl::Time()> clock);

  BeginResult Begin(const std::string& key, const std::string& fingerprint,
                    Waiter waiter);
  // Ends the running operation for `key` and answers its waiters (outside
  // the lock). `maybe_applied` marks an unremembered failure as possibly
  // applied.
  void Complete(const std::string& key, Outcome outcome, bool maybe_applied);

  // Whether an outcome is final (kept for the window) or a retry may differ.
  static bool IsRemembered(const absl::Status& status);

  size_t size() const;

 private:
  enum class State { kRunning, kDone, kRetryable };
  struct Entry {
    std::string fingerprint;
    State state = State::kRunning;
    Outcome outcome;
    std::vector<Waiter> waiters;
    bool maybe_applied = false;
    absl::Time expires_at;
    std::list<std::string>::iterator order;
  };

  void EvictLocked(absl::Time now);

  const absl::Duration window_;
  const size_t max_entries_;
  const std::function<absl::Time()> clock_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
  std::list<std::string> order_;  // oldest first
};

}  // namespace guestinvitation

#endif  // GUESTINVITATION_SERVER_INVITATIONS_IDEMPOTENCY_CACHE_H_
