// guestctl's entry point as a function: parses the command line, builds the
// client and runs the subcommand. main() only supplies the real
// environment, so tests run whole command lines against a gMock stub.
#ifndef GUESTINVITATION_CLIENT_GUESTCTL_APP_H_
#define GUESTINVITATION_CLIENT_GUESTCTL_APP_H_

#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "client/guest_invitation_client.h"
#include "client/guestctl/command.h"
#include "client/guestctl/global_options.h"

namespace guestinvitation::guestctl {

using ClientFactory = std::function<
    absl::StatusOr<std::unique_ptr<client::GuestInvitationClient>>(
        const client::ClientOptions&)>;

struct AppDeps {
  Environment env;
  ClientFactory make_client;
  RequestIdSource new_request_id;
};

// The real client factory and random request ids.
AppDeps DefaultDeps(Environment env);

// Runs `guestctl args...` (args without the program name); returns the exit
// code (kExitOk, kExitFailure, kExitUsage).
int RunGuestctl(const std::vector<std::string>& args, const AppDeps& deps,
                std::ostream& out, std::ostream& err);

}  // namespace guestinvitation::guestctl

#endif  // GUESTINVITATION_CLIENT_GUESTCTL_APP_H_
