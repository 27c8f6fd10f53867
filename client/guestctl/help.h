// guestctl's help texts, generated from the command and flag tables so
// they cannot drift from what the parser accepts.
#ifndef GUESTINVITATION_CLIENT_GUESTCTL_HELP_H_
#define GUESTINVITATION_CLIENT_GUESTCTL_HELP_H_

#include <string>

#include "client/guestctl/command.h"

namespace guestinvitation::guestctl {

// `guestctl --help`: subcommands, global flags, exit codes.
std::string OverviewHelp();

// `guestctl help NAME`: usage line, description and flags of one command.
std::string CommandHelp(const Command& command);

}  // namespace guestinvitation::guestctl

#endif  // GUESTINVITATION_CLIENT_GUESTCTL_HELP_H_
