// The invitation-email flags shared by invite, resend and reset.
#ifndef GUESTINVITATION_CLIENT_GUESTCTL_INVITATION_FLAGS_H_
#define GUESTINVITATION_CLIENT_GUESTCTL_INVITATION_FLAGS_H_

#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "client/guestctl/flags.h"
#include "guestinvitation/v1/guest_invitation.pb.h"

namespace guestinvitation::guestctl {

// --email and --redirect-url, both required.
std::vector<FlagSpec> AddressFlags();

// --send-email, --message, --language, --cc.
std::vector<FlagSpec> EmailFlags();

// Fills *send and *info from EmailFlags(). INVALID_ARGUMENT when --message
// and --language are both given (Graph ignores one of them), or when email
// options come without --send-email (they would silently do nothing).
absl::Status ApplyEmailFlags(
    const ParsedFlags& flags, bool* send,
    ::guestinvitation::v1::InvitedUserMessageInfo* info);

// ApplyEmailFlags onto any request with send_invitation_message and
// invited_user_message_info (CreateInvitation, ResendInvitation,
// ResetRedemption); the message info is left unset when no option is given.
template <typename Request>
absl::Status ApplyEmailFlagsTo(const ParsedFlags& flags, Request* request) {
  bool send = false;
  ::guestinvitation::v1::InvitedUserMessageInfo info;
  if (auto status = ApplyEmailFlags(flags, &send, &info); !status.ok()) {
    return status;
  }
  request->set_send_invitation_message(send);
  if (info.ByteSizeLong() > 0) {
    *request->mutable_invited_user_message_info() = std::move(info);
  }
  return absl::OkStatus();
}

}  // namespace guestinvitation::guestctl

#endif  // GUESTINVITATION_CLIENT_GUESTCTL_INVITATION_FLAGS_H_
