// Which outcomes of an HTTP attempt may be retried, and how many attempts a
// logical call gets. Kept apart from backoff (how long to wait) and from
// the Graph client (the loop), like google-cloud-cpp's three small objects.
#ifndef GUESTINVITATION_SERVER_RETRY_RETRY_POLICY_H_
#define GUESTINVITATION_SERVER_RETRY_RETRY_POLICY_H_

namespace guestinvitation::retry {

enum class Idempotency {
  // Repeating the request cannot do harm (GET, PATCH, DELETE, and the group
  // add, whose duplicate answers "already a member").
  kIdempotent,
  // A repeat may act twice (POST /invitations: a second user or email).
  kNonIdempotent,
};

enum class RetryClass {
  kFinal,      // success or a definite answer: do not retry
  kRetry,      // safe to send again after a wait
  kAmbiguous,  // the request may have been applied: do not blindly resend
};

// 429 is retryable for every request: Graph throttled it, so it was not
// applied. 503/504 and 500/502/507 are retryable only for idempotent
// requests; for the others they are ambiguous. Everything else (2xx, 4xx,
// other 5xx) is final; 401 is final here and the caller decides on a token
// refresh.
RetryClass ClassifyHttpStatus(int http_status, Idempotency idempotency);

// A transport failure before anything was sent is always retryable; after
// the request (maybe) left, it is retryable only when idempotent.
RetryClass ClassifyTransportFailure(bool maybe_sent, Idempotency idempotency);

class RetryPolicy {
 public:
  // `max_attempts` counts the first attempt; values below 1 mean 1.
  explicit RetryPolicy(int max_attempts);

  // True when another attempt is allowed after `attempts_made`.
  bool CanRetry(int attempts_made) const {
    return attempts_made < max_attempts_;
  }
  int max_attempts() const { return max_attempts_; }

 private:
  int max_attempts_;
};

}  // namespace guestinvitation::retry

#endif  // GUESTINVITATION_SERVER_RETRY_RETRY_POLICY_H_
