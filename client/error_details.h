// Turns a failed gRPC call into an absl::Status that keeps the server's
// rich error details, and reads those details back as a RichError.
//
// The server sends a google.rpc.Status in the grpc-status-details-bin
// trailer (grpc::Status::error_details()). FromGrpcStatus keeps each of its
// Any details as an absl::Status payload keyed by the Any's type URL, so a
// caller holding only the absl::Status loses nothing.
#ifndef GUESTINVITATION_CLIENT_ERROR_DETAILS_H_
#define GUESTINVITATION_CLIENT_ERROR_DETAILS_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "grpcpp/support/status.h"

namespace guestinvitation::client {

// One google.rpc.BadRequest.FieldViolation.
struct FieldViolation {
  std::string field;
  std::string description;
};

// The parts of a failure a caller acts on, flattened from ErrorInfo,
// BadRequest and RetryInfo. Absent details leave their members empty.
struct RichError {
  absl::StatusCode code = absl::StatusCode::kOk;
  std::string message;
  std::string reason;  // ErrorInfo.reason, e.g. "INVALID_EMAIL"
  std::string domain;  // ErrorInfo.domain, "guestinvitation" for ours
  std::map<std::string, std::string> metadata;  // ErrorInfo.metadata
  std::vector<FieldViolation> field_violations;
  std::optional<absl::Duration> retry_delay;  // RetryInfo.retry_delay
};

// Same code and message; details attached as payloads. Details that do not
// parse as google.rpc.Status are dropped: the code and message still tell
// the caller what happened.
absl::Status FromGrpcStatus(const grpc::Status& status);

// Reads the ErrorInfo / BadRequest / RetryInfo payloads of `status`,
// whichever type URL prefix the server used.
RichError ExtractRichError(const absl::Status& status);

// "INVALID_ARGUMENT", "UNAVAILABLE", ... (the canonical gRPC code names).
std::string StatusCodeName(absl::StatusCode code);

}  // namespace guestinvitation::client

#endif  // GUESTINVITATION_CLIENT_ERROR_DETAILS_H_
