// /v1.0/users, /v1.0/users/$count and /v1.0/users/{id} (graph-api.md
// 3.1-3.4): the default property set versus $select, $filter with Graph's
// basic/advanced split, $count, $orderby, $search, paging with $skiptoken,
// disable and soft delete, all subject to the replication lag.

#include <algorithm>
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "tools/graph_emulator/filter_eval.h"
#include "tools/graph_emulator/graph_errors.h"
#include "tools/graph_emulator/handlers.h"
#include "tools/graph_emulator/json_util.h"
#include "tools/graph_emulator/user_view.h"

namespace guestinvitation::emulator {
namespace {

namespace json = boost::json;

std::string ContextUrl(const RequestContext& ctx,
                       const std::vector<std::string>& select) {
  std::string url = absl::StrCat(ctx.base_url, "/v1.0/$metadata#users");
  if (!select.empty())
    absl::StrAppend(&url, "(", absl::StrJoin(select, ","), ")");
  return url;
}

// A user the caller may see now, or the response that says why not.
UserRecord* VisibleUser(EmulatorState& state, const RequestContext& ctx,
                        const std::string& id, ServerResponse* error) {
  UserRecord* user = state.directory.FindUser(id);
  if (user == nullptr) {
    *error = ResourceNotFound(ctx, id);
    return nullptr;
  }
  if (!state.directory.IsVisible(*user, ctx.now)) {
    *error = GraphError(ctx, 404, state.config.consistency_not_found_code,
                        ResourceNotFoundMessage(id));
    return nullptr;
  }
  return user;
}

constexpr char kUnsupportedQuery[] = "Request_UnsupportedQuery";

// What Graph lets callers filter on (graph-api.md 3.1), for the properties
// the emulator stores: name, bool?, startsWith/endsWith?, eq null?
const std::vector<FilterableProperty>& UserFilterSchema() {
  static const std::vector<FilterableProperty> kSchema = {
      {"userType", false, false, true},
      {"accountEnabled", true, false, false},
      {"externalUserState", false, false, false},
      {"mail", false, true, true},
      {"displayName", false, true, true},
      {"userPrincipalName", false, true, false},
  };
  return kSchema;
}

const std::string* UserText(const UserRecord& u, const std::string& name) {
  if (absl::EqualsIgnoreCase(name, "mail")) return &u.mail;
  if (absl::EqualsIgnoreCase(name, "userType")) return &u.user_type;
  if (absl::EqualsIgnoreCase(name, "externalUserState"))
    return &u.external_user_state;
  if (absl::EqualsIgnoreCase(name, "displayName")) return &u.display_name;
  if (absl::EqualsIgnoreCase(name, "userPrincipalName"))
    return &u.user_principal_name;
  return nullptr;
}

FieldValue UserField(const UserRecord& u, const std::string& name) {
  FieldValue v;
  if (absl::EqualsIgnoreCase(name, "accountEnabled")) {
    v.boolean = u.account_enabled;
    return v;
  }
  const std::string* text = UserText(u, name);
  v.is_null = text == nullptr || text->empty();
  if (text != nullptr) v.text = *text;
  return v;
}

bool IsOneOf(const std::string& name, std::initializer_list<const char*> set) {
  for (const char* candidate : set) {
    if (absl::EqualsIgnoreCase(name, candidate)) return true;
  }
  return false;
}

// Graph's $search is tokenized: a term matches the start of the value or
// of any word in it ("displayName:bo" finds "Ann Bolt").
bool SearchMatches(const SearchClause& search, const UserRecord& u) {
  const std::string* text = UserText(u, search.property);
  if (text == nullptr) return false;
  for (size_t i = 0; i < text->size(); ++i) {
    bool word_start = i == 0 || !absl::ascii_isalnum(
                                    static_cast<unsigned char>((*text)[i - 1]));
    if (word_start && absl::StartsWithIgnoreCase(
                          absl::string_view(*text).substr(i), search.term)) {
      return true;
    }
  }
  return false;
}

bool Eventual(const RequestContext& ctx) {
  return absl::EqualsIgnoreCase(
      absl::StripAsciiWhitespace(ctx.Header("ConsistencyLevel")), "eventual");
}

// Graph's advanced-query rules (graph-api.md 3.2): ne, not, endsWith,
// eq null, $count, $search and $filter with $orderby need the
// ConsistencyLevel: eventual header, and all but $search also $count=true.
// The header is never carried to the next page: a nextLink followed
// without it fails here the same way. `raw_count` is /users/$count, for
// which the header is enough.
std::optional<ODataError> CheckUserQuery(const ODataQuery& q, bool eventual,
                                         bool raw_count) {
  bool advanced = eventual && (q.count || raw_count);
  if (q.search && !eventual) {
    return ODataError{kUnsupportedQuery,
                      "Request with $search query parameter only works "
                      "through MSGraph with a special request header: "
                      "'ConsistencyLevel: eventual'"};
  }
  if (q.count && !eventual) {
    return ODataError{kUnsupportedQuery,
                      "$count is not supported because the "
                      "'ConsistencyLevel:eventual' header is missing. Refer "
                      "to https://aka.ms/graph-docs/advanced-queries for "
                      "more information"};
  }
  if (auto e = CheckFilter(q.filter, UserFilterSchema(), "User", advanced)) {
    return e;
  }
  if (q.search && !IsOneOf(q.search->property,
                           {"displayName", "mail", "userPrincipalName"})) {
    return ODataError{kUnsupportedQuery,
                      absl::StrCat("Unsupported $search property '",
                                   q.search->property, "' for 'User'.")};
  }
  if (q.orderby) {
    if (!IsOneOf(q.orderby->property,
                 {"displayName", "mail", "userPrincipalName"})) {
      return ODataError{kUnsupportedQuery,
                        absl::StrCat("Unsupported sort property '",
                                     q.orderby->property, "' for 'User'.")};
    }
    if (!q.filter.empty() && !advanced) {
      return ODataError{kUnsupportedQuery,
                        "Sorting not supported for current query."};
    }
  }
  return std::nullopt;
}

// The live, visible users the query selects, in creation order or sorted
// by $orderby (ties in creation order).
std::vector<const UserRecord*> MatchingUsers(const EmulatorState& state,
                                             const RequestContext& ctx,
                                             const ODataQuery& q) {
  std::vector<const UserRecord*> out;
  for (const UserRecord& user : state.directory.users()) {
    if (user.deleted || !state.directory.IsVisible(user, ctx.now)) continue;
    FieldLookup lookup = [&user](const std::string& name) {
      return UserField(user, name);
    };
    if (!FilterMatches(q.filter, lookup)) continue;
    if (q.search && !SearchMatches(*q.search, user)) continue;
    out.push_back(&user);
  }
  if (q.orderby) {
    const OrderBy& order = *q.orderby;
    std::stable_sort(
        out.begin(), out.end(),
        [&order](const UserRecord* a, const UserRecord* b) {
          std::string ka = absl::AsciiStrToLower(*UserText(*a, order.property));
          std::string kb = absl::AsciiStrToLower(*UserText(*b, order.property));
          return order.descending ? kb < ka : ka < kb;
        });
  }
  return out;
}

ServerResponse QueryError(const RequestContext& ctx, const ODataError& e) {
  return GraphError(ctx, 400, e.code, e.message);
}

}  // namespace

ServerResponse HandleListUsers(EmulatorState& state,
                               const RequestContext& ctx) {
  ODataQuery query;
  if (auto e = ParseODataQuery(ctx.query, &query)) return QueryError(ctx, *e);
  if (auto e = CheckUserQuery(query, Eventual(ctx), false)) {
    return QueryError(ctx, *e);
  }
  std::string unknown;
  auto props = SelectUserProperties(query.select, &unknown);
  if (!unknown.empty()) return UnknownUserProperty(ctx, unknown);
  std::vector<const UserRecord*> users = MatchingUsers(state, ctx, query);
  // Sorted lists page by position; the creation-order list by sequence
  // number, which stays right when users are added or deleted meanwhile.
  bool by_offset = query.orderby.has_value();
  if (by_offset ? query.after_seq.has_value()
                : query.after_offset.has_value()) {
    return BadSkipToken(ctx);
  }
  size_t start = 0;
  if (by_offset) {
    start = static_cast<size_t>(std::min<int64_t>(
        query.after_offset.value_or(0), static_cast<int64_t>(users.size())));
  } else {
    int64_t after = query.after_seq.value_or(0);
    while (start < users.size() && users[start]->seq <= after) ++start;
  }
  size_t end = std::min(users.size(), start + static_cast<size_t>(query.top));
  json::array value;
  for (size_t i = start; i < end; ++i) {
    value.emplace_back(RenderUserView(*users[i], state, props));
  }
  json::object body{{"@odata.context", ContextUrl(ctx, query.select)}};
  bool first_page = !query.after_seq && !query.after_offset;
  if (query.count && first_page) {
    body["@odata.count"] = static_cast<int64_t>(users.size());
  }
  if (end < users.size()) {
    std::string token = by_offset ? EncodeOffsetToken(static_cast<int64_t>(end))
                                  : EncodeSkipToken(users[end - 1]->seq);
    body["@odata.nextLink"] = NextLinkWithToken(
        absl::StrCat(ctx.base_url, "/v1.0/users"), ctx.query, token);
  }
  body["value"] = std::move(value);
  return JsonResponse(200, body);
}

ServerResponse HandleCountUsers(EmulatorState& state,
                                const RequestContext& ctx) {
  ODataQuery query;
  if (auto e = ParseODataQuery(ctx.query, &query)) return QueryError(ctx, *e);
  if (!Eventual(ctx)) {
    return GraphError(ctx, 400, kUnsupportedQuery,
                      "Raw count (/$count) is not supported because the "
                      "'ConsistencyLevel:eventual' header is missing. Refer "
                      "to https://aka.ms/graph-docs/advanced-queries for "
                      "more information");
  }
  if (auto e = CheckUserQuery(query, true, true)) return QueryError(ctx, *e);
  ServerResponse response;
  response.status = 200;
  response.headers.emplace_back("Content-Type", "text/plain");
  response.body = absl::StrCat(MatchingUsers(state, ctx, query).size());
  return response;
}

ServerResponse HandleGetUser(EmulatorState& state, const RequestContext& ctx,
                             const std::string& id) {
  ODataQuery query;
  if (auto e = ParseODataQuery(ctx.query, &query)) return QueryError(ctx, *e);
  ServerResponse error;
  UserRecord* user = VisibleUser(state, ctx, id, &error);
  if (user == nullptr) return error;
  std::string unknown;
  auto props = SelectUserProperties(query.select, &unknown);
  if (!unknown.empty()) return UnknownUserProperty(ctx, unknown);
  json::object body{{"@odata.context",
                     absl::StrCat(ContextUrl(ctx, query.select), "/$entity")}};
  for (auto& entry : RenderUserView(*user, state, props)) {
    body[entry.key()] = entry.value();
  }
  return JsonResponse(200, body);
}

ServerResponse HandlePatchUser(EmulatorState& state, const RequestContext& ctx,
                               const std::string& id) {
  absl::StatusOr<json::value> body = ParseJson(ctx.body());
  if (!body.ok() || !body->is_object()) return UnreadableBody(ctx);
  ServerResponse error;
  UserRecord* user = VisibleUser(state, ctx, id, &error);
  if (user == nullptr) return error;
  UserRecord updated = *user;
  for (const auto& entry : body->get_object()) {
    std::string key(entry.key().data(), entry.key().size());
    if (key == "accountEnabled" && entry.value().is_bool()) {
      updated.account_enabled = entry.value().get_bool();
    } else if (key == "displayName" && entry.value().is_string()) {
      updated.display_name = ToStd(entry.value().get_string());
    } else {
      // Only the properties this service changes are emulated.
      return GraphError(ctx, 400, "Request_BadRequest",
                        absl::StrCat("Invalid value or property '", key,
                                     "' for an update of a user."));
    }
  }
  *user = std::move(updated);  // all or nothing
  return EmptyResponse(204);
}

ServerResponse HandleDeleteUser(EmulatorState& state, const RequestContext& ctx,
                                const std::string& id) {
  ServerResponse error;
  UserRecord* user = VisibleUser(state, ctx, id, &error);
  if (user == nullptr) return error;
  // Soft delete (graph-api.md 3.4): into directory/deletedItems, with the
  // memberships kept for a restore.
  state.directory.SoftDeleteUser(*user, ctx.now);
  return EmptyResponse(204);
}

}  // namespace guestinvitation::emulator
