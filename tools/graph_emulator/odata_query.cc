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

constexpr size_t kMaxFilterClauses = 16;
constexpr char kSkipTokenPrefix[] = "emu-seq:";

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

bool IsOperator(const std::string& token) {
  static const std::set<std::string> kOps = {"eq", "ne", "gt", "ge",
                                             "lt", "le", "in", "has"};
  return kOps.count(absl::AsciiStrToLower(token)) > 0;
}

std::optional<ODataError> ParseLiteral(const std::string& token,
                                       FilterClause* clause) {
  if (!token.empty() && token[0] == '\'') {
    clause->type = FilterClause::Type::kString;
    clause->text = token.substr(1);
    return std::nullopt;
  }
  std::string lower = absl::AsciiStrToLower(token);
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

// Reads "name eq literal" starting at tokens[*pos].
std::optional<ODataError> ParseClause(const std::vector<std::string>& tokens,
                                      size_t* pos, FilterClause* clause) {
  size_t i = *pos;
  if (i >= tokens.size()) return BadRequest("Invalid filter clause.");
  const std::string& name = tokens[i];
  std::string lower_name = absl::AsciiStrToLower(name);
  if (name == "(" || lower_name == "not" ||
      (i + 1 < tokens.size() && tokens[i + 1] == "(")) {
    return Unsupported(
        "Unsupported Query. Only 'property eq value' clauses "
        "joined by 'and' are supported.");
  }
  if (i + 2 >= tokens.size()) return BadRequest("Invalid filter clause.");
  const std::string& op = tokens[i + 1];
  if (!IsOperator(op)) return BadRequest("Invalid filter clause.");
  if (absl::AsciiStrToLower(op) != "eq") {
    return Unsupported(absl::StrCat(
        "Unsupported or invalid query filter clause specified for property '",
        name, "' of resource 'User'."));
  }
  clause->property = name;
  *pos = i + 3;
  return ParseLiteral(tokens[i + 2], clause);
}

std::optional<ODataError> ParseFilter(absl::string_view text,
                                      std::vector<FilterClause>* out) {
  std::optional<std::vector<std::string>> tokens = TokenizeFilter(text);
  if (!tokens || tokens->empty()) return BadRequest("Invalid filter clause.");
  size_t pos = 0;
  while (true) {
    FilterClause clause;
    if (auto error = ParseClause(*tokens, &pos, &clause)) return error;
    out->push_back(std::move(clause));
    if (out->size() > kMaxFilterClauses) {
      return Unsupported("Too many filter clauses.");
    }
    if (pos == tokens->size()) return std::nullopt;
    std::string joiner = absl::AsciiStrToLower((*tokens)[pos]);
    if (joiner == "or") {
      return Unsupported("Unsupported Query. 'or' is not supported.");
    }
    if (joiner != "and") return BadRequest("Invalid filter clause.");
    ++pos;
  }
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
                                      ODataQuery* out) {
  if (name == "$select") return ParseSelect(value, &out->select);
  if (name == "$filter") return ParseFilter(value, &out->filter);
  if (name == "$top") return ParseTop(value, &out->top);
  if (name == "$skiptoken") {
    out->after_seq = DecodeSkipToken(value);
    if (!out->after_seq) return BadRequest("Invalid $skiptoken.");
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

std::optional<ODataError> ParseODataQuery(const QueryParams& params,
                                          ODataQuery* out) {
  std::set<std::string> seen;
  for (const auto& [raw_name, value] : params) {
    if (raw_name.empty() || raw_name[0] != '$') continue;  // not OData's
    std::string name = absl::AsciiStrToLower(raw_name);
    if (!seen.insert(name).second) {
      return BadRequest(absl::StrCat("Query option '", raw_name,
                                     "' was specified more than once, but it "
                                     "must be specified at most once."));
    }
    if (auto error = ApplyOption(name, value, out)) return error;
  }
  return std::nullopt;
}

std::string EncodeSkipToken(int64_t seq) {
  return absl::WebSafeBase64Escape(absl::StrCat(kSkipTokenPrefix, seq));
}

std::string NextLink(const std::string& collection_url,
                     const QueryParams& query, int64_t last_seq) {
  std::string link = absl::StrCat(collection_url, "?");
  for (const auto& [name, value] : query) {
    if (absl::EqualsIgnoreCase(name, "$skiptoken")) continue;
    absl::StrAppend(&link, PercentEncode(name, "$"), "=",
                    PercentEncode(value, "$,'()"), "&");
  }
  absl::StrAppend(&link, "$skiptoken=", EncodeSkipToken(last_seq));
  return link;
}

std::optional<int64_t> DecodeSkipToken(absl::string_view token) {
  std::string decoded;
  if (token.size() > 64 || !absl::WebSafeBase64Unescape(token, &decoded)) {
    return std::nullopt;
  }
  absl::string_view rest = decoded;
  int64_t seq = 0;
  if (!absl::ConsumePrefix(&rest, kSkipTokenPrefix) ||
      !absl::SimpleAtoi(rest, &seq) || seq < 0) {
    return std::nullopt;
  }
  return seq;
}

}  // namespace guestinvitation::emulator
