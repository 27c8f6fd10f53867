// guestctl's global flags (accepted before or after the subcommand) and
// their resolution into client options and an output format.
#ifndef GUESTINVITATION_CLIENT_GUESTCTL_GLOBAL_OPTIONS_H_
#define GUESTINVITATION_CLIENT_GUESTCTL_GLOBAL_OPTIONS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "client/client_options.h"
#include "client/guestctl/flags.h"

namespace guestinvitation::guestctl {

inline constexpr char kDefaultServer[] = "127.0.0.1:50051";
inline constexpr char kServerEnvVar[] = "GUESTCTL_SERVER";

enum class OutputFormat { kText, kJson };

// What guestctl reads from its environment, passed in so that tests need
// no real environment.
struct Environment {
  std::optional<std::string> server;  // $GUESTCTL_SERVER
};

struct GlobalOptions {
  client::ClientOptions client;
  OutputFormat output = OutputFormat::kText;
};

const std::vector<FlagSpec>& GlobalFlagSpecs();

// "30s", "500ms", "2m", "1m30s", or a bare number of seconds; must be > 0.
absl::StatusOr<absl::Duration> ParseTimeout(absl::string_view text);

// Flags win over the environment, which wins over the defaults.
absl::StatusOr<GlobalOptions> ResolveGlobalOptions(const ParsedFlags& flags,
                                                   const Environment& env);

}  // namespace guestinvitation::guestctl

#endif  // GUESTINVITATION_CLIENT_GUESTCTL_GLOBAL_OPTIONS_H_
