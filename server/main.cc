// guest-invitation-server: see --help.
#include <signal.h>

#include <cstdio>
#include <string>
#include <vector>

#include "server/app/server_app.h"
#include "server/common/logger.h"
#include "server/config/server_config.h"

namespace {

// Blocks SIGTERM/SIGINT in every thread (threads inherit the mask) so that
// main can wait for them synchronously with sigwait.
sigset_t BlockShutdownSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return set;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace guestinvitation;
  std::vector<std::string> args(argv + 1, argv + argc);
  auto parsed = LoadServerConfig(args, ProcessEnv(), RealFileReader());
  if (!parsed.ok()) {
    std::fprintf(stderr, "guest-invitation-server: %s\n(see --help)\n",
                 std::string(parsed.status().message()).c_str());
    return 2;
  }
  if (parsed->help) {
    std::fputs(HelpText().c_str(), stdout);
    return 0;
  }
  const sigset_t signals = BlockShutdownSignals();
  const absl::Duration grace = parsed->config.shutdown_grace;
  auto app = ServerApp::Start(std::move(parsed->config));
  if (!app.ok()) {
    Log(LogLevel::kError, "startup_failed",
        {{"message", std::string(app.status().message())}});
    return 1;
  }
  int sig = 0;
  sigwait(&signals, &sig);
  Log(LogLevel::kInfo, "signal", {{"signal", std::string(strsignal(sig))}});
  (*app)->Shutdown(grace);
  return 0;
}
