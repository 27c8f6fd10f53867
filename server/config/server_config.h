// Everything the server can be configured with, and where each setting's
// default lives (server_config.cc, one table).
#ifndef GUESTINVITATION_SERVER_CONFIG_SERVER_CONFIG_H_
#define GUESTINVITATION_SERVER_CONFIG_SERVER_CONFIG_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace guestinvitation {

struct ServerConfig {
  std::string listen;
  bool dev = false;
  std::string tenant_id;
  std::string client_id;
  std::string client_secret_file;
  std::string client_certificate_file;
  std::string graph_base_url;
  std::string authority_host;
  std::string ca_file;
  std::string config_file;
  std::string port_file;
  std::string log_level;
  int io_threads = 0;
  bool enable_reflection = true;
  int graph_max_connections = 0;
  absl::Duration graph_attempt_timeout;
  int graph_max_attempts = 0;
  absl::Duration replication_wait;
  absl::Duration default_deadline;
  absl::Duration idempotency_window;
  int idempotency_max_entries = 0;
  absl::Duration shutdown_grace;

  // Not a setting: the secret itself, read from client_secret_file or the
  // GUESTINV_CLIENT_SECRET environment variable. Never logged or printed.
  std::string client_secret;
  // Not a setting: extra CA PEM text (used by --dev for its emulator).
  std::string extra_ca_pem;
};

// Reads an environment variable; injectable for tests.
using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;
EnvLookup ProcessEnv();

// Reads a file's contents; injectable for tests.
using FileReader = std::function<absl::StatusOr<std::string>(const std::string&)>;
FileReader RealFileReader();

struct ParsedCommandLine {
  ServerConfig config;
  bool help = false;  // --help was given: print HelpText() and exit 0
};

// Precedence: command-line flag > GUESTINV_<FLAG> env var > config file
// (--config / GUESTINV_CONFIG; "name = value" lines, # comments) > default.
// Unknown flags and keys, bad values and a missing secret (outside --dev)
// are INVALID_ARGUMENT errors whose message names the setting.
absl::StatusOr<ParsedCommandLine> LoadServerConfig(
    const std::vector<std::string>& args, const EnvLookup& env,
    const FileReader& read_file);

// The --help text: every setting, its env var, default and meaning.
std::string HelpText();

// Logs the effective configuration (never the secret).
void LogEffectiveConfig(const ServerConfig& config);

}  // namespace guestinvitation

#endif  // GUESTINVITATION_SERVER_CONFIG_SERVER_CONFIG_H_
