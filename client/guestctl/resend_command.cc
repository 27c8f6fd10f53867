// guestctl resend: ResendInvitation.
#include "client/guestctl/command.h"
#include "client/guestctl/invitation_flags.h"
#include "client/guestctl/request_id.h"
#include "client/guestctl/text_format.h"

namespace guestinvitation::guestctl {
namespace {

int RunResend(CommandContext& context) {
  v1::ResendInvitationRequest request;
  request.set_invited_user_email_address(context.flags.Value("email"));
  request.set_invite_redirect_url(context.flags.Value("redirect-url"));
  if (auto email = ApplyEmailFlagsTo(context.flags, &request); !email.ok()) {
    return context.printer.UsageError(context.command, email.message());
  }
  request.set_request_id(TakeRequestId(context));
  auto response = context.client.ResendInvitation(request);
  if (!response.ok()) return context.printer.RpcFailure(response.status());
  context.printer.Result(*response, FormatInvitation(response->invitation()));
  return kExitOk;
}

}  // namespace

Command ResendCommand() {
  Command command;
  command.name = "resend";
  command.summary = "Invite the same address again for a fresh redeem URL";
  command.details =
      "Invites ADDRESS again (ResendInvitation): same guest user, new\n"
      "redeem URL. Use it when the first URL was lost; Graph cannot return\n"
      "an old one.";
  command.flags = AddressFlags();
  for (auto& spec : EmailFlags()) command.flags.push_back(std::move(spec));
  command.flags.push_back(RequestIdFlag());
  command.run = RunResend;
  return command;
}

}  // namespace guestinvitation::guestctl
