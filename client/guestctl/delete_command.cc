// guestctl delete USER_ID: DeleteGuest.
#include "absl/strings/str_cat.h"
#include "client/guestctl/command.h"
#include "client/guestctl/request_id.h"

namespace guestinvitation::guestctl {
namespace {

int RunDelete(CommandContext& context) {
  v1::DeleteGuestRequest request;
  request.set_user_id(context.flags.positionals().at(0));
  request.set_request_id(TakeRequestId(context));
  auto response = context.client.DeleteGuest(request);
  if (!response.ok()) return context.printer.RpcFailure(response.status());
  context.printer.Result(*response,
                         absl::StrCat("deleted ", request.user_id(), "\n"));
  return kExitOk;
}

}  // namespace

Command DeleteCommand() {
  Command command;
  command.name = "delete";
  command.summary = "Delete a guest (restorable for 30 days)";
  command.details =
      "Deletes the guest USER_ID (DeleteGuest). Entra keeps deleted users\n"
      "restorable for 30 days.";
  command.positionals = {"USER_ID"};
  command.flags = {RequestIdFlag()};
  command.run = RunDelete;
  return command;
}

}  // namespace guestinvitation::guestctl
