// Pure parsing of the identity platform's token responses: the success body
// (expires_in as a number or a string, optional refresh_in) and the flat
// error format ({"error","error_description","error_codes",...}), which is
// not Graph's nested envelope.
#ifndef GUESTINVITATION_SERVER_AUTH_TOKEN_RESPONSE_H_
#define GUESTINVITATION_SERVER_AUTH_TOKEN_RESPONSE_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/auth/token_provider.h"
#include "server/http/http_types.h"

namespace guestinvitation::auth {

// ErrorInfo reason of every token failure. The code is UNAVAILABLE: a
// rejected credential is the server's problem, not the caller's.
inline constexpr char kReasonGraphAuthenticationFailed[] =
    "GRAPH_AUTHENTICATION_FAILED";

// `requested_at` is when the request was sent: counting the lifetime from
// then errs on the early side. refresh_at is requested_at + refresh_in
// when Graph sent a sane one, else expires_at - min(5 min, lifetime / 2).
absl::StatusOr<AccessToken> ParseTokenResponse(
    const http::HttpResponse& response, absl::Time requested_at);

// A non-200 answer as a status: AAD's error and description (first line,
// which holds the AADSTS code) in the message; metadata http_status,
// aad_error, aad_error_codes, correlation_id, trace_id when present.
absl::Status TokenEndpointError(const http::HttpResponse& response);

// The token endpoint could not be reached (no response at all).
absl::Status TokenTransportError(const absl::Status& transport_status);

// Whether trying again later can help: transport failures, timeouts, 5xx,
// 429, a garbled 2xx and AAD's temporarily_unavailable. A 4xx such as
// invalid_client (bad secret) or invalid_scope is permanent.
bool IsTransientTokenFailure(const absl::Status& status);

}  // namespace guestinvitation::auth

#endif  // GUESTINVITATION_SERVER_AUTH_TOKEN_RESPONSE_H_
