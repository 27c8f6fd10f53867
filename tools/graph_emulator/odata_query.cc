#include "tools/graph_emulator/odata_query.h"

#include <algorithm>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace guestinvitation::emulator {
namespace {

constexpr char kSkipTokenPrefix[] = "emu-seq:";
constexpr char kOffsetTokenPrefix[] = "emu-pos:";

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

ODataError BadRequest(std::string message) {
  return ODataError{"BadRequest", std::move(message)};
}
ODataError Unsupported(std::string message) {
  return ODataError{"Request_UnsupportedQuery", std::move(message)};
}

// Reads a quoted literal starting at in[*i] == '\''. OData escapes a quote
// inside a literal by doubling it. The token keeps its opening quote so the
// parser can tell a literal from a name.
std::optional<std::string> ReadQuoted(absl::string_view in, size_t* i) {
  std::string literal = "'";
  for (size_t j = *i + 1; j < in.size(); ++j) {
    if (in[j] != '\'') {
      literal.push_back(in[j]);
    } else if (j + 1 < in.size() && in[j + 1] == '\'') {
      literal.push_back('\'');
      ++j;
    } else {
      *i = j + 1;
      return literal;
    }
  }
  return std::nullopt;  // unterminated
}

bool IsDelimiter(char c) {
  return c == ' ' || c == '\t' || c == '(' || c == ')' || c == ',' || c == '\'';
}

// Tokens of the $filter mini-language: names, quoted strings, parentheses
// and commas.
std::optional<std::vector<std::string>> TokenizeFilter(absl::string_view in) {
  std::vector<std::string> tokens;
  size_t i = 0;
  while (i < in.size()) {
    char c = in[i];
    if (c == ' ' || c == '\t') {
      ++i;
    } else if (c == '(' || c == ')' || c == ',') {
      tokens.emplace_back(1, c);
      ++i;
    } else if (c == '\'') {
      std::optional<std::string> literal = ReadQuoted(in, &i);
      if (!literal) return std::nullopt;
      tokens.push_back(std::move(*literal));
    } else {
      size_t start = i;
      while (i < in.size() && !IsDelimiter(in[i])) ++i;
      tokens.emplace_back(in.substr(start, i - start));
    }
  }
  return tokens;
}

std::string Lower(const std::string& s) { return absl::AsciiStrToLower(s); }

bool IsName(const std::string& token) {
  if (token.empty() ||
      !absl::ascii_isalpha(static_cast<unsigned char>(token[0])))
    return false;
  return std::all_of(token.begin(), token.end(), [](char c) {
    return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

std::optional<ODataError> ParseLiteral(const std::string& token,
                                       FilterClause* clause) {
  if (token.size() > kMaxLiteralLength + 1) {
    return Unsupported("A $filter literal is too long.");
  }
  if (!token.empty() && token[0] == '\'') {
    clause->type = FilterClause::Type::kString;
    clause->text = token.substr(1);
    return std::nullopt;
  }
  std::string lower = Lower(token);
  if (lower == "true" || lower == "false") {
    clause->type = FilterClause::Type::kBool;
    clause->boolean = lower == "true";
    return std::nullopt;
  }
  if (lower == "null") {
    clause->type = FilterClause::Type::kNull;
    return std::nullopt;
  }
  double number = 0;
  if (absl::SimpleAtod(token, &number)) {
    clause->type = FilterClause::Type::kNumber;
    clause->text = token;
    return std::nullopt;
  }
  return BadRequest(
      absl::StrCat("Invalid filter clause: unexpected token '", token, "'."));
}

// Recursive descent over the tokens: or < and < not / ( ) / comparison.
// Depth and the number of leaves are capped.
class FilterParser {
 public:
  FilterParser(const std::vector<std::string>& tokens,
               absl::string_view resource)
      : t_(tokens), resource_(resource) {}

  std::optional<ODataError> Parse(FilterClause* out) {
    if (auto e = ParseOr(0, out)) return e;
    if (pos_ != t_.size()) return BadRequest("Invalid filter clause.");
    return std::nullopt;
  }

 private:
  bool AtKeyword(const char* word) const {
    return pos_ < t_.size() && Lower(t_[pos_]) == word;
  }
  bool At(const char* token) const {
    return pos_ < t_.size() && t_[pos_] == token;
  }
  std::optional<ODataError> Expect(const char* token) {
    if (!At(token)) return BadRequest("Invalid filter clause.");
    ++pos_;
    return std::nullopt;
  }

  // Joins `first` and what follows `keyword` into one node of type `op`.
  template <typename Next>
  std::optional<ODataError> ParseJoined(const char* keyword,
                                        FilterClause::Op op, int depth,
                                        FilterClause* out, Next next) {
    FilterClause first;
    if (auto e = (this->*next)(depth, &first)) return e;
    if (!AtKeyword(keyword)) {
      *out = std::move(first);
      return std::nullopt;
    }
    FilterClause joined;
    joined.op = op;
    joined.operands.push_back(std::move(first));
    while (AtKeyword(keyword)) {
      ++pos_;
      FilterClause more;
      if (auto e = (this->*next)(depth, &more)) return e;
      joined.operands.push_back(std::move(more));
    }
    *out = std::move(joined);
    return std::nullopt;
  }

  std::optional<ODataError> ParseOr(int depth, FilterClause* out) {
    return ParseJoined("or", FilterClause::Op::kOr, depth, out,
                       &FilterParser::ParseAnd);
  }
  std::optional<ODataError> ParseAnd(int depth, FilterClause* out) {
    return ParseJoined("and", FilterClause::Op::kAnd, depth, out,
                       &FilterParser::ParseUnary);
  }

  std::optional<ODataError> ParseUnary(int depth, FilterClause* out) {
    if (depth > kMaxFilterDepth) {
      return Unsupported("The $filter expression is nested too deeply.");
    }
    if (pos_ >= t_.size()) return BadRequest("Invalid filter clause.");
    if (At("(")) {
      ++pos_;
      if (auto e = ParseOr(depth + 1, out)) return e;
      return Expect(")");
    }
    if (AtKeyword("not")) {
      ++pos_;
      FilterClause inner;
      if (auto e = ParseUnary(depth + 1, &inner)) return e;
      out->op = FilterClause::Op::kNot;
      out->operands.push_back(std::move(inner));
      return std::nullopt;
    }
    if (++leaves_ > kMaxFilterClauses) {
      return Unsupported("Too many filter clauses.");
    }
    if (pos_ + 1 < t_.size() && t_[pos_ + 1] == "(") return ParseFunction(out);
    return ParseComparison(out);
  }

  // startsWith(property,'text') / endsWith(property,'text').
  std::optional<ODataError> ParseFunction(FilterClause* out) {
    std::string name = Lower(t_[pos_]);
    if (name == "startswith") {
      out->op = FilterClause::Op::kStartsWith;
    } else if (name == "endswith") {
      out->op = FilterClause::Op::kEndsWith;
    } else {
      return Unsupported(absl::StrCat("The function '", t_[pos_],
                                      "' is not supported by the emulator."));
    }
    pos_ += 2;
    if (pos_ >= t_.size() || !IsName(t_[pos_])) {
      return BadRequest("Invalid filter clause.");
    }
    out->property = t_[pos_++];
    if (auto e = Expect(",")) return e;
    if (pos_ >= t_.size()) return BadRequest("Invalid filter clause.");
    if (auto e = ParseLiteral(t_[pos_++], out)) return e;
    return Expect(")");
  }

  // property eq|ne literal, or property in (literal, ...).
  std::optional<ODataError> ParseComparison(FilterClause* out) {
    if (!IsName(t_[pos_]) || pos_ + 2 >= t_.size()) {
      return BadRequest("Invalid filter clause.");
    }
    out->property = t_[pos_];
    std::string op = Lower(t_[pos_ + 1]);
    pos_ += 2;
    if (op == "eq" || op == "ne") {
      out->op = op == "eq" ? FilterClause::Op::kEq : FilterClause::Op::kNe;
      return ParseLiteral(t_[pos_++], out);
    }
    if (op == "in") return ParseInList(out);
    if (op == "gt" || op == "ge" || op == "lt" || op == "le" || op == "has") {
      return UnsupportedFilterClause(out->property, resource_);
    }
    return BadRequest("Invalid filter clause.");
  }

  std::optional<ODataError> ParseInList(FilterClause* out) {
    out->op = FilterClause::Op::kIn;
    if (auto e = Expect("(")) return e;
    while (true) {
      if (pos_ >= t_.size()) return BadRequest("Invalid filter clause.");
      FilterClause literal;
      if (auto e = ParseLiteral(t_[pos_++], &literal)) return e;
      out->operands.push_back(std::move(literal));
      if (out->operands.size() > kMaxInValues) {
        return Unsupported(absl::StrCat("At most ", kMaxInValues,
                                        " values are supported in 'in'."));
      }
      if (At(")")) {
        ++pos_;
        return std::nullopt;
      }
      if (auto e = Expect(",")) return e;
    }
  }

  const std::vector<std::string>& t_;
  absl::string_view resource_;
  size_t pos_ = 0;
  size_t leaves_ = 0;
};

std::optional<ODataError> ParseFilter(absl::string_view text,
                                      absl::string_view resource,
                                      std::vector<FilterClause>* out) {
  if (text.size() > kMaxFilterLength) {
    return Unsupported("The $filter expression is too long.");
  }
  std::optional<std::vector<std::string>> tokens = TokenizeFilter(text);
  if (!tokens || tokens->empty()) return BadRequest("Invalid filter clause.");
  FilterClause root;
  if (auto e = FilterParser(*tokens, resource).Parse(&root)) return e;
  if (root.op == FilterClause::Op::kAnd) {
    *out = std::move(root.operands);
  } else {
    out->push_back(std::move(root));
  }
  return std::nullopt;
}

std::optional<ODataError> ParseCount(const std::string& text, bool* count) {
  std::string lower = Lower(text);
  if (lower != "true" && lower != "false") {
    return BadRequest(absl::StrCat("Invalid value '", text.substr(0, 64),
                                   "' for $count: use true or false."));
  }
  *count = lower == "true";
  return std::nullopt;
}

std::optional<ODataError> ParseOrderBy(const std::string& text,
                                       std::optional<OrderBy>* out) {
  std::vector<std::string> parts =
      absl::StrSplit(text, ' ', absl::SkipWhitespace());
  if (absl::StrContains(text, ',')) {
    return Unsupported(
        "Sorting by more than one property is not supported by the "
        "emulator.");
  }
  if (parts.empty() || parts.size() > 2 || !IsName(parts[0]) ||
      parts[0].size() > 64) {
    return BadRequest("Invalid $orderby value.");
  }
  OrderBy order{parts[0], false};
  if (parts.size() == 2) {
    std::string dir = Lower(parts[1]);
    if (dir != "asc" && dir != "desc") {
      return BadRequest("Invalid $orderby value.");
    }
    order.descending = dir == "desc";
  }
  *out = std::move(order);
  return std::nullopt;
}

// "\"property:term\"": one quoted clause.
std::optional<ODataError> ParseSearch(const std::string& text,
                                      std::optional<SearchClause>* out) {
  absl::string_view v = absl::StripAsciiWhitespace(text);
  if (v.size() < 2 || v.size() > kMaxLiteralLength || v.front() != '"' ||
      v.back() != '"') {
    return BadRequest(
        "Invalid $search value: use \"property:value\" with the quotes.");
  }
  v = v.substr(1, v.size() - 2);
  size_t colon = v.find(':');
  if (colon == absl::string_view::npos || absl::StrContains(v, '"')) {
    return Unsupported(
        "Only one \"property:value\" $search clause is supported by the "
        "emulator.");
  }
  std::string property(v.substr(0, colon));
  std::string term(v.substr(colon + 1));
  if (!IsName(property) || term.empty()) {
    return BadRequest("Invalid $search value.");
  }
  *out = SearchClause{std::move(property), std::move(term)};
  return std::nullopt;
}

std::optional<ODataError> ParseTop(const std::string& text, int* top) {
  int64_t value = 0;
  bool digits = !text.empty() && text.size() <= 9 &&
                std::all_of(text.begin(), text.end(), absl::ascii_isdigit);
  if (!digits || !absl::SimpleAtoi(text, &value) || value < 1 || value > 999) {
    return Unsupported(absl::StrCat("Invalid page size specified: '", text,
                                    "'. Must be between 1 and 999 "
                                    "inclusive."));
  }
  *top = static_cast<int>(value);
  return std::nullopt;
}

std::optional<ODataError> ParseSelect(const std::string& text,
                                      std::vector<std::string>* out) {
  for (absl::string_view part : absl::StrSplit(text, ',')) {
    std::string name(absl::StripAsciiWhitespace(part));
    if (name.empty()) return BadRequest("Invalid $select value.");
    out->push_back(std::move(name));
  }
  return std::nullopt;
}

std::optional<ODataError> ApplyOption(const std::string& name,
                                      const std::string& value,
                                      absl::string_view resource,
                                      ODataQuery* out) {
  if (name == "$select") return ParseSelect(value, &out->select);
  if (name == "$filter") return ParseFilter(value, resource, &out->filter);
  if (name == "$top") return ParseTop(value, &out->top);
  if (name == "$count") return ParseCount(value, &out->count);
  if (name == "$orderby") return ParseOrderBy(value, &out->orderby);
  if (name == "$search") return ParseSearch(value, &out->search);
  if (name == "$skiptoken") {
    out->after_seq = DecodeSkipToken(value);
    if (!out->after_seq) out->after_offset = DecodeOffsetToken(value);
    if (!out->after_seq && !out->after_offset) {
      return BadRequest("Invalid $skiptoken.");
    }
    return std::nullopt;
  }
  return Unsupported(absl::StrCat("Query option '", name,
                                  "' is not supported by the emulator."));
}

}  // namespace

std::optional<std::string> PercentDecode(absl::string_view text,
                                         bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      int hi = HexValue(text[i + 1]);
      int lo = HexValue(text[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else {
      out.push_back(plus_is_space && c == '+' ? ' ' : c);
    }
  }
  return out;
}

std::string PercentEncode(absl::string_view text, absl::string_view keep) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (absl::ascii_isalnum(u) || c == '-' || c == '.' || c == '_' ||
        c == '~' || absl::StrContains(keep, c)) {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 0xF]);
    }
  }
  return out;
}

std::optional<ParsedTarget> ParseTarget(absl::string_view target) {
  if (target.empty() || target[0] != '/') return std::nullopt;
  size_t question = target.find('?');
  absl::string_view raw_path = target.substr(0, question);
  ParsedTarget out;
  for (absl::string_view raw :
       absl::StrSplit(raw_path, '/', absl::SkipEmpty())) {
    std::optional<std::string> segment = PercentDecode(raw, false);
    if (!segment) return std::nullopt;
    absl::StrAppend(&out.path, "/", *segment);
    out.segments.push_back(std::move(*segment));
  }
  if (out.path.empty()) out.path = "/";
  if (question == absl::string_view::npos) return out;
  for (absl::string_view part :
       absl::StrSplit(target.substr(question + 1), '&', absl::SkipEmpty())) {
    std::pair<absl::string_view, absl::string_view> kv =
        absl::StrSplit(part, absl::MaxSplits('=', 1));
    std::optional<std::string> name = PercentDecode(kv.first, true);
    std::optional<std::string> value = PercentDecode(kv.second, true);
    if (!name || !value) return std::nullopt;
    out.query.emplace_back(std::move(*name), std::move(*value));
  }
  return out;
}

ODataError UnsupportedFilterClause(absl::string_view property,
                                   absl::string_view resource) {
  return Unsupported(absl::StrCat(
      "Unsupported or invalid query filter clause specified for property '",
      property, "' of resource '", resource, "'."));
}

std::optional<ODataError> ParseODataQuery(const QueryParams& params,
                                          ODataQuery* out,
                                          absl::string_view resource) {
  std::set<std::string> seen;
  for (const auto& [raw_name, value] : params) {
    if (raw_name.empty() || raw_name[0] != '$') continue;  // not OData's
    std::string name = absl::AsciiStrToLower(raw_name);
    if (!seen.insert(name).second) {
      return BadRequest(absl::StrCat("Query option '", raw_name,
                                     "' was specified more than once, but it "
                                     "must be specified at most once."));
    }
    if (auto error = ApplyOption(name, value, resource, out)) return error;
  }
  return std::nullopt;
}

std::string EncodeSkipToken(int64_t seq) {
  return absl::WebSafeBase64Escape(absl::StrCat(kSkipTokenPrefix, seq));
}

std::string NextLinkWithToken(const std::string& collection_url,
                              const QueryParams& query,
                              const std::string& token) {
  std::string link = absl::StrCat(collection_url, "?");
  for (const auto& [name, value] : query) {
    if (absl::EqualsIgnoreCase(name, "$skiptoken")) continue;
    absl::StrAppend(&link, PercentEncode(name, "$"), "=",
                    PercentEncode(value, "$,'()"), "&");
  }
  absl::StrAppend(&link, "$skiptoken=", token);
  return link;
}

std::string NextLink(const std::string& collection_url,
                     const QueryParams& query, int64_t last_seq) {
  return NextLinkWithToken(collection_url, query, EncodeSkipToken(last_seq));
}

namespace {

std::optional<int64_t> DecodePrefixed(absl::string_view token,
                                      absl::string_view prefix) {
  std::string decoded;
  if (token.size() > 64 || !absl::WebSafeBase64Unescape(token, &decoded)) {
    return std::nullopt;
  }
  absl::string_view rest = decoded;
  int64_t value = 0;
  if (!absl::ConsumePrefix(&rest, prefix) || !absl::SimpleAtoi(rest, &value) ||
      value < 0) {
    return std::nullopt;
  }
  return value;
}

}  // namespace

std::string EncodeOffsetToken(int64_t offset) {
  return absl::WebSafeBase64Escape(absl::StrCat(kOffsetTokenPrefix, offset));
}

std::optional<int64_t> DecodeOffsetToken(absl::string_view token) {
  return DecodePrefixed(token, kOffsetTokenPrefix);
}

std::optional<int64_t> DecodeSkipToken(absl::string_view token) {
  return DecodePrefixed(token, kSkipTokenPrefix);
}

}  // namespace guestinvitation::emulator
