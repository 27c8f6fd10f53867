#include "client/guestctl/global_options.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace guestinvitation::guestctl {

const std::vector<FlagSpec>& GlobalFlagSpecs() {
  static const auto* specs = new std::vector<FlagSpec>{
      {"server", "HOST:PORT",
       absl::StrCat("Server address (default ", kDefaultServer, ", or $",
                    kServerEnvVar, ")")},
      {"tls", "", "Connect with TLS (default: plaintext)"},
      {"ca-file", "PATH", "PEM roots to trust instead of the system's (--tls)"},
      {"tls-server-name", "NAME",
       "Name to verify in the server certificate (--tls)"},
      {"timeout", "DURATION",
       "Deadline of each RPC: 30s, 500ms, 2m (default 30s)"},
      {"output", "text|json", "Output format (default text)"},
      {"help", "", "Show help (also -h)", /*repeatable=*/true},
  };
  return *specs;
}

absl::StatusOr<absl::Duration> ParseTimeout(absl::string_view text) {
  absl::Duration duration;
  int64_t seconds = 0;
  if (absl::SimpleAtoi(text, &seconds)) {
    duration = absl::Seconds(seconds);
  } else if (!absl::ParseDuration(text, &duration)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "invalid --timeout \"", text, "\" (use e.g. 30s, 500ms or 2m)"));
  }
  if (duration <= absl::ZeroDuration() ||
      duration == absl::InfiniteDuration()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--timeout must be positive and finite, got \"", text, "\""));
  }
  return duration;
}

absl::StatusOr<GlobalOptions> ResolveGlobalOptions(const ParsedFlags& flags,
                                                   const Environment& env) {
  GlobalOptions options;
  options.client.target =
      flags.Value("server", env.server.value_or(kDefaultServer));
  if (options.client.target.empty()) {
    return absl::InvalidArgumentError("--server must not be empty");
  }
  options.client.tls = flags.Switch("tls");
  options.client.ca_file = flags.Value("ca-file");
  options.client.tls_server_name = flags.Value("tls-server-name");
  if (!options.client.tls &&
      (flags.Has("ca-file") || flags.Has("tls-server-name"))) {
    return absl::InvalidArgumentError(
        "--ca-file and --tls-server-name need --tls");
  }
  auto timeout = ParseTimeout(flags.Value("timeout", "30s"));
  if (!timeout.ok()) return timeout.status();
  options.client.default_timeout = *timeout;
  const std::string output = flags.Value("output", "text");
  if (output == "json") {
    options.output = OutputFormat::kJson;
  } else if (output != "text") {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid --output \"", output, "\" (use text or json)"));
  }
  return options;
}

}  // namespace guestinvitation::guestctl
