// The HTTP transport seam. Graph and token code talk to this interface only,
// so unit tests inject a gMock and integration tests the real Beast client.
#ifndef GUESTINVITATION_SERVER_HTTP_HTTP_TRANSPORT_H_
#define GUESTINVITATION_SERVER_HTTP_HTTP_TRANSPORT_H_

#include <functional>

#include "absl/status/statusor.h"
#include "server/http/http_types.h"

namespace guestinvitation::http {

using ResponseCallback = std::function<void(absl::StatusOr<HttpResponse>)>;

class HttpTransport {
 public:
  virtual ~HttpTransport() = default;

  // Sends `request` and calls `done` exactly once, on a transport thread,
  // never inline. Any HTTP status (including 4xx/5xx) is an OK result; a
  // non-OK status means no complete response was received, and carries a
  // SendState (transport_error.h) saying whether the request may have been
  // applied by the server.
  virtual void Send(HttpRequest request, ResponseCallback done) = 0;
};

}  // namespace guestinvitation::http

#endif  // GUESTINVITATION_SERVER_HTTP_HTTP_TRANSPORT_H_
