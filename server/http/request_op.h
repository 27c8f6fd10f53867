// One Send(): lease a connection, open it if new, exchange, and decide
// between success, the single stale-connection retry, and failure. The
// policy lives here; the socket work is Connection's, the queueing
// HostPool's.
#ifndef GUESTINVITATION_SERVER_HTTP_REQUEST_OP_H_
#define GUESTINVITATION_SERVER_HTTP_REQUEST_OP_H_

#include <memory>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/http/connection.h"
#include "server/http/host_pool.h"
#include "server/http/http_transport.h"
#include "server/http/request_builder.h"
#include "server/http/transport_context.h"

namespace guestinvitation::http {

class RequestOp : public std::enable_shared_from_this<RequestOp> {
 public:
  RequestOp(std::shared_ptr<TransportContext> ctx,
            std::shared_ptr<HostPool> pool, std::string host,
            BeastRequest request, absl::Time deadline, ResponseCallback done);

  void Start();

 private:
  void OnLease(absl::StatusOr<Lease> lease);
  void Open();
  void OnOpened(const IoOutcome& outcome);
  void Exchange();
  void OnExchanged(ExchangeOutcome outcome);
  bool ShouldRetry(const ExchangeOutcome& outcome) const;
  void Fail(const IoOutcome& outcome);
  // Posts `done` to the io_context: never inline, never on a connection
  // strand (a slow callback must not stall the connection).
  void Finish(absl::StatusOr<HttpResponse> result);

  const std::shared_ptr<TransportContext> ctx_;
  const std::shared_ptr<HostPool> pool_;
  const std::string host_;
  const BeastRequest request_;
  const absl::Time deadline_;
  const bool idempotent_;
  ResponseCallback done_;
  std::shared_ptr<Connection> connection_;
  bool reused_ = false;
  bool retried_ = false;
};

}  // namespace guestinvitation::http

#endif  // GUESTINVITATION_SERVER_HTTP_REQUEST_OP_H_
