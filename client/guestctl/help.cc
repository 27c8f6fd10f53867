#include "client/guestctl/help.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "client/guestctl/global_options.h"

namespace guestinvitation::guestctl {
namespace {

constexpr size_t kFlagColumn = 28;
constexpr size_t kWidth = 79;

std::string FlagSyntax(const FlagSpec& spec) {
  return spec.is_switch() ? absl::StrCat("--", spec.name)
                          : absl::StrCat("--", spec.name, "=", spec.value_name);
}

// Appends `words` to *out, wrapped at kWidth with continuation lines
// indented to kFlagColumn; *line is the current, unfinished line.
void AppendWrapped(absl::string_view words, std::string* line,
                   std::string* out) {
  for (absl::string_view word : absl::StrSplit(words, ' ', absl::SkipEmpty())) {
    const bool fresh = line->size() <= kFlagColumn;
    if (!fresh && line->size() + 1 + word.size() > kWidth) {
      absl::StrAppend(out, *line, "\n");
      *line = std::string(kFlagColumn, ' ');
    }
    absl::StrAppend(line, line->size() <= kFlagColumn ? "" : " ", word);
  }
}

std::string FlagTable(const std::vector<FlagSpec>& specs) {
  std::string out;
  for (const auto& spec : specs) {
    std::string line = absl::StrCat("  ", FlagSyntax(spec));
    // A flag longer than the column gets its help after two blanks.
    line.resize(std::max(line.size() + 2, kFlagColumn), ' ');
    std::string help = spec.help;
    if (spec.required) absl::StrAppend(&help, " (required)");
    // Switches are idempotent; only value flags are worth marking.
    if (spec.repeatable && !spec.is_switch()) {
      absl::StrAppend(&help, " (repeatable)");
    }
    AppendWrapped(help, &line, &out);
    absl::StrAppend(&out, line, "\n");
  }
  return out;
}

std::string UsageLine(const Command& command) {
  std::string line = absl::StrCat("Usage: guestctl ", command.name);
  for (const auto& name : command.positionals)
    absl::StrAppend(&line, " ", name);
  for (const auto& spec : command.flags) {
    if (!spec.required) continue;
    absl::StrAppend(&line, " ", FlagSyntax(spec), spec.repeatable ? "..." : "");
  }
  absl::StrAppend(&line, " [FLAGS]\n");
  return line;
}

constexpr char kExitCodes[] =
    "Exit codes:\n"
    "  0  success\n"
    "  1  the call failed (or a group add failed, or health is not SERVING);\n"
    "     stderr shows: error: CODE (REASON): message, then field violations\n"
    "     and retry delay; with --output=json an {\"error\":{...}} object is\n"
    "     also printed on stdout\n"
    "  2  usage error: unknown subcommand or flag, missing or invalid value\n";

}  // namespace

std::string OverviewHelp() {
  std::string out =
      "guestctl: invite B2B guests into Entra ID through a GuestInvitation "
      "server.\n\n"
      "Usage:\n"
      "  guestctl [GLOBAL FLAGS] SUBCOMMAND [ARGS] [FLAGS]\n"
      "  guestctl help [SUBCOMMAND]\n\n"
      "Subcommands:\n";
  for (const auto& command : AllCommands()) {
    std::string line = absl::StrCat("  ", command.name);
    line.resize(std::max<size_t>(line.size() + 2, 14), ' ');
    absl::StrAppend(&out, line, command.summary, "\n");
  }
  absl::StrAppend(&out, "  help        Show help for a subcommand\n\n",
                  "Global flags (before or after the subcommand):\n",
                  FlagTable(GlobalFlagSpecs()), "\n",
                  "Flags are --name=value or --name value; repeatable flags "
                  "may be given\nmore than once; -- ends the flags.\n\n",
                  kExitCodes, "\n",
                  "Environment: GUESTCTL_SERVER (default for --server); "
                  "GRPC_VERBOSITY=DEBUG\nshows gRPC's own logs.\n\n",
                  "Run 'guestctl help SUBCOMMAND' for a subcommand's flags.\n");
  return out;
}

std::string CommandHelp(const Command& command) {
  std::string out =
      absl::StrCat(UsageLine(command), "\n", command.details, "\n\n");
  if (!command.flags.empty()) {
    absl::StrAppend(&out, "Flags:\n", FlagTable(command.flags), "\n");
  }
  absl::StrAppend(&out,
                  "Global flags: --server, --tls, --ca-file, "
                  "--tls-server-name, --timeout,\n--output (see 'guestctl "
                  "help').\n");
  return out;
}

}  // namespace guestinvitation::guestctl
