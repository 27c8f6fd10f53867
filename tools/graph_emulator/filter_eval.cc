#include "tools/graph_emulator/filter_eval.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace guestinvitation::emulator {
namespace {

using Op = FilterClause::Op;
using Type = FilterClause::Type;

const FilterableProperty* Find(const std::vector<FilterableProperty>& schema,
                               const std::string& name) {
  for (const FilterableProperty& p : schema) {
    if (absl::EqualsIgnoreCase(p.name, name)) return &p;
  }
  return nullptr;
}

// The first property named under `c`, for messages about a whole clause.
std::string FirstProperty(const FilterClause& c) {
  if (!c.property.empty()) return c.property;
  for (const FilterClause& child : c.operands) {
    std::string name = FirstProperty(child);
    if (!name.empty()) return name;
  }
  return "";
}

class Checker {
 public:
  Checker(const std::vector<FilterableProperty>& schema,
          absl::string_view resource, bool advanced)
      : schema_(schema), resource_(resource), advanced_(advanced) {}

  std::optional<ODataError> Check(const FilterClause& c) const {
    switch (c.op) {
      case Op::kAnd:
      case Op::kOr:
        for (const FilterClause& child : c.operands) {
          if (auto e = Check(child)) return e;
        }
        return std::nullopt;
      case Op::kNot:
        if (!advanced_) return Refuse(FirstProperty(c));
        return Check(c.operands.front());
      default:
        return CheckLeaf(c);
    }
  }

 private:
  ODataError Refuse(const std::string& property) const {
    return UnsupportedFilterClause(property, resource_);
  }

  std::optional<ODataError> CheckLiteral(const FilterableProperty& p,
                                         const FilterClause& literal) const {
    Type expected = p.is_bool ? Type::kBool : Type::kString;
    if (literal.type == expected) return std::nullopt;
    return ODataError{"BadRequest",
                      absl::StrCat("A binary operator with incompatible "
                                   "types was detected for property '",
                                   p.name, "'.")};
  }

  std::optional<ODataError> CheckLeaf(const FilterClause& c) const {
    const FilterableProperty* p = Find(schema_, c.property);
    if (p == nullptr) return Refuse(c.property);
    switch (c.op) {
      case Op::kStartsWith:
      case Op::kEndsWith:
        if (p->is_bool || !p->string_functions) return Refuse(c.property);
        if (c.op == Op::kEndsWith && !advanced_) return Refuse(c.property);
        return CheckLiteral(*p, c);
      case Op::kIn:
        for (const FilterClause& literal : c.operands) {
          if (auto e = CheckLiteral(*p, literal)) return e;
        }
        return std::nullopt;
      case Op::kEq:
      case Op::kNe:
        if (c.op == Op::kNe && !advanced_) return Refuse(c.property);
        if (c.type == Type::kNull) {
          if (!p->eq_null || !advanced_) return Refuse(c.property);
          return std::nullopt;
        }
        return CheckLiteral(*p, c);
      default:
        return Refuse(c.property);
    }
  }

  const std::vector<FilterableProperty>& schema_;
  absl::string_view resource_;
  bool advanced_;
};

bool Equal(const FilterClause& literal, const FieldValue& v) {
  if (literal.type == Type::kNull) return v.is_null;
  if (v.is_null) return false;
  if (literal.type == Type::kBool) return v.boolean == literal.boolean;
  return absl::EqualsIgnoreCase(v.text, literal.text);
}

bool Matches(const FilterClause& c, const FieldLookup& lookup) {
  switch (c.op) {
    case Op::kAnd:
      return std::all_of(
          c.operands.begin(), c.operands.end(),
          [&](const FilterClause& child) { return Matches(child, lookup); });
    case Op::kOr:
      return std::any_of(
          c.operands.begin(), c.operands.end(),
          [&](const FilterClause& child) { return Matches(child, lookup); });
    case Op::kNot:
      return !Matches(c.operands.front(), lookup);
    default:
      break;
  }
  FieldValue v = lookup(c.property);
  switch (c.op) {
    case Op::kEq:
      return Equal(c, v);
    case Op::kNe:
      return !Equal(c, v);
    case Op::kStartsWith:
      return !v.is_null && absl::StartsWithIgnoreCase(v.text, c.text);
    case Op::kEndsWith:
      return !v.is_null && absl::EndsWithIgnoreCase(v.text, c.text);
    case Op::kIn:
      return std::any_of(
          c.operands.begin(), c.operands.end(),
          [&](const FilterClause& literal) { return Equal(literal, v); });
    default:
      return false;
  }
}

}  // namespace

std::optional<ODataError> CheckFilter(
    const std::vector<FilterClause>& filter,
    const std::vector<FilterableProperty>& schema, absl::string_view resource,
    bool advanced_allowed) {
  Checker checker(schema, resource, advanced_allowed);
  for (const FilterClause& c : filter) {
    if (auto e = checker.Check(c)) return e;
  }
  return std::nullopt;
}

bool FilterMatches(const std::vector<FilterClause>& filter,
                   const FieldLookup& lookup) {
  return std::all_of(filter.begin(), filter.end(),
                     [&](const FilterClause& c) { return Matches(c, lookup); });
}

}  // namespace guestinvitation::emulator
