#include "client/guestctl/app.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "client/guestctl/help.h"
#include "client/guestctl/request_id.h"

namespace guestinvitation::guestctl {
namespace {

struct Lookup {
  const Command* command = nullptr;
  size_t words = 0;   // how many arguments named the command
  std::string error;  // set when command is null
};

std::string UnknownCommand(absl::string_view name,
                           std::vector<std::string> known) {
  known.emplace_back("help");
  std::string message = absl::StrCat("unknown subcommand \"", name, "\"");
  const std::string suggestion = ClosestName(name, known);
  if (!suggestion.empty()) {
    absl::StrAppend(&message, " (did you mean ", suggestion, "?)");
  }
  return message;
}

// The command named by args[i] or, for two-word commands, args[i..i+1].
Lookup FindCommand(const std::vector<std::string>& args, size_t i) {
  std::vector<std::string> first_words;
  std::vector<std::string> second_words;
  for (const auto& command : AllCommands()) {
    const std::vector<std::string> words = absl::StrSplit(command.name, ' ');
    first_words.push_back(words[0]);
    if (words[0] != args[i]) continue;
    if (words.size() == 1) return {&command, 1, ""};
    second_words.push_back(words[1]);
    if (i + 1 < args.size() && args[i + 1] == words[1]) {
      return {&command, 2, ""};
    }
  }
  if (second_words.empty())
    return {nullptr, 0, UnknownCommand(args[i], first_words)};
  return {nullptr, 0,
          absl::StrCat(args[i], ": expected a subcommand: ",
                       absl::StrJoin(second_words, ", "))};
}

// `guestctl help [NAME...]`.
int RunHelp(const std::vector<std::string>& args, size_t i, std::ostream& out,
            Printer& printer) {
  if (i == args.size()) {
    out << OverviewHelp();
    return kExitOk;
  }
  const Lookup found = FindCommand(args, i);
  if (found.command == nullptr) return printer.UsageError("", found.error);
  if (i + found.words != args.size()) {
    return printer.UsageError("", absl::StrCat("help: unexpected argument \"",
                                               args[i + found.words], "\""));
  }
  out << CommandHelp(*found.command);
  return kExitOk;
}

absl::Status CheckInvocation(const Command& command, const ParsedFlags& flags) {
  if (auto required = CheckRequiredFlags(flags, command.flags);
      !required.ok()) {
    return required;
  }
  const auto& given = flags.positionals();
  if (given.size() < command.positionals.size()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "missing ", command.positionals[given.size()], " argument"));
  }
  if (given.size() > command.positionals.size()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "unexpected argument \"", given[command.positionals.size()], "\""));
  }
  return absl::OkStatus();
}

// Parses the command's flags (after the leading global ones in *flags),
// connects and runs it.
int RunCommand(const Command& command, const std::vector<std::string>& args,
               size_t start, ParsedFlags& flags, const AppDeps& deps,
               std::ostream& out, std::ostream& err) {
  Printer usage(out, err, OutputFormat::kText);
  std::vector<FlagSpec> specs = GlobalFlagSpecs();
  specs.insert(specs.end(), command.flags.begin(), command.flags.end());
  auto parsed = ParseFlags(args, start, specs, ParseMode::kAll, &flags);
  if (!parsed.ok())
    return usage.UsageError(command.name, parsed.status().message());
  if (flags.Switch("help")) {
    out << CommandHelp(command);
    return kExitOk;
  }
  if (auto valid = CheckInvocation(command, flags); !valid.ok()) {
    return usage.UsageError(command.name, valid.message());
  }
  auto global = ResolveGlobalOptions(flags, deps.env);
  if (!global.ok())
    return usage.UsageError(command.name, global.status().message());
  auto client = deps.make_client(global->client);
  if (!client.ok())
    return usage.UsageError(command.name, client.status().message());
  Printer printer(out, err, global->output);
  CommandContext context{command.name, flags, **client, printer,
                         deps.new_request_id};
  return command.run(context);
}

}  // namespace

AppDeps DefaultDeps(Environment env) {
  return {std::move(env), &client::GuestInvitationClient::Create,
          &NewRandomRequestId};
}

int RunGuestctl(const std::vector<std::string>& args, const AppDeps& deps,
                std::ostream& out, std::ostream& err) {
  Printer usage(out, err, OutputFormat::kText);
  ParsedFlags flags;
  auto next = ParseFlags(args, 0, GlobalFlagSpecs(),
                         ParseMode::kStopAtPositional, &flags);
  if (!next.ok()) return usage.UsageError("", next.status().message());
  if (*next == args.size()) {
    // No subcommand: help on request, else the same text as a usage error.
    (flags.Switch("help") ? out : err) << OverviewHelp();
    return flags.Switch("help") ? kExitOk : kExitUsage;
  }
  if (args[*next] == "help") return RunHelp(args, *next + 1, out, usage);
  const Lookup found = FindCommand(args, *next);
  if (found.command == nullptr) return usage.UsageError("", found.error);
  return RunCommand(*found.command, args, *next + found.words, flags, deps, out,
                    err);
}

}  // namespace guestinvitation::guestctl
