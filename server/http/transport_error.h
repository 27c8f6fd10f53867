// Transport failures as absl::Status, with whether the request may have been
// applied. This is the one place where Beast/Asio error codes become
// absl::Status (the first of the two error translation points).
#ifndef GUESTINVITATION_SERVER_HTTP_TRANSPORT_ERROR_H_
#define GUESTINVITATION_SERVER_HTTP_TRANSPORT_ERROR_H_

#include "absl/strings/string_view.h"

#include "absl/status/status.h"

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

}  // namespace guestinvitation::http

#endif  // GUESTINVITATION_SERVER_HTTP_TRANSPORT_ERROR_H_
