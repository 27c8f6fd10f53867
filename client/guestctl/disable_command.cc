// guestctl disable USER_ID: DisableGuest.
#include "absl/strings/str_cat.h"
#include "client/guestctl/command.h"
#include "client/guestctl/request_id.h"

namespace guestinvitation::guestctl {
namespace {

int RunDisable(CommandContext& context) {
  v1::DisableGuestRequest request;
  request.set_user_id(context.flags.positionals().at(0));
  request.set_request_id(TakeRequestId(context));
  auto response = context.client.DisableGuest(request);
  if (!response.ok()) return context.printer.RpcFailure(response.status());
  context.printer.Result(*response,
                         absl::StrCat("disabled ", request.user_id(), "\n"));
  return kExitOk;
}

}  // namespace

Command DisableCommand() {
  Command command;
  command.name = "disable";
  command.summary = "Block sign-in for a guest";
  command.details =
      "Sets accountEnabled=false on the guest USER_ID (DisableGuest). The\n"
      "guest keeps its memberships and can be enabled again in Entra.";
  command.positionals = {"USER_ID"};
  command.flags = {RequestIdFlag()};
  command.run = RunDisable;
  return command;
}

}  // namespace guestinvitation::guestctl
