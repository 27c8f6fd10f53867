// Conversions between the seam's plain HttpRequest/HttpResponse and Beast
// messages. Pure functions: unit-tested without sockets.
#ifndef GUESTINVITATION_SERVER_HTTP_REQUEST_BUILDER_H_
#define GUESTINVITATION_SERVER_HTTP_REQUEST_BUILDER_H_

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "absl/strings/string_view.h"
#include "server/http/http_types.h"
#include "server/http/url.h"

namespace guestinvitation::http {

using BeastRequest =
    boost::beast::http::request<boost::beast::http::string_body>;
using BeastResponse =
    boost::beast::http::response<boost::beast::http::string_body>;

// Builds the HTTP/1.1 request. The caller's headers are copied (they must
// have passed ValidateRequestHead); the transport owns Host, Content-Length
// and Connection (keep-alive) and replaces any caller values; User-Agent is
// `user_agent` unless the caller set one.
BeastRequest BuildBeastRequest(const HttpRequest& request, const ParsedUrl& url,
                               absl::string_view user_agent);

// Copies status, every header (in order, duplicates kept) and the body.
HttpResponse ToHttpResponse(BeastResponse&& response);

// RFC 9110 idempotent methods: safe to send again after an ambiguous failure.
bool IsIdempotentMethod(absl::string_view method);

}  // namespace guestinvitation::http

#endif  // GUESTINVITATION_SERVER_HTTP_REQUEST_BUILDER_H_
