// guestctl get USER_ID: GetGuest.
#include "client/guestctl/command.h"
#include "client/guestctl/text_format.h"

namespace guestinvitation::guestctl {
namespace {

int RunGet(CommandContext& context) {
  v1::GetGuestRequest request;
  request.set_user_id(context.flags.positionals().at(0));
  auto response = context.client.GetGuest(request);
  if (!response.ok()) return context.printer.RpcFailure(response.status());
  context.printer.Result(*response, FormatGuest(response->guest()));
  return kExitOk;
}

}  // namespace

Command GetCommand() {
  Command command;
  command.name = "get";
  command.summary = "Show one guest and its redemption state";
  command.details =
      "Reads the guest with object id USER_ID (GetGuest): mail, display\n"
      "name, user type, whether sign-in is enabled and whether the\n"
      "invitation was redeemed.";
  command.positionals = {"USER_ID"};
  command.run = RunGet;
  return command;
}

}  // namespace guestinvitation::guestctl
