#include "client/guestctl/flags.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"

namespace guestinvitation::guestctl {
namespace {

const FlagSpec* FindSpec(absl::string_view name,
                         const std::vector<FlagSpec>& specs) {
  for (const auto& spec : specs) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

size_t EditDistance(absl::string_view a, absl::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1,
                         diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

absl::Status UnknownFlag(absl::string_view arg, absl::string_view name,
                         const std::vector<FlagSpec>& specs) {
  std::string message = absl::StrCat("unknown flag ", arg);
  const std::string suggestion = SuggestFlag(name, specs);
  if (!suggestion.empty()) {
    absl::StrAppend(&message, " (did you mean --", suggestion, "?)");
  }
  return absl::InvalidArgumentError(message);
}

absl::StatusOr<std::string> SwitchValue(const FlagSpec& spec,
                                        absl::string_view text) {
  if (text == "true") return std::string("true");
  if (text == "false") return std::string("false");
  return absl::InvalidArgumentError(
      absl::StrCat("flag --", spec.name, " takes no value (or =true / =false)",
                   ", got \"", text, "\""));
}

absl::Status Store(const FlagSpec& spec, std::string value, ParsedFlags* out) {
  if (out->Has(spec.name) && !spec.repeatable) {
    return absl::InvalidArgumentError(
        absl::StrCat("flag --", spec.name, " given more than once"));
  }
  out->AddValue(spec.name, std::move(value));
  return absl::OkStatus();
}

// Parses the flag at args[*i] (which starts with "--"), consuming the next
// argument too when it is the flag's value.
absl::Status ParseOneFlag(const std::vector<std::string>& args, size_t* i,
                          const std::vector<FlagSpec>& specs,
                          ParsedFlags* out) {
  const absl::string_view arg = args[*i];
  const absl::string_view body = arg.substr(2);
  const size_t eq = body.find('=');
  const absl::string_view name = body.substr(0, eq);
  const FlagSpec* spec = FindSpec(name, specs);
  if (spec == nullptr)
    return UnknownFlag(absl::StrCat("--", name), name, specs);
  if (eq != absl::string_view::npos) {
    const absl::string_view text = body.substr(eq + 1);
    if (!spec->is_switch()) return Store(*spec, std::string(text), out);
    auto value = SwitchValue(*spec, text);
    if (!value.ok()) return value.status();
    return Store(*spec, *std::move(value), out);
  }
  if (spec->is_switch()) return Store(*spec, "true", out);
  // A following "--flag" is far more likely a forgotten value than a value
  // that starts with dashes; such a value can still be given with "=".
  if (*i + 1 >= args.size() || args[*i + 1].rfind("--", 0) == 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("flag --", spec->name, " needs a value (--", spec->name,
                     "=", spec->value_name, ")"));
  }
  ++*i;
  return Store(*spec, args[*i], out);
}

}  // namespace

bool ParsedFlags::Has(absl::string_view name) const {
  return values_.find(name) != values_.end();
}

std::string ParsedFlags::Value(absl::string_view name,
                               absl::string_view fallback) const {
  auto it = values_.find(name);
  return it == values_.end() ? std::string(fallback) : it->second.back();
}

std::vector<std::string> ParsedFlags::Values(absl::string_view name) const {
  auto it = values_.find(name);
  return it == values_.end() ? std::vector<std::string>() : it->second;
}

bool ParsedFlags::Switch(absl::string_view name) const {
  return Value(name, "false") == "true";
}

void ParsedFlags::AddValue(const std::string& name, std::string value) {
  values_[name].push_back(std::move(value));
}

absl::StatusOr<size_t> ParseFlags(const std::vector<std::string>& args,
                                  size_t start,
                                  const std::vector<FlagSpec>& specs,
                                  ParseMode mode, ParsedFlags* out) {
  for (size_t i = start; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") {
      if (mode == ParseMode::kStopAtPositional) return i;
      for (++i; i < args.size(); ++i) out->AddPositional(args[i]);
      return i;
    }
    if (arg == "-h") {
      const FlagSpec* help = FindSpec("help", specs);
      if (help == nullptr) return UnknownFlag(arg, "h", specs);
      if (auto s = Store(*help, "true", out); !s.ok()) return s;
    } else if (arg.rfind("--", 0) == 0) {
      if (auto s = ParseOneFlag(args, &i, specs, out); !s.ok()) return s;
    } else if (arg.size() > 1 && arg[0] == '-') {
      return absl::InvalidArgumentError(absl::StrCat(
          "unknown flag ", arg, " (flags are spelled --name or --name=value)"));
    } else if (mode == ParseMode::kStopAtPositional) {
      return i;
    } else {
      out->AddPositional(arg);
    }
  }
  return args.size();
}

absl::Status CheckRequiredFlags(const ParsedFlags& flags,
                                const std::vector<FlagSpec>& specs) {
  for (const auto& spec : specs) {
    if (spec.required && !flags.Has(spec.name)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "missing required flag --", spec.name, "=", spec.value_name));
    }
  }
  return absl::OkStatus();
}

std::string ClosestName(absl::string_view name,
                        const std::vector<std::string>& candidates) {
  std::string best;
  size_t best_distance = 3;  // farther than two edits is a different word
  for (const auto& candidate : candidates) {
    const size_t distance = EditDistance(name, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

std::string SuggestFlag(absl::string_view name,
                        const std::vector<FlagSpec>& specs) {
  std::vector<std::string> names;
  names.reserve(specs.size());
  for (const auto& spec : specs) names.push_back(spec.name);
  return ClosestName(name, names);
}

}  // namespace guestinvitation::guestctl
