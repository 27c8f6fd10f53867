// The retry loop of one Graph request: the only place where Graph HTTP
// attempts are repeated. Per attempt it gets a token, sets the headers
// (Authorization, Accept, Content-Type, client-request-id, Retry-Attempt),
// bounds the attempt by the per-attempt timeout and the caller's deadline,
// logs one line, and decides:
// - transport failure before sending: retry (any method);
// - transport failure after sending, or 500/502/503/504/507: retry when
//   idempotent, else stop and report the outcome as ambiguous;
// - 429: retry (throttled requests were not applied), honouring
//   Retry-After, else jittered backoff;
// - 401: invalidate the token and retry once with a fresh one;
// - anything else: hand the response back.
// A wait that would pass the deadline (or exceed max_retry_after_wait) is
// not taken: the call fails at once with the mapped status + RetryInfo.
#ifndef GUESTINVITATION_SERVER_GRAPH_GRAPH_CALL_H_
#define GUESTINVITATION_SERVER_GRAPH_GRAPH_CALL_H_

#include <atomic>
#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/auth/token_provider.h"
#include "server/common/scheduler.h"
#include "server/http/http_transport.h"
#include "server/retry/backoff_policy.h"
#include "server/retry/retry_policy.h"

namespace guestinvitation::graph {

// What every Graph call shares; immutable once built.
struct GraphCallEnv {
  std::shared_ptr<http::HttpTransport> transport;
  std::shared_ptr<auth::TokenProvider> tokens;
  std::shared_ptr<Scheduler> scheduler;
  std::shared_ptr<const retry::BackoffPolicy> backoff;
  retry::RetryPolicy retry_policy{4};
  absl::Duration max_retry_after_wait = absl::Seconds(180);
  absl::Duration per_attempt_timeout = absl::Seconds(30);
};

struct GraphRequest {
  std::string method;  // GET, POST, PATCH, DELETE
  std::string url;     // absolute
  std::string body;    // JSON; empty means no body
  retry::Idempotency idempotency = retry::Idempotency::kIdempotent;
};

// The identity of one logical call, shared by all of its HTTP attempts,
// including follow-ups of the same operation (replication retries of a
// group add, the re-POST after an ambiguous invite).
struct CallIdentity {
  std::string client_request_id;  // a UUID we generated, sent on every attempt
  std::string rpc_id;             // correlates log lines with the RPC
  absl::Time deadline = absl::InfiniteFuture();
  // Set when the caller cancelled the RPC: no further attempt starts.
  std::shared_ptr<const std::atomic<bool>> cancelled;
  int attempts_sent = 0;  // Retry-Attempt is this count on re-sends
};

struct GraphCallResult {
  // A response the loop does not retry (2xx, 4xx other than 401/429, and
  // for non-idempotent requests the ambiguous 5xx), or the final error,
  // already mapped to a status with ErrorInfo (transport, token, deadline,
  // attempts exhausted, or a wait past the deadline, with RetryInfo).
  absl::StatusOr<http::HttpResponse> response;
  // Non-idempotent request only: it may have been applied (a 5xx listed
  // above, or a transport failure after sending).
  bool ambiguous = false;
  // For ambiguous outcomes: how long to wait before following up.
  absl::Duration suggested_delay = absl::ZeroDuration();
  // Some attempt may have been applied before the final answer (lets a
  // DELETE treat a later 404 as success).
  bool earlier_attempt_may_have_applied = false;
};

using GraphCallDone = std::function<void(GraphCallResult)>;

// Runs the loop; `done` runs exactly once, on a transport or scheduler
// thread (or inline when the deadline has already passed).
void RunGraphCall(std::shared_ptr<const GraphCallEnv> env, GraphRequest request,
                  std::shared_ptr<CallIdentity> identity, GraphCallDone done);

// OK when `result` holds a 2xx response; otherwise the status to report
// (the loop's error, or the mapped non-2xx response).
absl::Status NonSuccessStatus(const GraphCallResult& result,
                              const CallIdentity& identity, absl::Time now);

}  // namespace guestinvitation::graph

#endif  // GUESTINVITATION_SERVER_GRAPH_GRAPH_CALL_H_
