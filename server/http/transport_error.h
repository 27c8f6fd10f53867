// Transport failures as absl::Status, with whether the request may have been
// applied. This is the one place where Beast/Asio error codes become
// absl::Status (the first of the two error translation points).
#ifndef GUESTINVITATION_SERVER_HTTP_TRANSPORT_ERROR_H_
#define GUESTINVITATION_SERVER_HTTP_TRANSPORT_ERROR_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

// Forward declaration keeps Boost out of the headers of everyone who only
// needs TransportError/GetSendState.
namespace boost::system {
class error_code;
}  // namespace boost::system

namespace guestinvitation::http {

enum class SendState {
  // Nothing of the request left this process (resolve, connect or TLS
  // handshake failed, pool exhausted): always safe to retry.
  kNotSent,
  // Some or all of the request was written; the server may have applied it
  // (connection lost, timeout or truncated response after writing).
  kMaybeSent,
};

absl::Status TransportError(absl::StatusCode code, absl::string_view message,
                            SendState state);

// kMaybeSent for any status without the marker: unknown means ambiguous.
SendState GetSendState(const absl::Status& status);

// The I/O step that failed. Steps before kWrite never put a request byte on
// the wire, so their failures are kNotSent; kWrite and kRead are kMaybeSent.
enum class TransportStep { kResolve, kConnect, kTlsHandshake, kWrite, kRead };

struct IoFailure {
  TransportStep step = TransportStep::kConnect;
  // The step's timer was the request deadline (not the per-step cap), so a
  // timeout is DEADLINE_EXCEEDED rather than UNAVAILABLE.
  bool deadline_reached = false;
  // OpenSSL's certificate verification result text when the handshake
  // failed verification (empty otherwise).
  std::string tls_verify_error;
};

// The translation table: every Beast/Asio/OpenSSL error code the transport
// can see becomes a status with a SendState. `host` names the peer in the
// message. An empty `ec` gives OK.
absl::Status StatusFromErrorCode(const boost::system::error_code& ec,
                                 const IoFailure& failure,
                                 absl::string_view host);

// True for errors that a keep-alive connection the server silently closed
// produces (EOF, reset, broken pipe, truncated TLS): the only failures after
// which an idempotent request is worth one more try on a fresh connection.
bool IsStaleConnectionError(const boost::system::error_code& ec);

}  // namespace guestinvitation::http

#endif  // GUESTINVITATION_SERVER_HTTP_TRANSPORT_ERROR_H_
