#include "server/http/tls_client.h"

#include <openssl/err.h>
#include <openssl/x509v3.h>

#include <boost/asio/buffer.hpp>
#include <boost/asio/error.hpp>

#include "absl/strings/str_cat.h"
#include "server/http/transport_error.h"

namespace guestinvitation::http {
namespace ssl = boost::asio::ssl;

namespace {

absl::Status CaError(absl::string_view what,
                     const boost::system::error_code& ec) {
  return TransportError(absl::StatusCode::kInvalidArgument,
                        absl::StrCat("cannot load ", what, ": ", ec.message()),
                        SendState::kNotSent);
}

// The error OpenSSL left behind, as the ssl category code Asio itself uses.
boost::system::error_code LastSslError() {
  const unsigned long err = ERR_get_error();
  return {static_cast<int>(
              err != 0 ? err : ERR_PACK(ERR_LIB_SSL, 0, ERR_R_INTERNAL_ERROR)),
          boost::asio::error::get_ssl_category()};
}

}  // namespace

absl::StatusOr<std::unique_ptr<ssl::context>> MakeClientTlsContext(
    const std::string& ca_file, const std::string& ca_pem) {
  auto ctx = std::make_unique<ssl::context>(ssl::context::tls_client);
  SSL_CTX* native = ctx->native_handle();
  SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION);
  SSL_CTX_set_options(native, SSL_OP_NO_RENEGOTIATION | SSL_OP_NO_COMPRESSION);
  boost::system::error_code ec;
  ctx->set_default_verify_paths(ec);
  if (ec) return CaError("the system trust store", ec);
  if (!ca_file.empty()) {
    ctx->load_verify_file(ca_file, ec);
    if (ec) return CaError(absl::StrCat("CA file ", ca_file), ec);
  }
  if (!ca_pem.empty()) {
    ctx->add_certificate_authority(boost::asio::buffer(ca_pem), ec);
    if (ec) return CaError("CA PEM", ec);
  }
  ctx->set_verify_mode(ssl::verify_peer, ec);
  if (ec) return CaError("verify mode", ec);
  return ctx;
}

boost::system::error_code ConfigurePeerCheck(SSL* ssl, const Origin& origin) {
  SSL_set_hostflags(ssl, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
  if (origin.is_ip_literal) {
    if (X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl),
                                      origin.host.c_str()) != 1) {
      return LastSslError();
    }
    return {};
  }
  if (SSL_set_tlsext_host_name(ssl, origin.host.c_str()) != 1 ||
      SSL_set1_host(ssl, origin.host.c_str()) != 1) {
    return LastSslError();
  }
  return {};
}

std::string VerifyFailureReason(SSL* ssl) {
  const long result = SSL_get_verify_result(ssl);
  if (result == X509_V_OK) return "";
  return X509_verify_cert_error_string(result);
}

}  // namespace guestinvitation::http
