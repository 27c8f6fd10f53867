#include "server/http/request_op.h"

#include <boost/asio/post.hpp>
#include <utility>

#include "server/common/logger.h"
#include "server/http/transport_error.h"

namespace guestinvitation::http {

RequestOp::RequestOp(std::shared_ptr<TransportContext> ctx,
                     std::shared_ptr<HostPool> pool, std::string host,
                     BeastRequest request, absl::Time deadline,
                     ResponseCallback done)
    : ctx_(std::move(ctx)),
      pool_(std::move(pool)),
      host_(std::move(host)),
      request_(std::move(request)),
      deadline_(deadline),
      idempotent_(IsIdempotentMethod(std::string(request_.method_string()))),
      done_(std::move(done)) {}

void RequestOp::Start() {
  pool_->Acquire(deadline_,
                 [self = shared_from_this()](absl::StatusOr<Lease> lease) {
                   self->OnLease(std::move(lease));
                 });
}

void RequestOp::OnLease(absl::StatusOr<Lease> lease) {
  if (!lease.ok()) return Finish(lease.status());
  connection_ = std::move(lease->connection);
  reused_ = lease->reused;
  if (!reused_) return Open();
  ++ctx_->connections_reused;
  Exchange();
}

void RequestOp::Open() {
  connection_->Open(deadline_,
                    [self = shared_from_this()](const IoOutcome& outcome) {
                      self->OnOpened(outcome);
                    });
}

void RequestOp::OnOpened(const IoOutcome& outcome) {
  if (outcome.ec) return Fail(outcome);
  Exchange();
}

void RequestOp::Exchange() {
  ++ctx_->requests_sent;
  connection_->Exchange(request_, deadline_,
                        [self = shared_from_this()](ExchangeOutcome outcome) {
                          self->OnExchanged(std::move(outcome));
                        });
}

void RequestOp::OnExchanged(ExchangeOutcome outcome) {
  if (!outcome.io.ec) {
    pool_->Release(connection_, connection_->reusable()
                                    ? AfterUse::kKeep
                                    : AfterUse::kCloseGracefully);
    return Finish(std::move(outcome.response));
  }
  if (ShouldRetry(outcome)) {
    retried_ = true;
    reused_ = false;
    Log(LogLevel::kDebug, "http_stale_connection_retry",
        {{"host", host_}, {"error", outcome.io.ec.message()}});
    connection_ = pool_->Replace(connection_);
    return Open();
  }
  Fail(outcome.io);
}

// A keep-alive connection the server closed while it sat idle fails before
// any response byte: the server never processed the request, but only for
// idempotent methods is "never processed" safe to assume.
bool RequestOp::ShouldRetry(const ExchangeOutcome& outcome) const {
  return reused_ && !retried_ && idempotent_ && !outcome.response_started &&
         IsStaleConnectionError(outcome.io.ec);
}

void RequestOp::Fail(const IoOutcome& outcome) {
  pool_->Release(connection_, AfterUse::kAbort);
  absl::Status status = StatusFromErrorCode(outcome.ec, outcome.failure, host_);
  if (!outcome.failure.tls_verify_error.empty()) {
    Log(LogLevel::kWarning, "http_tls_verify_failed",
        {{"host", host_}, {"reason", outcome.failure.tls_verify_error}});
  }
  Finish(std::move(status));
}

void RequestOp::Finish(absl::StatusOr<HttpResponse> result) {
  ResponseCallback done = std::exchange(done_, nullptr);
  if (!done) return;
  boost::asio::post(
      ctx_->io, [done = std::move(done), result = std::move(result)]() mutable {
        done(std::move(result));
      });
}

}  // namespace guestinvitation::http
