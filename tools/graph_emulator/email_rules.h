// The address rules Graph documents for invitedUserEmailAddress
// (graph-api.md 1.1).
#ifndef GUESTINVITATION_TOOLS_GRAPH_EMULATOR_EMAIL_RULES_H_
#define GUESTINVITATION_TOOLS_GRAPH_EMULATOR_EMAIL_RULES_H_

#include <string>

#include "absl/strings/string_view.h"

namespace guestinvitation::emulator {

// Empty when `address` is acceptable, else why not (for the error message).
std::string InvalidEmailReason(absl::string_view address);

}  // namespace guestinvitation::emulator

#endif  // GUESTINVITATION_TOOLS_GRAPH_EMULATOR_EMAIL_RULES_H_
