#include "server/graph/graph_call.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "server/common/error_details.h"
#include "server/common/logger.h"
#include "server/graph/graph_errors.h"
#include "server/graph/graph_urls.h"
#include "server/http/transport_error.h"
#include "server/retry/retry_after.h"

namespace guestinvitation::graph {
namespace {

bool IsSuccess(int status) { return status >= 200 && status < 300; }

// Transport failures that another attempt can cure. Others (a URL the
// transport refuses, a response over the size limit, shutdown) recur.
bool IsRetryableTransportCode(absl::StatusCode code) {
  return code == absl::StatusCode::kUnavailable ||
         code == absl::StatusCode::kDeadlineExceeded;
}

class GraphCall : public std::enable_shared_from_this<GraphCall> {
 public:
  GraphCall(std::shared_ptr<const GraphCallEnv> env, GraphRequest request,
            std::shared_ptr<CallIdentity> identity, GraphCallDone done)
      : env_(std::move(env)),
        request_(std::move(request)),
        identity_(std::move(identity)),
        done_(std::move(done)) {}

  void Attempt();

 private:
  absl::Time Now() const { return env_->scheduler->Now(); }
  const std::string& crid() const { return identity_->client_request_id; }
  void OnToken(absl::StatusOr<auth::AccessToken> token);
  void Send(const std::string& token);
  void OnResponse(absl::StatusOr<http::HttpResponse> response,
                  absl::Time started);
  void OnTransportError(const absl::Status& status);
  void OnHttpResponse(http::HttpResponse response);
  void RetryOrGiveUp(absl::Duration delay, absl::Status give_up);
  void LogAttempt(const absl::StatusOr<http::HttpResponse>& response,
                  absl::Duration latency) const;
  void Finish(GraphCallResult result);

  const std::shared_ptr<const GraphCallEnv> env_;
  const GraphRequest request_;
  const std::shared_ptr<CallIdentity> identity_;
  GraphCallDone done_;
  int attempts_ = 0;  // HTTP attempts of this loop (identity counts all)
  bool reauthenticated_ = false;
  bool may_have_applied_ = false;
  std::string token_;  // the bearer of the last attempt, to invalidate on 401
};

void GraphCall::Attempt() {
  // Checked before every attempt, so a cancelled RPC starts no retry (an
  // attempt already on the wire finishes or times out on its own).
  if (identity_->cancelled && identity_->cancelled->load()) {
    return Finish({ErrorWithReason(absl::StatusCode::kCancelled,
                                   "the caller cancelled the call",
                                   "CANCELLED")});
  }
  if (Now() >= identity_->deadline) {
    return Finish({DeadlineExceededError(crid(), "before Graph answered")});
  }
  env_->tokens->GetToken(
      identity_->deadline,
      [self = shared_from_this()](absl::StatusOr<auth::AccessToken> token) {
        self->OnToken(std::move(token));
      });
}

void GraphCall::OnToken(absl::StatusOr<auth::AccessToken> token) {
  if (token.ok()) return Send(token->value);
  const absl::Status& s = token.status();
  if (s.code() == absl::StatusCode::kDeadlineExceeded) {
    return Finish(
        {DeadlineExceededError(crid(), "waiting for an access token")});
  }
  if (!GetReason(s).empty()) return Finish({s});
  Finish({ErrorWithReason(absl::StatusCode::kUnavailable,
                          absl::StrCat("no access token: ", s.message()),
                          kReasonAuthenticationFailed)});
}

void GraphCall::Send(const std::string& token) {
  http::HttpRequest r;
  r.method = request_.method;
  r.url = request_.url;
  r.body = request_.body;
  r.headers = {{"Authorization", absl::StrCat("Bearer ", token)},
               {"Accept", "application/json"},
               {"client-request-id", crid()}};
  if (!r.body.empty()) {
    r.headers.emplace_back("Content-Type", "application/json");
  }
  if (identity_->attempts_sent > 0) {
    r.headers.emplace_back("Retry-Attempt",
                           absl::StrCat(identity_->attempts_sent));
  }
  const absl::Time now = Now();
  r.deadline = std::min(identity_->deadline, now + env_->per_attempt_timeout);
  token_ = token;
  ++attempts_;
  ++identity_->attempts_sent;
  env_->transport->Send(std::move(r),
                        [self = shared_from_this(),
                         now](absl::StatusOr<http::HttpResponse> resp) {
                          self->OnResponse(std::move(resp), now);
                        });
}

void GraphCall::OnResponse(absl::StatusOr<http::HttpResponse> response,
                           absl::Time started) {
  LogAttempt(response, Now() - started);
  if (!response.ok()) return OnTransportError(response.status());
  OnHttpResponse(*std::move(response));
}

void GraphCall::OnTransportError(const absl::Status& status) {
  const bool maybe_sent =
      http::GetSendState(status) == http::SendState::kMaybeSent;
  may_have_applied_ = may_have_applied_ || maybe_sent;
  if (Now() >= identity_->deadline) {
    return Finish({DeadlineExceededError(crid(), "before Graph answered")});
  }
  absl::Status mapped = StatusFromTransportError(status, crid());
  // A certificate that did not verify will not verify in a few seconds.
  if (!IsRetryableTransportCode(status.code()) ||
      GetReason(mapped) == kReasonTlsError) {
    return Finish({mapped});
  }
  const absl::Duration delay = env_->backoff->Delay(attempts_ - 1);
  if (retry::ClassifyTransportFailure(maybe_sent, request_.idempotency) ==
      retry::RetryClass::kAmbiguous) {
    return Finish({std::move(mapped), /*ambiguous=*/true, delay});
  }
  RetryOrGiveUp(delay, std::move(mapped));
}

void GraphCall::OnHttpResponse(http::HttpResponse response) {
  if (response.status == 401 && !reauthenticated_ &&
      env_->retry_policy.CanRetry(attempts_)) {
    // Graph rejected our token (revoked, expired early, clock skew): one
    // fresh token, one more try; a second 401 is a real credential problem.
    reauthenticated_ = true;
    env_->tokens->InvalidateToken(token_);
    return Attempt();
  }
  if (response.status == 401) {
    // Loud: every Graph call fails until the credential is fixed.
    Log(LogLevel::kError, "graph_token_rejected",
        {{"client_request_id", crid()}, {"rpc_id", identity_->rpc_id}});
  }
  const retry::RetryClass c =
      retry::ClassifyHttpStatus(response.status, request_.idempotency);
  if (c == retry::RetryClass::kFinal) return Finish({std::move(response)});
  may_have_applied_ = may_have_applied_ || response.status >= 500;
  const absl::Time now = Now();
  const absl::Duration delay =
      RetryAfterOf(response, now, retry::DefaultRetryAfterCap())
          .value_or(env_->backoff->Delay(attempts_ - 1));
  if (c == retry::RetryClass::kAmbiguous) {
    return Finish({std::move(response), /*ambiguous=*/true, delay});
  }
  RetryOrGiveUp(delay, StatusFromGraphResponse(response, crid(), now));
}

void GraphCall::RetryOrGiveUp(absl::Duration delay, absl::Status give_up) {
  const bool attempts_left = env_->retry_policy.CanRetry(attempts_);
  if (!attempts_left || delay > env_->max_retry_after_wait ||
      Now() + delay >= identity_->deadline) {
    // Tell the caller how long Graph wants: a client with a longer
    // deadline can come back then.
    SetRetryDelay(give_up, delay);
    return Finish({std::move(give_up)});
  }
  env_->scheduler->RunAfter(delay,
                            [self = shared_from_this()] { self->Attempt(); });
}

void GraphCall::LogAttempt(const absl::StatusOr<http::HttpResponse>& response,
                           absl::Duration latency) const {
  const int status = response.ok() ? response->status : 0;
  std::string request_id;
  if (response.ok()) {
    // The body is consulted only for errors: success bodies can be large.
    request_id = IsSuccess(status) ? response->Header("request-id").value_or("")
                                   : GraphRequestIdOf(*response);
  }
  LogFields fields = {{"method", request_.method},
                      {"path", PathForLog(request_.url)},
                      {"status", int64_t{status}},
                      {"latency_ms", absl::ToInt64Milliseconds(latency)},
                      {"attempt", int64_t{identity_->attempts_sent}},
                      {"client_request_id", crid()},
                      {"graph_request_id", request_id},
                      {"rpc_id", identity_->rpc_id}};
  if (!response.ok()) {
    fields.emplace_back("error", ScrubText(response.status().message()));
  }
  Log(status >= 200 && status < 400 ? LogLevel::kInfo : LogLevel::kWarning,
      "graph_http", fields);
}

void GraphCall::Finish(GraphCallResult result) {
  result.earlier_attempt_may_have_applied = may_have_applied_;
  GraphCallDone done = std::move(done_);
  done(std::move(result));
}

}  // namespace

void RunGraphCall(std::shared_ptr<const GraphCallEnv> env, GraphRequest request,
                  std::shared_ptr<CallIdentity> identity, GraphCallDone done) {
  std::make_shared<GraphCall>(std::move(env), std::move(request),
                              std::move(identity), std::move(done))
      ->Attempt();
}

absl::Status NonSuccessStatus(const GraphCallResult& result,
                              const CallIdentity& identity, absl::Time now) {
  if (!result.response.ok()) return result.response.status();
  if (IsSuccess(result.response->status)) return absl::OkStatus();
  return StatusFromGraphResponse(*result.response, identity.client_request_id,
                                 now);
}

}  // namespace guestinvitation::graph
