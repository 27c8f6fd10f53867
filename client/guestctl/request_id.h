// Idempotency keys (AIP-155 request_id) for mutating subcommands.
#ifndef GUESTINVITATION_CLIENT_GUESTCTL_REQUEST_ID_H_
#define GUESTINVITATION_CLIENT_GUESTCTL_REQUEST_ID_H_

#include <string>

#include "client/guestctl/command.h"

namespace guestinvitation::guestctl {

// The --request-id flag every mutating subcommand takes.
FlagSpec RequestIdFlag();

// A fresh UUID v4 (the server's generator, server/common/ids.h).
std::string NewRandomRequestId();

// --request-id when given; otherwise a new one, announced on stderr before
// the call so the user can retry safely even when the call times out.
std::string TakeRequestId(CommandContext& context);

}  // namespace guestinvitation::guestctl

#endif  // GUESTINVITATION_CLIENT_GUESTCTL_REQUEST_ID_H_
