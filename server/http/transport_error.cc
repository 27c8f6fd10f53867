#include "server/http/transport_error.h"

#include <openssl/ssl.h>

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/system/error_code.hpp>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"

namespace guestinvitation::http {
namespace {

namespace asio_error = boost::asio::error;
namespace beast_http = boost::beast::http;
using boost::system::error_code;

constexpr char kSendStateUrl[] = "type.guestinvitation/transport.send_state";

SendState StateOf(TransportStep step) {
  return step == TransportStep::kWrite || step == TransportStep::kRead
             ? SendState::kMaybeSent
             : SendState::kNotSent;
}

const char* StepName(TransportStep step) {
  switch (step) {
    case TransportStep::kResolve:
      return "DNS resolution";
    case TransportStep::kConnect:
      return "TCP connect";
    case TransportStep::kTlsHandshake:
      return "TLS handshake";
    case TransportStep::kWrite:
      return "request write";
    case TransportStep::kRead:
      return "response read";
  }
  return "I/O";
}

bool IsSslLibraryError(const error_code& ec) {
  return ec.category() == asio_error::get_ssl_category();
}

bool IsCertificateVerifyError(const error_code& ec, const IoFailure& f) {
  if (f.step != TransportStep::kTlsHandshake) return false;
  if (!f.tls_verify_error.empty()) return true;
  return IsSslLibraryError(ec) &&
         ERR_GET_REASON(static_cast<unsigned long>(ec.value())) ==
             SSL_R_CERTIFICATE_VERIFY_FAILED;
}

bool IsSizeLimit(const error_code& ec) {
  return ec == beast_http::error::body_limit ||
         ec == beast_http::error::header_limit ||
         ec == beast_http::error::buffer_overflow;
}

// Errors that mean the peer went away (cleanly or not) mid-exchange.
bool IsPeerGone(const error_code& ec) {
  return ec == asio_error::eof || ec == beast_http::error::end_of_stream ||
         ec == beast_http::error::partial_message ||
         ec == boost::asio::ssl::error::stream_truncated ||
         ec == asio_error::connection_reset ||
         ec == asio_error::connection_aborted ||
         ec == asio_error::broken_pipe || ec == asio_error::not_connected ||
         (IsSslLibraryError(ec) &&
          ERR_GET_REASON(static_cast<unsigned long>(ec.value())) ==
              SSL_R_UNEXPECTED_EOF_WHILE_READING);
}

// Any other Beast HTTP error is the response failing to parse.
bool IsMalformedResponse(const error_code& ec) {
  return ec.category() ==
         beast_http::make_error_code(beast_http::error::bad_version).category();
}

absl::Status Make(absl::StatusCode code, const IoFailure& f,
                  const std::string& message) {
  return TransportError(code, message, StateOf(f.step));
}

absl::Status TimeoutStatus(const IoFailure& f, absl::string_view host) {
  if (f.deadline_reached) {
    return Make(absl::StatusCode::kDeadlineExceeded, f,
                absl::StrCat("request deadline expired during ",
                             StepName(f.step), " with ", host));
  }
  return Make(absl::StatusCode::kUnavailable, f,
              absl::StrCat(StepName(f.step), " with ", host,
                           " exceeded the per-step timeout"));
}

absl::Status TlsStatus(const error_code& ec, const IoFailure& f,
                       absl::string_view host) {
  if (IsCertificateVerifyError(ec, f)) {
    const std::string reason =
        f.tls_verify_error.empty() ? ec.message() : f.tls_verify_error;
    return Make(absl::StatusCode::kUnavailable, f,
                absl::StrCat("TLS certificate verification failed for host ",
                             host, ": ", reason));
  }
  return Make(
      absl::StatusCode::kUnavailable, f,
      absl::StrCat("TLS handshake with ", host, " failed: ", ec.message()));
}

}  // namespace

absl::Status TransportError(absl::StatusCode code, absl::string_view message,
                            SendState state) {
  absl::Status status(code, message);
  status.SetPayload(
      kSendStateUrl,
      absl::Cord(state == SendState::kNotSent ? "not_sent" : "maybe_sent"));
  return status;
}

SendState GetSendState(const absl::Status& status) {
  auto payload = status.GetPayload(kSendStateUrl);
  if (payload.has_value() && *payload == "not_sent") return SendState::kNotSent;
  return SendState::kMaybeSent;
}

absl::Status StatusFromErrorCode(const error_code& ec, const IoFailure& f,
                                 absl::string_view host) {
  using absl::StatusCode;
  if (!ec) return absl::OkStatus();
  if (ec == boost::beast::error::timeout || ec == asio_error::timed_out) {
    return ec == asio_error::timed_out
               ? Make(StatusCode::kUnavailable, f,
                      absl::StrCat(StepName(f.step), " with ", host,
                                   " timed out: ", ec.message()))
               : TimeoutStatus(f, host);
  }
  if (ec == asio_error::operation_aborted) {
    return Make(
        StatusCode::kCancelled, f,
        absl::StrCat(StepName(f.step), " with ", host, " was cancelled"));
  }
  if (f.step == TransportStep::kTlsHandshake && !IsPeerGone(ec)) {
    return TlsStatus(ec, f, host);
  }
  if (IsSizeLimit(ec)) {
    return Make(StatusCode::kResourceExhausted, f,
                absl::StrCat("response from ", host,
                             " exceeds the size limit: ", ec.message()));
  }
  if (f.step == TransportStep::kResolve) {
    return Make(StatusCode::kUnavailable, f,
                absl::StrCat("cannot resolve host ", host, ": ", ec.message()));
  }
  if (IsPeerGone(ec)) {
    return Make(StatusCode::kUnavailable, f,
                absl::StrCat("connection to ", host, " lost during ",
                             StepName(f.step), ": ", ec.message()));
  }
  if (IsMalformedResponse(ec)) {
    return Make(StatusCode::kUnavailable, f,
                absl::StrCat("malformed HTTP response from ", host, ": ",
                             ec.message()));
  }
  return Make(StatusCode::kUnavailable, f,
              absl::StrCat(StepName(f.step), " with ", host,
                           " failed: ", ec.message()));
}

bool IsStaleConnectionError(const error_code& ec) { return IsPeerGone(ec); }

}  // namespace guestinvitation::http
