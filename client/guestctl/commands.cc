#include "client/guestctl/command.h"

namespace guestinvitation::guestctl {

const std::vector<Command>& AllCommands() {
  static const auto* commands = new std::vector<Command>{
      InviteCommand(),    GetCommand(),    ListCommand(),
      GroupsAddCommand(), ResendCommand(), ResetCommand(),
      DisableCommand(),   DeleteCommand(), HealthCommand(),
  };
  return *commands;
}

}  // namespace guestinvitation::guestctl
