// THE mapping from a Graph answer to absl::Status (the second of the two
// error translation points; the transport's is in http/transport_error).
// Every status carries ErrorInfo{reason, domain "guestinvitation",
// metadata graph_code, http_status, graph_request_id, client_request_id}
// and, when Graph sent Retry-After, RetryInfo.
#ifndef GUESTINVITATION_SERVER_GRAPH_GRAPH_ERRORS_H_
#define GUESTINVITATION_SERVER_GRAPH_GRAPH_ERRORS_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "server/http/http_types.h"

namespace guestinvitation::graph {

// ErrorInfo reasons produced here.
inline constexpr char kReasonBadRequest[] = "GRAPH_BAD_REQUEST";
inline constexpr char kReasonUserAlreadyExists[] = "USER_ALREADY_EXISTS";
inline constexpr char kReasonAuthenticationFailed[] =
    "GRAPH_AUTHENTICATION_FAILED";
inline constexpr char kReasonPermissionDenied[] = "GRAPH_PERMISSION_DENIED";
inline constexpr char kReasonInvitationsDisabled[] = "INVITATIONS_DISABLED";
inline constexpr char kReasonCrossTenantBlocked[] =
    "CROSS_TENANT_ACCESS_BLOCKED";
inline constexpr char kReasonAbuseBlocked[] = "INVITATIONS_BLOCKED_ABUSE";
inline constexpr char kReasonDomainBlocked[] = "DOMAIN_BLOCKED_BY_POLICY";
inline constexpr char kReasonNotFound[] = "GRAPH_RESOURCE_NOT_FOUND";
inline constexpr char kReasonConflict[] = "GRAPH_CONFLICT";
inline constexpr char kReasonPreconditionFailed[] = "GRAPH_PRECONDITION_FAILED";
inline constexpr char kReasonRequestTooLarge[] = "GRAPH_REQUEST_TOO_LARGE";
inline constexpr char kReasonThrottled[] = "GRAPH_THROTTLED";
inline constexpr char kReasonUnavailable[] = "GRAPH_UNAVAILABLE";
inline constexpr char kReasonServerError[] = "GRAPH_SERVER_ERROR";
inline constexpr char kReasonRequestRejected[] = "GRAPH_REQUEST_REJECTED";
inline constexpr char kReasonBadResponse[] = "GRAPH_BAD_RESPONSE";
inline constexpr char kReasonUnreachable[] = "GRAPH_UNREACHABLE";
inline constexpr char kReasonTlsError[] = "GRAPH_TLS_ERROR";
inline constexpr char kReasonDeadlineExceeded[] = "DEADLINE_EXCEEDED";
inline constexpr char kReasonReplicationTimeout[] = "REPLICATION_TIMEOUT";

inline constexpr char kMetaExistingUserId[] = "existing_user_id";
inline constexpr char kMetaGraphInnerCode[] = "graph_inner_code";

// Graph's OData error envelope, {"error":{"code","message","innerError":
// {...nested...}}}. Absent fields are empty.
struct GraphErrorBody {
  std::string code;
  std::string message;
  std::string inner_code;         // innermost innerError.code
  std::string request_id;         // innerError["request-id"]
  std::string client_request_id;  // innerError["client-request-id"]
};

// nullopt for empty, non-JSON or non-envelope bodies (HTML from a proxy).
std::optional<GraphErrorBody> ParseGraphErrorBody(absl::string_view body);

struct ErrorClass {
  absl::StatusCode code;
  const char* reason;
};

// The table itself, status + envelope -> (code, reason). Pure; see the .cc
// for the rows.
ErrorClass ClassifyGraphError(int http_status, const GraphErrorBody& error);

// A non-2xx Graph response as a status. `now` resolves an HTTP-date
// Retry-After. The message is "Graph HTTP <status> <code>: <message>" with
// URLs removed and length capped.
absl::Status StatusFromGraphResponse(const http::HttpResponse& response,
                                     absl::string_view client_request_id,
                                     absl::Time now);

// A 2xx whose body we could not use: UNAVAILABLE GRAPH_BAD_RESPONSE.
absl::Status BadResponseError(const http::HttpResponse& response,
                              absl::string_view client_request_id,
                              absl::string_view what);

// No usable HTTP response: UNAVAILABLE GRAPH_UNREACHABLE, or
// GRAPH_TLS_ERROR when the certificate did not verify. Keeps the
// transport's SendState marker.
absl::Status StatusFromTransportError(const absl::Status& transport_status,
                                      absl::string_view client_request_id);

// The caller's deadline passed: DEADLINE_EXCEEDED / DEADLINE_EXCEEDED.
absl::Status DeadlineExceededError(absl::string_view client_request_id,
                                   absl::string_view what);

// Retry-After of `response`, capped at `cap`; nullopt when absent/garbled.
std::optional<absl::Duration> RetryAfterOf(const http::HttpResponse& response,
                                           absl::Time now, absl::Duration cap);

// Graph's request-id: the response header, else innerError["request-id"].
std::string GraphRequestIdOf(const http::HttpResponse& response);

// The GUID in "...already exists in the directory as object ID: <guid>...",
// or "" when the message has none.
std::string ExistingUserIdFromMessage(absl::string_view message);

// Replaces every http(s)://... token with "<url>" and caps the length, so
// that nothing quoted from Graph or the transport can carry a redeem URL
// (or a query with an email) into a status message or a log line.
std::string ScrubText(absl::string_view text);

}  // namespace guestinvitation::graph

#endif  // GUESTINVITATION_SERVER_GRAPH_GRAPH_ERRORS_H_
