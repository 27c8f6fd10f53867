// Request-target and OData query parsing: percent-decoding of the path and
// query, and the $select / $filter / $top / $skiptoken subset the emulator
// serves. Everything here is pure and bounded; bad input is an error value.
#ifndef GUESTINVITATION_TOOLS_GRAPH_EMULATOR_ODATA_QUERY_H_
#define GUESTINVITATION_TOOLS_GRAPH_EMULATOR_ODATA_QUERY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"

namespace guestinvitation::emulator {

using QueryParams = std::vector<std::pair<std::string, std::string>>;

struct ParsedTarget {
  std::string path;                   // decoded, "/" + segments joined
  std::vector<std::string> segments;  // decoded, no empty segments
  QueryParams query;                  // decoded names and values
};

// Splits "path?query" and percent-decodes it ('+' is a space in the query).
// nullopt for malformed escapes or a target that does not start with '/'.
std::optional<ParsedTarget> ParseTarget(absl::string_view target);

// Decodes %XX escapes (and '+' when asked); nullopt on a malformed escape.
std::optional<std::string> PercentDecode(absl::string_view text,
                                         bool plus_is_space);
// Escapes everything except RFC 3986 unreserved characters and `keep`.
std::string PercentEncode(absl::string_view text, absl::string_view keep);

struct FilterClause {
  enum class Type { kString, kBool, kNull, kNumber };
  std::string property;  // as written
  Type type = Type::kString;
  std::string text;  // string or number literal
  bool boolean = false;
};

struct ODataQuery {
  std::vector<std::string> select;   // empty = default property set
  std::vector<FilterClause> filter;  // joined by "and"
  int top = 100;
  std::optional<int64_t> after_seq;  // from $skiptoken
};

// A query the emulator refuses; always HTTP 400.
struct ODataError {
  std::string code;
  std::string message;
};

// Reads the system query options. Options outside $select, $filter, $top
// and $skiptoken are refused, as are repeated options and filters beyond
// "property eq literal [and ...]" (advanced queries are not emulated).
std::optional<ODataError> ParseODataQuery(const QueryParams& params,
                                          ODataQuery* out);

std::string EncodeSkipToken(int64_t seq);
// "<collection_url>?<the same query>&$skiptoken=<token after last_seq>", the
// form of Graph's @odata.nextLink.
std::string NextLink(const std::string& collection_url,
                     const QueryParams& query, int64_t last_seq);
std::optional<int64_t> DecodeSkipToken(absl::string_view token);

}  // namespace guestinvitation::emulator

#endif  // GUESTINVITATION_TOOLS_GRAPH_EMULATOR_ODATA_QUERY_H_
