#include "tools/graph_emulator/user_view.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tools/graph_emulator/graph_errors.h"

namespace guestinvitation::emulator {
namespace {

namespace json = boost::json;

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

}  // namespace

std::vector<const UserProperty*> SelectUserProperties(
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

json::object RenderUserView(const UserRecord& user, const EmulatorState& state,
                            const std::vector<const UserProperty*>& props) {
  json::object o;
  for (const UserProperty* p : props) o[p->name] = p->render(user, state);
  return o;
}

ServerResponse UnknownUserProperty(const RequestContext& ctx,
                                   const std::string& name) {
  return GraphError(ctx, 400, "Request_BadRequest",
                    absl::StrCat("Could not find a property named '", name,
                                 "' on type 'microsoft.graph.user'."));
}

}  // namespace guestinvitation::emulator
