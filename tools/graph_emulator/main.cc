// graph-emulator: serves the emulated Graph over HTTPS until SIGTERM/SIGINT.
//
//   graph-emulator --listen=127.0.0.1:0 --state-dir=DIR [--config=FILE.json]
//
// Once listening it writes ca.pem, client-cert.pem, credentials.json and
// endpoint into DIR
// (docs/graph-emulator.md) and logs one line saying where.

#include <signal.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "server/common/logger.h"
#include "tools/graph_emulator/embedded_emulator.h"

namespace guestinvitation::emulator {
namespace {

constexpr char kUsage[] =
    R"(Usage: graph-emulator --state-dir=DIR [--listen=HOST:PORT] [--config=FILE.json]

Serves an emulated Microsoft Graph (token endpoint, invitations, users,
groups) over HTTPS with a throwaway CA, until SIGTERM or SIGINT.

  --listen=HOST:PORT  address to listen on (default 127.0.0.1:0, 0 = any free
                      port; IPv6 as [::1]:0)
  --state-dir=DIR     required; once listening, writes DIR/ca.pem (the CA to
                      trust), DIR/client-cert.pem (the app's RSA certificate
                      and private key for client assertions; mode 0600),
                      DIR/credentials.json (tenant_id, client_id,
                      client_secret, client_certificate_file; mode 0600) and,
                      last, DIR/endpoint (the base URL, e.g.
                      https://127.0.0.1:PORT)
  --config=FILE.json  emulator configuration (groups, consistency delay,
                      latency, faults, ...); see docs/graph-emulator.md
  --threads=N         server threads (default 2)
  --tls-certificate=valid|expired|wrong-host|untrusted
                      the server certificate, for testing that clients refuse
                      a bad one (default valid): expired = signed by the CA in
                      ca.pem but past its notAfter; wrong-host = signed by that
                      CA but only for graph.invalid; untrusted = right names
                      but signed by a CA that is not the one in ca.pem
  --log-level=LEVEL   debug, info (default), warning or error
  --help              this text

Graph is served under {endpoint}/v1.0, the token endpoint at
{endpoint}/{tenant_id}/oauth2/v2.0/token, the ledger at
{endpoint}/_emulator/ledger.
)";

struct Flags {
  std::string listen = "127.0.0.1:0";
  std::string state_dir;
  std::string config_file;
  int threads = 2;
  std::string log_level = "info";
  TlsCertificate tls_certificate = TlsCertificate::kValid;
  std::string tls_certificate_name = "valid";
  bool help = false;
};

std::optional<std::string> ParseFlags(int argc, char** argv, Flags* flags) {
  for (int i = 1; i < argc; ++i) {
    absl::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      flags->help = true;
    } else if (absl::ConsumePrefix(&arg, "--listen=")) {
      flags->listen = std::string(arg);
    } else if (absl::ConsumePrefix(&arg, "--state-dir=")) {
      flags->state_dir = std::string(arg);
    } else if (absl::ConsumePrefix(&arg, "--config=")) {
      flags->config_file = std::string(arg);
    } else if (absl::ConsumePrefix(&arg, "--log-level=")) {
      flags->log_level = std::string(arg);
    } else if (absl::ConsumePrefix(&arg, "--tls-certificate=")) {
      std::optional<TlsCertificate> kind = ParseTlsCertificate(arg);
      if (!kind) {
        return "--tls-certificate must be valid, expired, wrong-host or "
               "untrusted";
      }
      flags->tls_certificate = *kind;
      flags->tls_certificate_name = std::string(arg);
    } else if (absl::ConsumePrefix(&arg, "--threads=")) {
      if (!absl::SimpleAtoi(arg, &flags->threads) || flags->threads < 1 ||
          flags->threads > 64) {
        return "--threads must be between 1 and 64";
      }
    } else {
      return absl::StrCat("unknown argument: ", argv[i]);
    }
  }
  if (!flags->help && flags->state_dir.empty())
    return "--state-dir is required";
  return std::nullopt;
}

// "host:port" or "[v6]:port".
bool ParseListen(const std::string& text, std::string* host, int* port) {
  size_t colon = text.rfind(':');
  if (colon == std::string::npos) return false;
  absl::string_view h = absl::string_view(text).substr(0, colon);
  if (absl::ConsumePrefix(&h, "[") && !absl::ConsumeSuffix(&h, "]")) {
    return false;
  }
  *host = std::string(h);
  return !host->empty() && absl::SimpleAtoi(text.substr(colon + 1), port) &&
         *port >= 0 && *port <= 65535;
}

absl::StatusOr<EmulatorConfig> LoadConfig(const std::string& path) {
  if (path.empty()) return DefaultEmulatorConfig();
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::stringstream text;
  text << in.rdbuf();
  absl::StatusOr<EmulatorConfig> config = ParseEmulatorConfig(text.str());
  if (!config.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": ", config.status().message()));
  }
  return config;
}

int Fail(absl::string_view event, const absl::Status& status) {
  Log(LogLevel::kError, event, {{"error", std::string(status.message())}});
  return 1;
}

int Run(const Flags& flags) {
  EmbeddedEmulatorOptions options;
  if (!ParseListen(flags.listen, &options.listen_host, &options.listen_port)) {
    std::cerr << "graph-emulator: --listen must be HOST:PORT\n";
    return 2;
  }
  absl::StatusOr<EmulatorConfig> config = LoadConfig(flags.config_file);
  if (!config.ok()) return Fail("graph_emulator_bad_config", config.status());
  options.config = *std::move(config);
  options.threads = flags.threads;
  options.tls_certificate = flags.tls_certificate;
  // Block the stop signals before any thread starts so that every thread
  // inherits the mask and only sigwait() below receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  auto emulator = EmbeddedEmulator::Start(std::move(options));
  if (!emulator.ok())
    return Fail("graph_emulator_start_failed", emulator.status());
  absl::Status written = (*emulator)->WriteStateDir(flags.state_dir);
  if (!written.ok()) return Fail("graph_emulator_state_dir_failed", written);
  Log(LogLevel::kInfo, "graph_emulator_listening",
      {{"endpoint", (*emulator)->endpoint()},
       {"state_dir", flags.state_dir},
       {"tenant_id", (*emulator)->credentials().tenant_id}});
  if (flags.tls_certificate != TlsCertificate::kValid) {
    Log(LogLevel::kWarning, "graph_emulator_bad_tls_certificate",
        {{"tls_certificate", flags.tls_certificate_name}});
  }
  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  Log(LogLevel::kInfo, "graph_emulator_stopping",
      {{"signal", static_cast<int64_t>(signal_number)}});
  (*emulator)->Stop();
  return 0;
}

}  // namespace
}  // namespace guestinvitation::emulator

int main(int argc, char** argv) {
  using namespace guestinvitation::emulator;  // NOLINT(build/namespaces)
  Flags flags;
  if (std::optional<std::string> error = ParseFlags(argc, argv, &flags)) {
    std::cerr << "graph-emulator: " << *error << "\n\n" << kUsage;
    return 2;
  }
  if (flags.help) {
    std::cout << kUsage;
    return 0;
  }
  guestinvitation::LogLevel level;
  if (!guestinvitation::ParseLogLevel(flags.log_level, &level)) {
    std::cerr << "graph-emulator: bad --log-level\n";
    return 2;
  }
  guestinvitation::SetMinLogLevel(level);
  return Run(flags);
}
