// guestctl reset USER_ID: ResetRedemption.
#include "client/guestctl/command.h"
#include "client/guestctl/invitation_flags.h"
#include "client/guestctl/request_id.h"
#include "client/guestctl/text_format.h"

namespace guestinvitation::guestctl {
namespace {

int RunReset(CommandContext& context) {
  v1::ResetRedemptionRequest request;
  request.set_user_id(context.flags.positionals().at(0));
  request.set_invited_user_email_address(context.flags.Value("email"));
  request.set_invite_redirect_url(context.flags.Value("redirect-url"));
  if (auto email = ApplyEmailFlagsTo(context.flags, &request); !email.ok()) {
    return context.printer.UsageError(context.command, email.message());
  }
  request.set_request_id(TakeRequestId(context));
  auto response = context.client.ResetRedemption(request);
  if (!response.ok()) return context.printer.RpcFailure(response.status());
  context.printer.Result(*response, FormatInvitation(response->invitation()));
  return kExitOk;
}

}  // namespace

Command ResetCommand() {
  Command command;
  command.name = "reset";
  command.summary = "Reset a guest's redemption so it redeems again";
  command.details =
      "Resets the redemption of guest USER_ID (ResetRedemption): the guest\n"
      "redeems again with --email (its mail or one of its otherMails),\n"
      "keeping its object id, group memberships and app assignments.";
  command.positionals = {"USER_ID"};
  command.flags = AddressFlags();
  command.flags[0].help = "Address the guest redeems with";
  for (auto& spec : EmailFlags()) command.flags.push_back(std::move(spec));
  command.flags.push_back(RequestIdFlag());
  command.run = RunReset;
  return command;
}

}  // namespace guestinvitation::guestctl
