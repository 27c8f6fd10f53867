// guestctl invite: CreateInvitation from flags.
#include "absl/strings/str_cat.h"
#include "client/guestctl/command.h"
#include "client/guestctl/group_results.h"
#include "client/guestctl/invitation_flags.h"
#include "client/guestctl/request_id.h"
#include "client/guestctl/text_format.h"

namespace guestinvitation::guestctl {
namespace {

absl::StatusOr<v1::InvitedUserType> ParseUserType(const ParsedFlags& flags) {
  const std::string type = flags.Value("user-type", "");
  if (type.empty()) return v1::INVITED_USER_TYPE_UNSPECIFIED;
  if (type == "guest") return v1::INVITED_USER_TYPE_GUEST;
  if (type == "member") return v1::INVITED_USER_TYPE_MEMBER;
  return absl::InvalidArgumentError(
      absl::StrCat("invalid --user-type \"", type, "\" (use guest or member)"));
}

// Everything but request_id, which is only settled once the flags are
// known to be valid (so a usage error never announces a request id).
absl::StatusOr<v1::CreateInvitationRequest> BuildRequest(
    const ParsedFlags& flags) {
  v1::CreateInvitationRequest request;
  request.set_invited_user_email_address(flags.Value("email"));
  request.set_invite_redirect_url(flags.Value("redirect-url"));
  request.set_invited_user_display_name(flags.Value("display-name"));
  if (auto email = ApplyEmailFlagsTo(flags, &request); !email.ok()) {
    return email;
  }
  auto type = ParseUserType(flags);
  if (!type.ok()) return type.status();
  request.set_invited_user_type(*type);
  for (const auto& id : flags.Values("sponsor")) {
    request.add_invited_user_sponsor_ids(id);
  }
  for (const auto& id : flags.Values("group")) request.add_group_ids(id);
  return request;
}

int RunInvite(CommandContext& context) {
  auto request = BuildRequest(context.flags);
  if (!request.ok()) {
    return context.printer.UsageError(context.command,
                                      request.status().message());
  }
  request->set_request_id(TakeRequestId(context));
  auto response = context.client.CreateInvitation(*request);
  if (!response.ok()) return context.printer.RpcFailure(response.status());
  context.printer.Result(
      *response, absl::StrCat(FormatInvitation(response->invitation()),
                              FormatGroupResults(response->group_results())));
  return ExitForGroupResults(context.printer, response->group_results());
}

}  // namespace

Command InviteCommand() {
  Command command;
  command.name = "invite";
  command.summary = "Invite one person as a B2B guest";
  command.details =
      "Invites ADDRESS into the tenant (CreateInvitation), then adds the new\n"
      "guest to each --group. Prints the guest's object id, the invitation\n"
      "status, the redeem URL and one line per group. The redeem URL is a\n"
      "secret: whoever has it can redeem the invitation.\n"
      "A failed group add does not undo the invitation; it is reported and\n"
      "makes the exit code 1.";
  command.flags = AddressFlags();
  command.flags.push_back(
      {"display-name", "NAME", "Display name of the guest"});
  for (auto& spec : EmailFlags()) command.flags.push_back(std::move(spec));
  command.flags.push_back(
      {"user-type", "guest|member", "Kind of user to create (default guest)"});
  command.flags.push_back(
      {"sponsor", "ID", "Object id of a sponsoring user or group (at most 5)",
       /*repeatable=*/true});
  command.flags.push_back({"group", "ID",
                           "Object id of a group to add the guest to "
                           "(at most 20)",
                           /*repeatable=*/true});
  command.flags.push_back(RequestIdFlag());
  command.run = RunInvite;
  return command;
}

}  // namespace guestinvitation::guestctl
