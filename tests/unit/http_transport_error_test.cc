#include <gtest/gtest.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/system/error_code.hpp>
#include <string>
#include <vector>

#include "server/http/transport_error.h"

namespace guestinvitation::http {
namespace {

namespace asio_error = boost::asio::error;
namespace beast_http = boost::beast::http;
using boost::system::error_code;
using Code = absl::StatusCode;
using Step = TransportStep;

error_code SslReason(int reason) {
  return {static_cast<int>(ERR_PACK(ERR_LIB_SSL, 0, reason)),
          asio_error::get_ssl_category()};
}

struct Row {
  std::string name;
  error_code ec;
  IoFailure failure;
  Code code;
  SendState state;
  std::string message_part;
};

IoFailure At(Step step, bool deadline = false, std::string verify = "") {
  return IoFailure{step, deadline, std::move(verify)};
}

std::vector<Row> Table() {
  const SendState kNot = SendState::kNotSent;
  const SendState kMaybe = SendState::kMaybeSent;
  return {
      {"resolve_not_found", asio_error::host_not_found, At(Step::kResolve),
       Code::kUnavailable, kNot, "cannot resolve host h"},
      {"resolve_deadline", boost::beast::error::timeout,
       At(Step::kResolve, true), Code::kDeadlineExceeded, kNot,
       "deadline expired during DNS resolution"},
      {"connect_refused", asio_error::connection_refused, At(Step::kConnect),
       Code::kUnavailable, kNot, "TCP connect with h failed"},
      {"connect_unreachable", asio_error::network_unreachable,
       At(Step::kConnect), Code::kUnavailable, kNot, "TCP connect"},
      {"connect_step_timeout", boost::beast::error::timeout, At(Step::kConnect),
       Code::kUnavailable, kNot, "exceeded the per-step timeout"},
      {"connect_kernel_timeout", asio_error::timed_out, At(Step::kConnect),
       Code::kUnavailable, kNot, "timed out"},
      {"handshake_verify_with_reason",
       SslReason(SSL_R_CERTIFICATE_VERIFY_FAILED),
       At(Step::kTlsHandshake, false, "certificate has expired"),
       Code::kUnavailable, kNot,
       "TLS certificate verification failed for host h: certificate has "
       "expired"},
      {"handshake_verify_without_reason",
       SslReason(SSL_R_CERTIFICATE_VERIFY_FAILED), At(Step::kTlsHandshake),
       Code::kUnavailable, kNot,
       "TLS certificate verification failed for host h"},
      {"handshake_protocol", SslReason(SSL_R_WRONG_VERSION_NUMBER),
       At(Step::kTlsHandshake), Code::kUnavailable, kNot,
       "TLS handshake with h failed"},
      {"handshake_peer_closed", asio_error::eof, At(Step::kTlsHandshake),
       Code::kUnavailable, kNot, "lost during TLS handshake"},
      {"handshake_deadline", boost::beast::error::timeout,
       At(Step::kTlsHandshake, true), Code::kDeadlineExceeded, kNot,
       "TLS handshake"},
      {"write_reset", asio_error::connection_reset, At(Step::kWrite),
       Code::kUnavailable, kMaybe, "lost during request write"},
      {"write_broken_pipe", asio_error::broken_pipe, At(Step::kWrite),
       Code::kUnavailable, kMaybe, "lost"},
      {"read_deadline", boost::beast::error::timeout, At(Step::kRead, true),
       Code::kDeadlineExceeded, kMaybe,
       "deadline expired during response read"},
      {"read_step_timeout", boost::beast::error::timeout, At(Step::kRead),
       Code::kUnavailable, kMaybe, "per-step timeout"},
      {"read_eof", asio_error::eof, At(Step::kRead), Code::kUnavailable, kMaybe,
       "lost during response read"},
      {"read_end_of_stream", beast_http::error::end_of_stream, At(Step::kRead),
       Code::kUnavailable, kMaybe, "lost"},
      {"read_partial", beast_http::error::partial_message, At(Step::kRead),
       Code::kUnavailable, kMaybe, "lost"},
      {"read_truncated_tls", boost::asio::ssl::error::stream_truncated,
       At(Step::kRead), Code::kUnavailable, kMaybe, "lost"},
      {"read_unexpected_eof", SslReason(SSL_R_UNEXPECTED_EOF_WHILE_READING),
       At(Step::kRead), Code::kUnavailable, kMaybe, "lost"},
      {"read_body_limit", beast_http::error::body_limit, At(Step::kRead),
       Code::kResourceExhausted, kMaybe, "exceeds the size limit"},
      {"read_header_limit", beast_http::error::header_limit, At(Step::kRead),
       Code::kResourceExhausted, kMaybe, "exceeds the size limit"},
      {"read_bad_status", beast_http::error::bad_status, At(Step::kRead),
       Code::kUnavailable, kMaybe, "malformed HTTP response from h"},
      {"read_bad_chunk", beast_http::error::bad_chunk, At(Step::kRead),
       Code::kUnavailable, kMaybe, "malformed"},
      {"read_cancelled", asio_error::operation_aborted, At(Step::kRead),
       Code::kCancelled, kMaybe, "cancelled"},
      {"connect_cancelled", asio_error::operation_aborted, At(Step::kConnect),
       Code::kCancelled, kNot, "cancelled"},
      {"read_unknown_errno", error_code(EIO, boost::system::system_category()),
       At(Step::kRead), Code::kUnavailable, kMaybe,
       "response read with h failed"},
  };
}

TEST(StatusFromErrorCodeTest, Table) {
  for (const Row& row : Table()) {
    SCOPED_TRACE(row.name);
    absl::Status status = StatusFromErrorCode(row.ec, row.failure, "h");
    EXPECT_EQ(status.code(), row.code) << status;
    EXPECT_EQ(GetSendState(status), row.state) << status;
    EXPECT_NE(status.message().find(row.message_part), absl::string_view::npos)
        << status;
  }
}

TEST(StatusFromErrorCodeTest, NoErrorIsOk) {
  EXPECT_TRUE(StatusFromErrorCode(error_code(), At(Step::kRead), "h").ok());
}

TEST(IsStaleConnectionErrorTest, PeerCloseSymptomsOnly) {
  EXPECT_TRUE(IsStaleConnectionError(asio_error::eof));
  EXPECT_TRUE(IsStaleConnectionError(asio_error::connection_reset));
  EXPECT_TRUE(IsStaleConnectionError(asio_error::broken_pipe));
  EXPECT_TRUE(IsStaleConnectionError(beast_http::error::end_of_stream));
  EXPECT_TRUE(
      IsStaleConnectionError(boost::asio::ssl::error::stream_truncated));
  EXPECT_FALSE(IsStaleConnectionError(boost::beast::error::timeout));
  EXPECT_FALSE(IsStaleConnectionError(asio_error::operation_aborted));
  EXPECT_FALSE(IsStaleConnectionError(beast_http::error::body_limit));
  EXPECT_FALSE(IsStaleConnectionError(beast_http::error::bad_status));
}

TEST(TransportErrorTest, SendStateRoundTrips) {
  EXPECT_EQ(GetSendState(
                TransportError(Code::kUnavailable, "x", SendState::kNotSent)),
            SendState::kNotSent);
  EXPECT_EQ(GetSendState(
                TransportError(Code::kUnavailable, "x", SendState::kMaybeSent)),
            SendState::kMaybeSent);
  EXPECT_EQ(GetSendState(absl::UnavailableError("unmarked")),
            SendState::kMaybeSent);
}

}  // namespace
}  // namespace guestinvitation::http
