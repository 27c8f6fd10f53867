// Idempotency keys (AIP-155 request_id) for mutating subcommands.
#ifndef GUESTINVITATION_CLIENT_GUESTCTL_REQUEST_ID_H_
#define GUESTINVITATION_CLIENT_GUESTCTL_REQUEST_ID_H_

#include <array>
#include <cstdint>
#include <string>

#include "client/guestctl/command.h"

namespace guestinvitation::guestctl {

// The --request-id flag every mutating subcommand takes.
FlagSpec RequestIdFlag();

// 16 random bytes as a UUID v4 ("xxxxxxxx-xxxx-4xxx-Yxxx-xxxxxxxxxxxx"),
// version and variant bits set.
std::string FormatUuidV4(std::array<uint8_t, 16> bytes);

// A fresh UUID v4 from std::random_device.
std::string NewRandomRequestId();

// --request-id when given; otherwise a new one, announced on stderr before
// the call so the user can retry safely even when the call times out.
std::string TakeRequestId(CommandContext& context);

}  // namespace guestinvitation::guestctl

#endif  // GUESTINVITATION_CLIENT_GUESTCTL_REQUEST_ID_H_
