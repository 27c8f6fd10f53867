// Request-target and OData query parsing: percent-decoding of the path and
// query, and the $select / $filter / $top / $skiptoken / $count / $orderby /
// $search subset the emulator serves. Everything here is pure and bounded; bad
// input is an error value.
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

// One node of a parsed $filter. Leaves compare `property` with the literal
// (type/text/boolean); kIn holds its literals in `operands`; kNot holds one
// clause, kAnd / kOr two or more.
struct FilterClause {
  enum class Type { kString, kBool, kNull, kNumber };
  enum class Op { kEq, kNe, kStartsWith, kEndsWith, kIn, kNot, kAnd, kOr };
  Op op = Op::kEq;
  std::string property;  // as written
  Type type = Type::kString;
  std::string text;  // string or number literal
  bool boolean = false;
  std::vector<FilterClause> operands;
};

struct OrderBy {
  std::string property;  // as written
  bool descending = false;
};

// $search="property:term" (one clause, quoted).
struct SearchClause {
  std::string property;
  std::string term;
};

struct ODataQuery {
  std::vector<std::string> select;   // empty = default property set
  std::vector<FilterClause> filter;  // top-level clauses joined by "and"
  int top = 100;
  bool count = false;  // $count=true
  std::optional<OrderBy> orderby;
  std::optional<SearchClause> search;
  std::optional<int64_t> after_seq;     // from a $skiptoken of seq paging
  std::optional<int64_t> after_offset;  // from a $skiptoken of offset paging
};

// A query the emulator refuses; always HTTP 400.
struct ODataError {
  std::string code;
  std::string message;
};

// Caps that keep the parser bounded whatever a caller sends.
inline constexpr size_t kMaxFilterLength = 4096;
inline constexpr size_t kMaxFilterClauses = 16;  // comparisons and functions
inline constexpr int kMaxFilterDepth = 8;        // nested not / parentheses
inline constexpr size_t kMaxInValues = 15;
inline constexpr size_t kMaxLiteralLength = 512;

// Reads the system query options: $select, $filter, $top, $skiptoken,
// $count, $orderby and $search. Other options and repeated options are
// refused. $filter accepts eq, ne, in, startsWith, endsWith, not(...), and,
// or and parentheses; whether a clause is allowed (and needs an advanced
// query) is the handler's decision. `resource` names the entity type in
// the messages ("User", "Group").
std::optional<ODataError> ParseODataQuery(const QueryParams& params,
                                          ODataQuery* out,
                                          absl::string_view resource = "User");

// "Unsupported or invalid query filter clause specified for property '<p>'
// of resource '<resource>'." (Request_UnsupportedQuery).
ODataError UnsupportedFilterClause(absl::string_view property,
                                   absl::string_view resource);

std::string EncodeSkipToken(int64_t seq);
// "<collection_url>?<the same query>&$skiptoken=<token after last_seq>", the
// form of Graph's @odata.nextLink.
std::string NextLink(const std::string& collection_url,
                     const QueryParams& query, int64_t last_seq);
std::optional<int64_t> DecodeSkipToken(absl::string_view token);
// The same for paging by position in a sorted or derived list.
std::string EncodeOffsetToken(int64_t offset);
std::optional<int64_t> DecodeOffsetToken(absl::string_view token);
std::string NextLinkWithToken(const std::string& collection_url,
                              const QueryParams& query,
                              const std::string& token);

}  // namespace guestinvitation::emulator

#endif  // GUESTINVITATION_TOOLS_GRAPH_EMULATOR_ODATA_QUERY_H_
