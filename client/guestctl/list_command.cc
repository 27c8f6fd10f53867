// guestctl list: ListGuests, one page or (--all) every page.
#include <set>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "client/guestctl/command.h"
#include "client/guestctl/text_format.h"

namespace guestinvitation::guestctl {
namespace {

absl::Status ApplyState(const ParsedFlags& flags,
                        v1::ListGuestsRequest* request) {
  const std::string state = flags.Value("state");
  if (state.empty()) return absl::OkStatus();
  if (state == "pending") {
    request->set_external_user_state(
        v1::EXTERNAL_USER_STATE_PENDING_ACCEPTANCE);
  } else if (state == "accepted") {
    request->set_external_user_state(v1::EXTERNAL_USER_STATE_ACCEPTED);
  } else {
    return absl::InvalidArgumentError(absl::StrCat(
        "invalid --state \"", state, "\" (use pending or accepted)"));
  }
  return absl::OkStatus();
}

absl::StatusOr<v1::ListGuestsRequest> BuildRequest(const ParsedFlags& flags) {
  v1::ListGuestsRequest request;
  if (auto state = ApplyState(flags, &request); !state.ok()) return state;
  request.set_mail(flags.Value("mail"));
  request.set_page_token(flags.Value("page-token"));
  if (flags.Has("page-size")) {
    int32_t size = 0;
    if (!absl::SimpleAtoi(flags.Value("page-size"), &size) || size <= 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("invalid --page-size \"", flags.Value("page-size"),
                       "\" (use a number from 1 to 999)"));
    }
    request.set_page_size(size);
  }
  return request;
}

// Follows next_page_token to the end and returns every guest as one
// response. A token seen twice means the server would loop forever.
absl::StatusOr<v1::ListGuestsResponse> ListAll(
    client::GuestInvitationClient& client, v1::ListGuestsRequest request) {
  v1::ListGuestsResponse all;
  std::set<std::string> seen;
  for (;;) {
    auto page = client.ListGuests(request);
    if (!page.ok()) return page.status();
    for (auto& guest : *page->mutable_guests()) {
      *all.add_guests() = std::move(guest);
    }
    const std::string& token = page->next_page_token();
    if (token.empty()) return all;
    if (!seen.insert(token).second) {
      return absl::InternalError(absl::StrCat(
          "the server returned page token \"", token, "\" twice; stopping"));
    }
    request.set_page_token(token);
  }
}

int RunList(CommandContext& context) {
  auto request = BuildRequest(context.flags);
  if (!request.ok()) {
    return context.printer.UsageError(context.command,
                                      request.status().message());
  }
  auto response = context.flags.Switch("all")
                      ? ListAll(context.client, *std::move(request))
                      : context.client.ListGuests(*request);
  if (!response.ok()) return context.printer.RpcFailure(response.status());
  std::string text = FormatGuestTable(response->guests());
  if (!response->next_page_token().empty()) {
    absl::StrAppend(&text, "next_page_token: ", response->next_page_token(),
                    "\n");
  }
  context.printer.Result(*response, text);
  return kExitOk;
}

}  // namespace

Command ListCommand() {
  Command command;
  command.name = "list";
  command.summary = "List guests, one page or all";
  command.details =
      "Lists guest users (ListGuests). Without --all it prints one page and,\n"
      "when there are more, the token to pass as --page-token for the next.";
  command.flags = {
      {"state", "pending|accepted", "Only guests in this redemption state"},
      {"mail", "ADDRESS", "Only the guest with this exact mail"},
      {"page-size", "N", "Guests per page, 1 to 999 (default 100)"},
      {"page-token", "TOKEN", "Continue from a previous page"},
      {"all", "", "Follow every page and print all guests"},
  };
  command.run = RunList;
  return command;
}

}  // namespace guestinvitation::guestctl
