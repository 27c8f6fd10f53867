// Request-head validation the transport does before sending anything.
// Beast writes header names, values and the target verbatim, so a CR or LF
// from a caller would let it forge headers or a second request; this is
// where that is stopped.
#ifndef GUESTINVITATION_SERVER_HTTP_HEADER_CHECK_H_
#define GUESTINVITATION_SERVER_HTTP_HEADER_CHECK_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "server/http/http_types.h"

namespace guestinvitation::http {

// RFC 9110 token: non-empty, tchar only (no controls, spaces, separators).
// Used for header names and methods.
bool IsValidToken(absl::string_view token);

// Field value: no control bytes (< 0x20) except HTAB, and no DEL (0x7f).
// obs-text (>= 0x80) is allowed, as RFC 9110 does.
bool IsValidHeaderValue(absl::string_view value);

// Request target: visible ASCII only (0x21..0x7e); anything else must be
// percent-encoded by the caller.
bool IsValidRequestTarget(absl::string_view target);

// Checks the method and every header. Transfer-Encoding is refused because
// the transport always frames the body with Content-Length. Returns
// INVALID_ARGUMENT marked kNotSent naming the offending header (never its
// value: it might be a credential).
absl::Status ValidateRequestHead(const HttpRequest& request);

}  // namespace guestinvitation::http

#endif  // GUESTINVITATION_SERVER_HTTP_HEADER_CHECK_H_
