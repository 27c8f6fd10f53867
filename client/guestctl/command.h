// What a guestctl subcommand is: its name, flags, positional arguments, help
// and the function that runs it.
#ifndef GUESTINVITATION_CLIENT_GUESTCTL_COMMAND_H_
#define GUESTINVITATION_CLIENT_GUESTCTL_COMMAND_H_

#include <functional>
#include <string>
#include <vector>

#include "client/guest_invitation_client.h"
#include "client/guestctl/flags.h"
#include "client/guestctl/printer.h"

namespace guestinvitation::guestctl {

// Makes idempotency keys; tests pass a fixed one.
using RequestIdSource = std::function<std::string()>;

// Everything a subcommand needs to run; flags are already parsed and the
// required ones and the positional count checked.
struct CommandContext {
  const std::string& command;  // "invite", "groups add"
  const ParsedFlags& flags;
  client::GuestInvitationClient& client;
  Printer& printer;
  const RequestIdSource& new_request_id;
};

struct Command {
  std::string name;     // one or two words: "invite", "groups add"
  std::string summary;  // one line for the overview
  std::string details;  // paragraphs for `guestctl help NAME`
  std::vector<std::string> positionals;     // names, each required: "USER_ID"
  std::vector<FlagSpec> flags;              // besides the global flags
  std::function<int(CommandContext&)> run;  // returns the exit code
};

// Every subcommand except `help` (which app.cc handles), in help order.
const std::vector<Command>& AllCommands();

Command InviteCommand();
Command GetCommand();
Command ListCommand();
Command GroupsAddCommand();
Command ResendCommand();
Command ResetCommand();
Command DisableCommand();
Command DeleteCommand();
Command HealthCommand();

}  // namespace guestinvitation::guestctl

#endif  // GUESTINVITATION_CLIENT_GUESTCTL_COMMAND_H_
