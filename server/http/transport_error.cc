#include "server/http/transport_error.h"

#include "absl/strings/cord.h"

namespace guestinvitation::http {
namespace {
constexpr char kSendStateUrl[] = "type.guestinvitation/transport.send_state";
}

absl::Status TransportError(absl::StatusCode code, absl::string_view message,
                            SendState state) {
  absl::Status status(code, message);
  status.SetPayload(kSendStateUrl,
                    absl::Cord(state == SendState::kNotSent ? "not_sent"
                                                            : "maybe_sent"));
  return status;
}

SendState GetSendState(const absl::Status& status) {
  auto payload = status.GetPayload(kSendStateUrl);
  if (payload.has_value() && *payload == "not_sent") return SendState::kNotSent;
  return SendState::kMaybeSent;
}

}  // namespace guestinvitation::http
