#include "server/invitations/idempotency_cache.h"

#include <utility>

namespace guestinvitation {

IdempotencyCache::IdempotencyCache(absl::Duration window, size_t max_entries,
                                   std::function<absl::Time()> clock)
    : window_(window), max_entries_(max_entries), clock_(std::move(clock)) {}

bool IdempotencyCache::IsRemembered(const absl::Status& status) {
  switch (status.code()) {
    case absl::StatusCode::kOk:
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kNotFound:
    case absl::StatusCode::kAlreadyExists:
    case absl::StatusCode::kPermissionDenied:
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kOutOfRange:
    case absl::StatusCode::kUnimplemented:
      return true;
    default:
      return false;
  }
}

IdempotencyCache::BeginResult IdempotencyCache::Begin(
    const std::string& key, const std::string& fingerprint, Waiter waiter) {
  std::lock_guard<std::mutex> lock(mu_);
  const absl::Time now = clock_();
  EvictLocked(now);
  auto it = entries_.find(key);
  if (it == entries_.end()) {
    order_.push_back(key);
    Entry& e = entries_[key];
    e.fingerprint = fingerprint;
    e.order = std::prev(order_.end());
    e.expires_at = now + window_;
    return {Decision::kExecute, {}, false};
  }
  Entry& e = it->second;
  if (e.fingerprint != fingerprint) return {Decision::kMismatch, {}, false};
  switch (e.state) {
    case State::kRunning:
      e.waiters.push_back(std::move(waiter));
      return {Decision::kJoined, {}, false};
    case State::kDone:
      return {Decision::kCached, e.outcome, false};
    case State::kRetryable:
      e.state = State::kRunning;
      e.expires_at = now + window_;
      return {Decision::kExecute, {}, e.maybe_applied};
  }
  return {Decision::kExecute, {}, false};
}

void IdempotencyCache::Complete(const std::string& key, Outcome outcome,
                                bool maybe_applied) {
  std::vector<Waiter> waiters;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = entries_.find(key);
    if (it == entries_.end()) return;
    Entry& e = it->second;
    waiters.swap(e.waiters);
    e.state = IsRemembered(outcome.status) ? State::kDone : State::kRetryable;
    e.maybe_applied = e.maybe_applied || maybe_applied;
    e.outcome = outcome;
    e.expires_at = clock_() + window_;
    // Keep eviction order by last completion.
    order_.erase(e.order);
    order_.push_back(key);
    e.order = std::prev(order_.end());
  }
  for (auto& w : waiters) w(outcome);
}

void IdempotencyCache::EvictLocked(absl::Time now) {
  auto it = order_.begin();
  while (it != order_.end()) {
    auto entry = entries_.find(*it);
    const bool over = entries_.size() >= max_entries_;
    const bool expired = entry->second.expires_at <= now;
    if (!over && !expired) break;
    if (entry->second.state == State::kRunning) {
      ++it;  // never drop an operation that callers are waiting on
      continue;
    }
    entries_.erase(entry);
    it = order_.erase(it);
  }
}

size_t IdempotencyCache::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return entries_.size();
}

}  // namespace guestinvitation
