// One unary RPC in flight: owns the cancellation flag handed to outbound
// work, the RPC's log line, and the single Finish.
#ifndef GUESTINVITATION_SERVER_SERVICE_UNARY_CALL_H_
#define GUESTINVITATION_SERVER_SERVICE_UNARY_CALL_H_

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "server/common/logger.h"
#include "server/graph/graph_client.h"

namespace guestinvitation {

class UnaryCall : public grpc::ServerUnaryReactor {
 public:
  // `fields` are added to the RPC's log line (never secrets or URLs).
  UnaryCall(grpc::CallbackServerContext* context, std::string method,
            absl::Duration default_deadline, LogFields fields);

  // Deadline, rpc id and cancellation flag for the Graph calls.
  const graph::CallOptions& call_options() const { return call_options_; }

  // Logs the RPC and finishes it with `status` translated to gRPC. Call
  // exactly once.
  void Complete(const absl::Status& status);

  void OnCancel() override;
  void OnDone() override { delete this; }

 private:
  const std::string method_;
  const std::string peer_;
  const absl::Time start_;
  LogFields fields_;
  std::shared_ptr<std::atomic<bool>> cancelled_;
  graph::CallOptions call_options_;
};

}  // namespace guestinvitation

#endif  // GUESTINVITATION_SERVER_SERVICE_UNARY_CALL_H_
