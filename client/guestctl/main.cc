// guestctl: the command-line client of guest-invitation-server.
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "client/guestctl/app.h"
#include "grpc/support/log.h"

namespace {

// gRPC's own log lines (for example a failed TLS handshake) would land in
// the middle of guestctl's documented stderr format, and the call's status
// already says what went wrong. GRPC_VERBOSITY brings them back.
void QuietGrpcLogs() {
  if (std::getenv("GRPC_VERBOSITY") != nullptr) return;
  gpr_set_log_function([](gpr_log_func_args*) {});
}

}  // namespace

int main(int argc, char** argv) {
  namespace guestctl = guestinvitation::guestctl;
  QuietGrpcLogs();
  guestctl::Environment env;
  const char* server = std::getenv(guestctl::kServerEnvVar);
  if (server != nullptr && *server != '\0') env.server = server;
  const std::vector<std::string> args(argv + 1, argv + argc);
  return guestctl::RunGuestctl(args, guestctl::DefaultDeps(std::move(env)),
                               std::cout, std::cerr);
}
