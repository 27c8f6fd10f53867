// /v1.0/groups, /v1.0/groups/{id} and membership by $ref (graph-api.md
// 2.1, 2.3): 204 on add, the "already exist" 400, 404 for unknown ids, and
// the replication-lag 400 for users created a moment ago.

#include <algorithm>
#include <boost/json.hpp>
#include <optional>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "tools/graph_emulator/graph_errors.h"
#include "tools/graph_emulator/handlers.h"
#include "tools/graph_emulator/json_util.h"

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
                        absl::StrCat("Invalid object identifier '", url, "'."));
  }
  return id;
}

}  // namespace

ServerResponse HandleListGroups(EmulatorState& state,
                                const RequestContext& ctx) {
  ODataQuery query;
  if (auto e = ParseODataQuery(ctx.query, &query)) {
    return GraphError(ctx, 400, e->code, e->message);
  }
  if (!query.filter.empty()) {
    return GraphError(ctx, 400, "Request_UnsupportedQuery",
                      "$filter on groups is not supported by the emulator.");
  }
  json::array value;
  int64_t last_seq = 0;
  bool more = false;
  for (const GroupRecord& group : state.directory.groups()) {
    if (group.seq <= query.after_seq.value_or(0)) continue;
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
  if (!state.directory.IsVisible(*user, ctx.now)) {
    return GraphError(ctx, 400, "Request_BadRequest",
                      "The source resource object or one of the objects being "
                      "referenced do not exist.");
  }
  if (state.directory.IsMember(group->seed.id, user->id)) {
    return GraphError(ctx, 400, "Request_BadRequest",
                      "One or more added object references already exist for "
                      "the following modified properties: 'members'.");
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

}  // namespace guestinvitation::emulator
