// Checks a parsed $filter against what one resource supports (which
// properties, which operators, which of them need an advanced query) and
// evaluates it against one object. Pure; the handlers supply the schema and
// the property values.
#ifndef GUESTINVITATION_TOOLS_GRAPH_EMULATOR_FILTER_EVAL_H_
#define GUESTINVITATION_TOOLS_GRAPH_EMULATOR_FILTER_EVAL_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "tools/graph_emulator/odata_query.h"

namespace guestinvitation::emulator {

struct FilterableProperty {
  const char* name;
  bool is_bool = false;          // else a string
  bool string_functions = true;  // startsWith / endsWith (strings only)
  bool eq_null = false;          // "eq null" (advanced)
};

// Graph's split (graph-api.md 3.2): eq, in, startsWith, and, or are basic;
// ne, not(...), endsWith and "eq null" are advanced and allowed only when
// `advanced_allowed`. Unknown properties and operators a property does not
// support are 400 Request_UnsupportedQuery; a literal of the wrong type is
// 400 BadRequest.
std::optional<ODataError> CheckFilter(
    const std::vector<FilterClause>& filter,
    const std::vector<FilterableProperty>& schema, absl::string_view resource,
    bool advanced_allowed);

// The value of a property of the object being tested; `is_null` for a
// missing value. Property names come as written (case-insensitive).
struct FieldValue {
  bool is_null = false;
  std::string text;
  bool boolean = false;
};
using FieldLookup = std::function<FieldValue(const std::string& property)>;

// True if the object passes every top-level clause. String comparisons are
// case-insensitive, as Graph's are for these directory properties.
bool FilterMatches(const std::vector<FilterClause>& filter,
                   const FieldLookup& lookup);

}  // namespace guestinvitation::emulator

#endif  // GUESTINVITATION_TOOLS_GRAPH_EMULATOR_FILTER_EVAL_H_
