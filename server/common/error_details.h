// Rich error details carried inside absl::Status, as payloads keyed by the
// google.rpc type URL. Inner layers attach ErrorInfo / BadRequest /
// RetryInfo here; the service boundary (service/grpc_status.h) packs them
// into google.rpc.Status for grpc-status-details-bin.
#ifndef GUESTINVITATION_SERVER_COMMON_ERROR_DETAILS_H_
#define GUESTINVITATION_SERVER_COMMON_ERROR_DETAILS_H_

#include <map>
#include <optional>
#include <string>
#include "absl/strings/string_view.h"
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "google/rpc/error_details.pb.h"

namespace guestinvitation {

inline constexpr char kErrorDomain[] = "guestinvitation";

// Metadata keys used in ErrorInfo for errors that came from Graph.
inline constexpr char kMetaGraphCode[] = "graph_code";
inline constexpr char kMetaHttpStatus[] = "http_status";
inline constexpr char kMetaGraphRequestId[] = "graph_request_id";
inline constexpr char kMetaClientRequestId[] = "client_request_id";

// Builds a status with ErrorInfo{reason, domain=guestinvitation, metadata}.
absl::Status ErrorWithReason(absl::StatusCode code, absl::string_view message,
                             absl::string_view reason,
                             std::map<std::string, std::string> metadata = {});

void SetErrorInfo(absl::Status& status, const google::rpc::ErrorInfo& info);
std::optional<google::rpc::ErrorInfo> GetErrorInfo(const absl::Status& status);
// ErrorInfo.reason, or "" when absent.
std::string GetReason(const absl::Status& status);

void SetBadRequest(absl::Status& status, const google::rpc::BadRequest& br);
std::optional<google::rpc::BadRequest> GetBadRequest(const absl::Status& status);

void SetRetryDelay(absl::Status& status, absl::Duration delay);
std::optional<absl::Duration> GetRetryDelay(const absl::Status& status);

// Every payload above, as (type URL, serialized message) pairs.
std::vector<std::pair<std::string, std::string>> DetailPayloads(
    const absl::Status& status);

}  // namespace guestinvitation

#endif  // GUESTINVITATION_SERVER_COMMON_ERROR_DETAILS_H_
