// guestctl's command-line flag parser: `--name=value`, `--name value`,
// boolean switches (`--tls`, `--tls=false`), repeatable flags and `--` to
// end flags. Hand-rolled so that errors can name the flag and suggest the
// one the user probably meant.
#ifndef GUESTINVITATION_CLIENT_GUESTCTL_FLAGS_H_
#define GUESTINVITATION_CLIENT_GUESTCTL_FLAGS_H_

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace guestinvitation::guestctl {

struct FlagSpec {
  std::string name;        // without the leading "--"
  std::string value_name;  // e.g. "EMAIL"; empty for a boolean switch
  std::string help;
  bool repeatable = false;
  bool required = false;

  bool is_switch() const { return value_name.empty(); }
};

// Flags and positional arguments, in command-line order.
class ParsedFlags {
 public:
  bool Has(absl::string_view name) const;
  // The flag's value, or `fallback` when absent.
  std::string Value(absl::string_view name,
                    absl::string_view fallback = "") const;
  // Every value of a repeatable flag (empty when absent).
  std::vector<std::string> Values(absl::string_view name) const;
  // A switch's state: false when absent.
  bool Switch(absl::string_view name) const;
  const std::vector<std::string>& positionals() const { return positionals_; }

  void AddValue(const std::string& name, std::string value);
  void AddPositional(std::string arg) {
    positionals_.push_back(std::move(arg));
  }

 private:
  std::map<std::string, std::vector<std::string>, std::less<>> values_;
  std::vector<std::string> positionals_;
};

enum class ParseMode {
  kAll,               // parse to the end
  kStopAtPositional,  // stop before the first positional (a subcommand)
};

// Parses args[start..] against `specs` into *out, which may already hold
// flags from an earlier pass (so a flag given before and after the
// subcommand counts as repeated). Returns the index of the first argument
// not consumed. Errors are INVALID_ARGUMENT with a message for the user.
absl::StatusOr<size_t> ParseFlags(const std::vector<std::string>& args,
                                  size_t start,
                                  const std::vector<FlagSpec>& specs,
                                  ParseMode mode, ParsedFlags* out);

// INVALID_ARGUMENT naming the first required flag that is missing.
absl::Status CheckRequiredFlags(const ParsedFlags& flags,
                                const std::vector<FlagSpec>& specs);

// The candidate closest to `name`, at most two edits away, or "": for
// "did you mean" hints on typos.
std::string ClosestName(absl::string_view name,
                        const std::vector<std::string>& candidates);

// ClosestName over the names of `specs`.
std::string SuggestFlag(absl::string_view name,
                        const std::vector<FlagSpec>& specs);

}  // namespace guestinvitation::guestctl

#endif  // GUESTINVITATION_CLIENT_GUESTCTL_FLAGS_H_
