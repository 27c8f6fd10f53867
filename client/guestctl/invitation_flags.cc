#include "client/guestctl/invitation_flags.h"

namespace guestinvitation::guestctl {

std::vector<FlagSpec> AddressFlags() {
  return {
      {"email", "ADDRESS", "Address to invite", false, /*required=*/true},
      {"redirect-url", "URL",
       "Where the guest lands after redeeming (absolute https URL)", false,
       /*required=*/true},
  };
}

std::vector<FlagSpec> EmailFlags() {
  return {
      {"send-email", "",
       "Have Microsoft email the invitation (default: you deliver the "
       "redeem URL yourself)"},
      {"message", "TEXT", "Custom email text (with --send-email)"},
      {"language", "xx-XX", "Email language, e.g. en-US (with --send-email)"},
      {"cc", "EMAIL", "One more recipient of the email (with --send-email)"},
  };
}

absl::Status ApplyEmailFlags(
    const ParsedFlags& flags, bool* send,
    ::guestinvitation::v1::InvitedUserMessageInfo* info) {
  *send = flags.Switch("send-email");
  if (flags.Has("message") && flags.Has("language")) {
    return absl::InvalidArgumentError(
        "--message and --language cannot be combined: Graph ignores the "
        "language when a custom message is set");
  }
  const bool has_options =
      flags.Has("message") || flags.Has("language") || flags.Has("cc");
  if (has_options && !*send) {
    return absl::InvalidArgumentError(
        "--message, --language and --cc only apply with --send-email");
  }
  if (flags.Has("message")) {
    info->set_customized_message_body(flags.Value("message"));
  }
  if (flags.Has("language"))
    info->set_message_language(flags.Value("language"));
  if (flags.Has("cc")) {
    info->add_cc_recipients()->set_email_address(flags.Value("cc"));
  }
  return absl::OkStatus();
}

}  // namespace guestinvitation::guestctl
