// Plain HTTP request/response values that cross the HttpTransport seam.
#ifndef GUESTINVITATION_SERVER_HTTP_HTTP_TYPES_H_
#define GUESTINVITATION_SERVER_HTTP_HTTP_TYPES_H_

#include <optional>
#include <string>
#include "absl/strings/string_view.h"
#include <utility>
#include <vector>

#include "absl/time/time.h"

namespace guestinvitation::http {

using Headers = std::vector<std::pair<std::string, std::string>>;

// Case-insensitive header lookup; returns the first match.
std::optional<std::string> FindHeader(const Headers& headers,
                                      absl::string_view name);

struct HttpRequest {
  std::string method;  // "GET", "POST", "PATCH", "DELETE"
  std::string url;     // absolute: https://host[:port]/path[?query]
  Headers headers;     // values must not contain CR, LF or other controls
  std::string body;
  // The transport fails the request with DEADLINE_EXCEEDED at this time,
  // whatever step (connect, TLS, write, read) it is in.
  absl::Time deadline = absl::InfiniteFuture();
};

struct HttpResponse {
  int status = 0;
  Headers headers;
  std::string body;
  std::optional<std::string> Header(absl::string_view name) const {
    return FindHeader(headers, name);
  }
};

}  // namespace guestinvitation::http

#endif  // GUESTINVITATION_SERVER_HTTP_HTTP_TYPES_H_
