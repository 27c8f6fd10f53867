// Client TLS policy: what is trusted and how each connection checks its
// peer. Verification is always on; there is deliberately no switch.
#ifndef GUESTINVITATION_SERVER_HTTP_TLS_CLIENT_H_
#define GUESTINVITATION_SERVER_HTTP_TLS_CLIENT_H_

#include <openssl/ssl.h>

#include <boost/asio/ssl/context.hpp>
#include <boost/system/error_code.hpp>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "server/http/url.h"

namespace guestinvitation::http {

// TLS 1.2+, peer verification against the system default store plus the
// extra CAs (a PEM file and/or PEM text; either may be empty).
// INVALID_ARGUMENT if an extra CA cannot be loaded.
absl::StatusOr<std::unique_ptr<boost::asio::ssl::context>> MakeClientTlsContext(
    const std::string& ca_file, const std::string& ca_pem);

// Per connection, before the handshake: SNI for DNS names (not for IP
// literals, per RFC 6066) and OpenSSL's own host or IP check.
boost::system::error_code ConfigurePeerCheck(SSL* ssl, const Origin& origin);

// OpenSSL's reason when the handshake failed certificate verification,
// empty otherwise.
std::string VerifyFailureReason(SSL* ssl);

}  // namespace guestinvitation::http

#endif  // GUESTINVITATION_SERVER_HTTP_TLS_CLIENT_H_
