// The service boundary's error translation (the second of the two points):
// absl::Status (with ErrorInfo/BadRequest/RetryInfo payloads) becomes a
// grpc::Status whose details are a serialized google.rpc.Status, sent by gRPC
// as grpc-status-details-bin.
#ifndef GUESTINVITATION_SERVER_SERVICE_GRPC_STATUS_H_
#define GUESTINVITATION_SERVER_SERVICE_GRPC_STATUS_H_

#include <grpcpp/support/status.h>

#include "absl/status/status.h"
#include "google/rpc/status.pb.h"

namespace guestinvitation {

grpc::StatusCode ToGrpcCode(absl::StatusCode code);

// Every non-OK result carries an ErrorInfo: when an inner layer attached
// none, one is added with a reason derived from the code (e.g. INTERNAL).
google::rpc::Status ToRpcStatus(const absl::Status& status);

grpc::Status ToGrpcStatus(const absl::Status& status);

}  // namespace guestinvitation

#endif  // GUESTINVITATION_SERVER_SERVICE_GRPC_STATUS_H_
