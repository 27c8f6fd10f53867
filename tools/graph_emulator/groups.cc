// /v1.0/groups (with $filter), /v1.0/groups/{id}, its members list and
// membership by $ref or members@odata.bind (graph-api.md 2.1-2.3): 204 on
// add, the "already exist" 400, 404 for unknown ids, the replication-lag
// 400 for users created a moment ago, and all-or-nothing bulk adds.

#include <algorithm>
#include <boost/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "tools/graph_emulator/filter_eval.h"
#include "tools/graph_emulator/graph_errors.h"
#include "tools/graph_emulator/handlers.h"
#include "tools/graph_emulator/json_util.h"
#include "tools/graph_emulator/user_view.h"

namespace guestinvitation::emulator {
namespace {

namespace json = boost::json;

json::object RenderGroup(const GroupRecord& group, const EmulatorState& state) {
  const GroupSeed& g = group.seed;
  json::object o;
  o["id"] = g.id;
  o["createdDateTime"] = GraphDateTime(group.created_at);
  o["description"] = g.description;
  o["displayName"] = g.display_name;
  o["groupTypes"] = json::array();
  if (g.mail_enabled) {
    o["mail"] = absl::StrCat(g.mail_nickname, "@", state.config.tenant_domain);
  } else {
    o["mail"] = nullptr;
  }
  o["mailEnabled"] = g.mail_enabled;
  o["mailNickname"] = g.mail_nickname;
  o["securityEnabled"] = g.security_enabled;
  o["visibility"] = nullptr;
  return o;
}

// Keeps the $select-ed properties of a rendered group; false (with the
// name) if one does not exist.
bool ApplySelect(const std::vector<std::string>& select, json::object* o,
                 std::string* unknown) {
  if (select.empty()) return true;
  json::object picked;
  for (const std::string& name : select) {
    auto it = std::find_if(o->begin(), o->end(), [&](const auto& entry) {
      return absl::EqualsIgnoreCase(
          absl::string_view(entry.key().data(), entry.key().size()), name);
    });
    if (it == o->end()) {
      *unknown = name;
      return false;
    }
    picked[it->key()] = it->value();
  }
  *o = std::move(picked);
  return true;
}

constexpr size_t kMaxBoundMembers = 20;

ServerResponse NotYetVisible(const RequestContext& ctx) {
  return GraphError(ctx, 400, "Request_BadRequest",
                    "The source resource object or one of the objects being "
                    "referenced do not exist.");
}

ServerResponse AlreadyMember(const RequestContext& ctx) {
  return GraphError(ctx, 400, "Request_BadRequest",
                    "One or more added object references already exist for "
                    "the following modified properties: 'members'.");
}

ServerResponse UnknownGroupProperty(const RequestContext& ctx,
                                    const std::string& name) {
  return GraphError(ctx, 400, "Request_BadRequest",
                    absl::StrCat("Could not find a property named '", name,
                                 "' on type 'microsoft.graph.group'."));
}

// The object id in "https://<graph host>/v1.0/directoryObjects/{id}"; the
// host may be Graph's configured one or the emulator's own.
std::optional<std::string> ReferencedId(const EmulatorState& state,
                                        const RequestContext& ctx,
                                        absl::string_view url) {
  std::string graph = state.config.graph_resource;
  while (!graph.empty() && graph.back() == '/') graph.pop_back();
  if (!absl::ConsumePrefix(&url, absl::StrCat(graph, "/")) &&
      !absl::ConsumePrefix(&url, absl::StrCat(ctx.base_url, "/"))) {
    return std::nullopt;
  }
  std::vector<std::string> parts = absl::StrSplit(url, '/');
  if (parts.size() != 3 || (parts[0] != "v1.0" && parts[0] != "beta") ||
      (!absl::EqualsIgnoreCase(parts[1], "directoryObjects") &&
       !absl::EqualsIgnoreCase(parts[1], "users")) ||
      parts[2].empty()) {
    return std::nullopt;
  }
  return parts[2];
}

// Reads {"@odata.id": url}; on failure fills `error`.
std::optional<std::string> ReadReference(const EmulatorState& state,
                                         const RequestContext& ctx,
                                         ServerResponse* error) {
  absl::StatusOr<json::value> body = ParseJson(ctx.body());
  if (!body.ok() || !body->is_object()) {
    *error = UnreadableBody(ctx);
    return std::nullopt;
  }
  const json::value* ref = body->get_object().if_contains("@odata.id");
  if (ref == nullptr || !ref->is_string()) {
    *error = GraphError(ctx, 400, "Request_BadRequest",
                        "The request body must contain '@odata.id' with the "
                        "URL of a directory object.");
    return std::nullopt;
  }
  std::string url = ToStd(ref->get_string());
  std::optional<std::string> id = ReferencedId(state, ctx, url);
  if (!id) {
    *error = GraphError(ctx, 400, "Request_BadRequest",
                        absl::StrCat("Invalid object identifier '", Echo(url, 256), "'."));
  }
  return id;
}

// $filter on groups: displayName and mailNickname (eq, in, startsWith),
// mail (also eq null is advanced, so refused). Advanced queries on groups
// are not emulated.
const std::vector<FilterableProperty>& GroupFilterSchema() {
  static const std::vector<FilterableProperty> kSchema = {
      {"displayName", false, true, false},
      {"mail", false, true, false},
      {"mailNickname", false, true, false},
  };
  return kSchema;
}

FieldValue GroupField(const GroupRecord& group, const EmulatorState& state,
                      const std::string& name) {
  const GroupSeed& g = group.seed;
  FieldValue v;
  if (absl::EqualsIgnoreCase(name, "displayName")) {
    v.text = g.display_name;
  } else if (absl::EqualsIgnoreCase(name, "mailNickname")) {
    v.text = g.mail_nickname;
  } else if (g.mail_enabled) {
    v.text = absl::StrCat(g.mail_nickname, "@", state.config.tenant_domain);
  }
  v.is_null = v.text.empty();
  return v;
}

// $count, $orderby and $search are not emulated on group endpoints.
std::optional<ODataError> RefuseAdvanced(const ODataQuery& query,
                                         absl::string_view where) {
  const char* option = query.count     ? "$count"
                       : query.orderby ? "$orderby"
                       : query.search  ? "$search"
                                       : nullptr;
  if (option == nullptr) return std::nullopt;
  return ODataError{"Request_UnsupportedQuery",
                    absl::StrCat("Query option '", option, "' on ", where,
                                 " is not supported by the emulator.")};
}

// Bulk add (graph-api.md 2.2): the ids of "members@odata.bind", checked
// all together before any is added. Unknown or deleted ids are 404 as for
// $ref; a user still inside the replication window, a duplicate in the
// list or an existing member is 400. Any error adds nobody.
std::optional<ServerResponse> BindMembers(EmulatorState& state,
                                          const RequestContext& ctx,
                                          const GroupRecord& group,
                                          const json::value& bind) {
  if (!bind.is_array()) {
    return GraphError(ctx, 400, "Request_BadRequest",
                      "The value of 'members@odata.bind' must be an array of "
                      "directory object URLs.");
  }
  const json::array& urls = bind.get_array();
  if (urls.size() > kMaxBoundMembers) {
    return GraphError(ctx, 400, "Request_BadRequest",
                      absl::StrCat("At most ", kMaxBoundMembers,
                                   " members can be added in one request; "
                                   "this one has ",
                                   urls.size(), "."));
  }
  std::vector<std::string> user_ids;
  std::set<std::string> seen;
  for (const json::value& entry : urls) {
    std::string url = entry.is_string() ? ToStd(entry.get_string()) : "";
    std::optional<std::string> id = ReferencedId(state, ctx, url);
    if (!id) {
      return GraphError(ctx, 400, "Request_BadRequest",
                        absl::StrCat("Invalid object identifier '",
                                     Echo(url, 256), "'."));
    }
    const UserRecord* user = state.directory.FindUser(*id);
    if (user == nullptr) return ResourceNotFound(ctx, *id);
    if (!state.directory.IsVisible(*user, ctx.now)) return NotYetVisible(ctx);
    if (!seen.insert(absl::AsciiStrToLower(user->id)).second ||
        state.directory.IsMember(group.seed.id, user->id)) {
      return AlreadyMember(ctx);
    }
    user_ids.push_back(user->id);
  }
  for (const std::string& id : user_ids) {
    state.directory.AddMember(group.seed.id, id, ctx.now);
  }
  return std::nullopt;
}

}  // namespace

ServerResponse HandleListGroups(EmulatorState& state,
                                const RequestContext& ctx) {
  ODataQuery query;
  if (auto e = ParseODataQuery(ctx.query, &query, "Group")) {
    return GraphError(ctx, 400, e->code, e->message);
  }
  if (auto e = RefuseAdvanced(query, "groups")) {
    return GraphError(ctx, 400, e->code, e->message);
  }
  if (auto e = CheckFilter(query.filter, GroupFilterSchema(), "Group", false)) {
    return GraphError(ctx, 400, e->code, e->message);
  }
  if (query.after_offset) return BadSkipToken(ctx);
  json::array value;
  int64_t last_seq = 0;
  bool more = false;
  for (const GroupRecord& group : state.directory.groups()) {
    if (group.seq <= query.after_seq.value_or(0)) continue;
    FieldLookup lookup = [&](const std::string& name) {
      return GroupField(group, state, name);
    };
    if (!FilterMatches(query.filter, lookup)) continue;
    if (static_cast<int>(value.size()) == query.top) {
      more = true;
      break;
    }
    json::object o = RenderGroup(group, state);
    std::string unknown;
    if (!ApplySelect(query.select, &o, &unknown)) {
      return UnknownGroupProperty(ctx, unknown);
    }
    value.emplace_back(std::move(o));
    last_seq = group.seq;
  }
  json::object body{
      {"@odata.context", absl::StrCat(ctx.base_url, "/v1.0/$metadata#groups")}};
  std::string collection = absl::StrCat(ctx.base_url, "/v1.0/groups");
  if (more) body["@odata.nextLink"] = NextLink(collection, ctx.query, last_seq);
  body["value"] = std::move(value);
  return JsonResponse(200, body);
}

ServerResponse HandleGetGroup(EmulatorState& state, const RequestContext& ctx,
                              const std::string& id) {
  ODataQuery query;
  if (auto e = ParseODataQuery(ctx.query, &query)) {
    return GraphError(ctx, 400, e->code, e->message);
  }
  const GroupRecord* group = state.directory.FindGroup(id);
  if (group == nullptr) return ResourceNotFound(ctx, id);
  json::object o = RenderGroup(*group, state);
  std::string unknown;
  if (!ApplySelect(query.select, &o, &unknown)) {
    return UnknownGroupProperty(ctx, unknown);
  }
  json::object body{
      {"@odata.context",
       absl::StrCat(ctx.base_url, "/v1.0/$metadata#groups/$entity")}};
  for (auto& entry : o) body[entry.key()] = entry.value();
  return JsonResponse(200, body);
}

ServerResponse HandleAddMember(EmulatorState& state, const RequestContext& ctx,
                               const std::string& group_id) {
  ServerResponse error;
  std::optional<std::string> user_id = ReadReference(state, ctx, &error);
  if (!user_id) return error;
  const GroupRecord* group = state.directory.FindGroup(group_id);
  if (group == nullptr) return ResourceNotFound(ctx, group_id);
  UserRecord* user = state.directory.FindUser(*user_id);
  if (user == nullptr) return ResourceNotFound(ctx, *user_id);
  if (!state.directory.IsVisible(*user, ctx.now)) return NotYetVisible(ctx);
  if (state.directory.IsMember(group->seed.id, user->id)) {
    return AlreadyMember(ctx);
  }
  state.directory.AddMember(group->seed.id, user->id, ctx.now);
  return EmptyResponse(204);
}

ServerResponse HandleRemoveMember(EmulatorState& state,
                                  const RequestContext& ctx,
                                  const std::string& group_id,
                                  const std::string& user_id) {
  const GroupRecord* group = state.directory.FindGroup(group_id);
  if (group == nullptr) return ResourceNotFound(ctx, group_id);
  const UserRecord* user = state.directory.FindUser(user_id);
  if (user == nullptr ||
      !state.directory.RemoveMember(group->seed.id, user->id)) {
    return ResourceNotFound(ctx, user_id);
  }
  return EmptyResponse(204);
}

ServerResponse HandleListMembers(EmulatorState& state,
                                 const RequestContext& ctx,
                                 const std::string& group_id) {
  ODataQuery query;
  if (auto e = ParseODataQuery(ctx.query, &query)) {
    return GraphError(ctx, 400, e->code, e->message);
  }
  if (auto e = RefuseAdvanced(query, "group members")) {
    return GraphError(ctx, 400, e->code, e->message);
  }
  if (!query.filter.empty()) {
    return GraphError(ctx, 400, "Request_UnsupportedQuery",
                      "$filter on group members is not supported by the "
                      "emulator.");
  }
  if (query.after_seq) return BadSkipToken(ctx);
  const GroupRecord* group = state.directory.FindGroup(group_id);
  if (group == nullptr) return ResourceNotFound(ctx, group_id);
  std::string unknown;
  auto props = SelectUserProperties(query.select, &unknown);
  if (!unknown.empty()) return UnknownUserProperty(ctx, unknown);
  // Soft-deleted users keep their membership (for a restore) but are not
  // listed.
  std::vector<const UserRecord*> members;
  for (const std::string& id : state.directory.MembersOf(group->seed.id)) {
    if (const UserRecord* user = state.directory.FindUser(id)) {
      members.push_back(user);
    }
  }
  size_t start = static_cast<size_t>(std::min<int64_t>(
      query.after_offset.value_or(0), static_cast<int64_t>(members.size())));
  size_t end = std::min(members.size(), start + static_cast<size_t>(query.top));
  json::array value;
  for (size_t i = start; i < end; ++i) {
    json::object o{{"@odata.type", "#microsoft.graph.user"}};
    for (auto& entry : RenderUserView(*members[i], state, props)) {
      o[entry.key()] = entry.value();
    }
    value.emplace_back(std::move(o));
  }
  json::object body{
      {"@odata.context",
       absl::StrCat(ctx.base_url, "/v1.0/$metadata#directoryObjects")}};
  if (end < members.size()) {
    body["@odata.nextLink"] = NextLinkWithToken(
        absl::StrCat(ctx.base_url, "/v1.0/groups/", group->seed.id, "/members"),
        ctx.query, EncodeOffsetToken(static_cast<int64_t>(end)));
  }
  body["value"] = std::move(value);
  return JsonResponse(200, body);
}

ServerResponse HandlePatchGroup(EmulatorState& state, const RequestContext& ctx,
                                const std::string& group_id,
                                bool members_only) {
  absl::StatusOr<json::value> body = ParseJson(ctx.body());
  if (!body.ok() || !body->is_object()) return UnreadableBody(ctx);
  const GroupRecord* group = state.directory.FindGroup(group_id);
  if (group == nullptr) return ResourceNotFound(ctx, group_id);
  const json::value* bind = nullptr;
  for (const auto& entry : body->get_object()) {
    std::string key(entry.key().data(), entry.key().size());
    if (key == "members@odata.bind") {
      bind = &entry.value();
      continue;
    }
    // Graph lets callers update displayName, description and more; this
    // service never does, so the emulator refuses rather than pretends.
    return GraphError(
        ctx, 400, "Request_BadRequest",
        absl::StrCat("Updating the property '", Echo(key),
                     "' of a group is not supported by the emulator; only "
                     "'members@odata.bind' is."));
  }
  if (bind == nullptr) {
    if (!members_only) return EmptyResponse(204);
    return GraphError(ctx, 400, "Request_BadRequest",
                      "The request body must contain 'members@odata.bind'.");
  }
  if (auto error = BindMembers(state, ctx, *group, *bind)) return *error;
  return EmptyResponse(204);
}

}  // namespace guestinvitation::emulator
