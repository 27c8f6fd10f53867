// guestctl groups add USER_ID --group=ID...: AddGuestToGroups.
#include "client/guestctl/command.h"
#include "client/guestctl/group_results.h"
#include "client/guestctl/request_id.h"
#include "client/guestctl/text_format.h"

namespace guestinvitation::guestctl {
namespace {

int RunGroupsAdd(CommandContext& context) {
  v1::AddGuestToGroupsRequest request;
  request.set_user_id(context.flags.positionals().at(0));
  for (const auto& id : context.flags.Values("group")) {
    request.add_group_ids(id);
  }
  request.set_request_id(TakeRequestId(context));
  auto response = context.client.AddGuestToGroups(request);
  if (!response.ok()) return context.printer.RpcFailure(response.status());
  context.printer.Result(*response,
                         FormatGroupResults(response->group_results()));
  return ExitForGroupResults(context.printer, response->group_results());
}

}  // namespace

Command GroupsAddCommand() {
  Command command;
  command.name = "groups add";
  command.summary = "Add a guest to groups";
  command.details =
      "Adds guest USER_ID to each --group (AddGuestToGroups). Already being\n"
      "a member counts as success. Prints one line per group; exits 1 if any\n"
      "add failed.";
  command.positionals = {"USER_ID"};
  command.flags = {
      {"group", "ID", "Object id of a group (1 to 20)", /*repeatable=*/true,
       /*required=*/true},
      RequestIdFlag(),
  };
  command.run = RunGroupsAdd;
  return command;
}

}  // namespace guestinvitation::guestctl
