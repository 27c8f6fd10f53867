// /v1.0/users and /v1.0/users/{id} (graph-api.md 3.1-3.4): the default
// property set versus $select, $filter eq on four properties, paging with
// $skiptoken, disable and soft delete, all subject to the replication lag.

#include <algorithm>
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tools/graph_emulator/graph_errors.h"
#include "tools/graph_emulator/handlers.h"
#include "tools/graph_emulator/json_util.h"

namespace guestinvitation::emulator {
namespace {

namespace json = boost::json;

struct UserProperty {
  const char* name;
  bool by_default;  // returned without $select
  json::value (*render)(const UserRecord&, const EmulatorState&);
};

// Graph's order for the default set, then the $select-only properties.
const std::vector<UserProperty>& UserProperties() {
  using U = const UserRecord&;
  using S = const EmulatorState&;
  static const std::vector<UserProperty> kProps = {
      {"businessPhones", true, [](U, S) { return json::value(json::array()); }},
      {"displayName", true, [](U u, S) { return json::value(u.display_name); }},
      {"givenName", true, [](U, S) { return json::value(nullptr); }},
      {"jobTitle", true, [](U, S) { return json::value(nullptr); }},
      {"mail", true, [](U u, S) { return json::value(u.mail); }},
      {"mobilePhone", true, [](U, S) { return json::value(nullptr); }},
      {"officeLocation", true, [](U, S) { return json::value(nullptr); }},
      {"preferredLanguage", true, [](U, S) { return json::value(nullptr); }},
      {"surname", true, [](U, S) { return json::value(nullptr); }},
      {"userPrincipalName", true,
       [](U u, S) { return json::value(u.user_principal_name); }},
      {"id", true, [](U u, S) { return json::value(u.id); }},
      {"accountEnabled", false,
       [](U u, S) { return json::value(u.account_enabled); }},
      {"userType", false, [](U u, S) { return json::value(u.user_type); }},
      {"externalUserState", false,
       [](U u, S) { return json::value(u.external_user_state); }},
      {"externalUserStateChangeDateTime", false,
       [](U u, S) { return json::value(GraphDateTime(u.state_changed_at)); }},
      {"creationType", false,
       [](U u, S) { return json::value(u.creation_type); }},
      {"createdDateTime", false,
       [](U u, S) { return json::value(GraphDateTime(u.created_at)); }},
      {"otherMails", false, [](U, S) { return json::value(json::array()); }},
      {"identities", false,
       [](U u, S s) {
         return json::value(json::array{
             json::object{{"signInType", "userPrincipalName"},
                          {"issuer", s.config.tenant_domain},
                          {"issuerAssignedId", u.user_principal_name}}});
       }},
  };
  return kProps;
}

const UserProperty* FindProperty(const std::string& name) {
  for (const UserProperty& p : UserProperties()) {
    if (absl::EqualsIgnoreCase(p.name, name)) return &p;
  }
  return nullptr;
}

// The properties to render; on an unknown name, sets `unknown`.
std::vector<const UserProperty*> Selection(
    const std::vector<std::string>& select, std::string* unknown) {
  std::vector<const UserProperty*> out;
  if (select.empty()) {
    for (const UserProperty& p : UserProperties()) {
      if (p.by_default) out.push_back(&p);
    }
    return out;
  }
  for (const std::string& name : select) {
    const UserProperty* p = FindProperty(name);
    if (p == nullptr) {
      *unknown = name;
      return {};
    }
    if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
  }
  return out;
}

json::object RenderUser(const UserRecord& user, const EmulatorState& state,
                        const std::vector<const UserProperty*>& props) {
  json::object o;
  for (const UserProperty* p : props) o[p->name] = p->render(user, state);
  return o;
}

std::string ContextUrl(const RequestContext& ctx,
                       const std::vector<std::string>& select) {
  std::string url = absl::StrCat(ctx.base_url, "/v1.0/$metadata#users");
  if (!select.empty())
    absl::StrAppend(&url, "(", absl::StrJoin(select, ","), ")");
  return url;
}

ServerResponse UnknownProperty(const RequestContext& ctx,
                               const std::string& name) {
  return GraphError(ctx, 400, "Request_BadRequest",
                    absl::StrCat("Could not find a property named '", name,
                                 "' on type 'microsoft.graph.user'."));
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

bool IsFilterable(const std::string& property) {
  for (const char* name :
       {"userType", "mail", "externalUserState", "accountEnabled"}) {
    if (absl::EqualsIgnoreCase(property, name)) return true;
  }
  return false;
}

std::optional<ODataError> CheckFilter(const std::vector<FilterClause>& filter) {
  for (const FilterClause& c : filter) {
    if (!IsFilterable(c.property)) {
      return ODataError{
          "Request_UnsupportedQuery",
          absl::StrCat("Unsupported or invalid query filter clause specified "
                       "for property '",
                       c.property, "' of resource 'User'.")};
    }
    bool wants_bool = absl::EqualsIgnoreCase(c.property, "accountEnabled");
    FilterClause::Type expected =
        wants_bool ? FilterClause::Type::kBool : FilterClause::Type::kString;
    if (c.type != expected) {
      return ODataError{"BadRequest",
                        absl::StrCat("A binary operator with incompatible "
                                     "types was detected for property '",
                                     c.property, "'.")};
    }
  }
  return std::nullopt;
}

bool ClauseMatches(const FilterClause& c, const UserRecord& u) {
  if (absl::EqualsIgnoreCase(c.property, "accountEnabled")) {
    return u.account_enabled == c.boolean;
  }
  const std::string& value = absl::EqualsIgnoreCase(c.property, "mail") ? u.mail
                             : absl::EqualsIgnoreCase(c.property, "userType")
                                 ? u.user_type
                                 : u.external_user_state;
  return absl::EqualsIgnoreCase(value, c.text);
}

bool Matches(const std::vector<FilterClause>& filter, const UserRecord& u) {
  for (const FilterClause& c : filter) {
    if (!ClauseMatches(c, u)) return false;
  }
  return true;
}

ServerResponse QueryError(const RequestContext& ctx, const ODataError& e) {
  return GraphError(ctx, 400, e.code, e.message);
}

}  // namespace

ServerResponse HandleListUsers(EmulatorState& state,
                               const RequestContext& ctx) {
  ODataQuery query;
  if (auto e = ParseODataQuery(ctx.query, &query)) return QueryError(ctx, *e);
  if (auto e = CheckFilter(query.filter)) return QueryError(ctx, *e);
  std::string unknown;
  auto props = Selection(query.select, &unknown);
  if (!unknown.empty()) return UnknownProperty(ctx, unknown);
  json::array value;
  int64_t last_seq = 0;
  bool more = false;
  for (const UserRecord& user : state.directory.users()) {
    if (user.deleted || !state.directory.IsVisible(user, ctx.now) ||
        user.seq <= query.after_seq.value_or(0) ||
        !Matches(query.filter, user)) {
      continue;
    }
    if (static_cast<int>(value.size()) == query.top) {
      more = true;
      break;
    }
    value.emplace_back(RenderUser(user, state, props));
    last_seq = user.seq;
  }
  json::object body{{"@odata.context", ContextUrl(ctx, query.select)}};
  if (more)
    body["@odata.nextLink"] = NextLink(
        absl::StrCat(ctx.base_url, "/v1.0/users"), ctx.query, last_seq);
  body["value"] = std::move(value);
  return JsonResponse(200, body);
}

ServerResponse HandleGetUser(EmulatorState& state, const RequestContext& ctx,
                             const std::string& id) {
  ODataQuery query;
  if (auto e = ParseODataQuery(ctx.query, &query)) return QueryError(ctx, *e);
  ServerResponse error;
  UserRecord* user = VisibleUser(state, ctx, id, &error);
  if (user == nullptr) return error;
  std::string unknown;
  auto props = Selection(query.select, &unknown);
  if (!unknown.empty()) return UnknownProperty(ctx, unknown);
  json::object body{{"@odata.context",
                     absl::StrCat(ContextUrl(ctx, query.select), "/$entity")}};
  for (auto& entry : RenderUser(*user, state, props)) {
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
  user->deleted = true;
  user->deleted_at = ctx.now;
  return EmptyResponse(204);
}

}  // namespace guestinvitation::emulator
