// Small helpers over Boost.JSON that never throw on bad input: the emulator
// reads request bodies from callers under test and must answer 400, not
// crash, whatever they send.
#ifndef GUESTINVITATION_TOOLS_GRAPH_EMULATOR_JSON_UTIL_H_
#define GUESTINVITATION_TOOLS_GRAPH_EMULATOR_JSON_UTIL_H_

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace guestinvitation::emulator {

// Parses `text` (UTF-8 validated, nesting limited) into a value.
absl::StatusOr<boost::json::value> ParseJson(absl::string_view text);

inline std::string ToStd(const boost::json::string& s) {
  return std::string(s.data(), s.size());
}
inline boost::json::string_view JsonView(absl::string_view s) {
  return boost::json::string_view(s.data(), s.size());
}

// The value as an exact integer (int64, uint64 within range, or a double
// with no fraction); nullopt otherwise.
std::optional<int64_t> AsInt64(const boost::json::value& v);
// Any JSON number as a double; nullopt otherwise.
std::optional<double> AsDouble(const boost::json::value& v);

std::string Serialize(const boost::json::value& v);

}  // namespace guestinvitation::emulator

#endif  // GUESTINVITATION_TOOLS_GRAPH_EMULATOR_JSON_UTIL_H_
