// How a user is rendered on the wire (graph-api.md 3.1): the default
// property set versus $select, shared by /users, group members and
// directory/deletedItems.
#ifndef GUESTINVITATION_TOOLS_GRAPH_EMULATOR_USER_VIEW_H_
#define GUESTINVITATION_TOOLS_GRAPH_EMULATOR_USER_VIEW_H_

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "tools/graph_emulator/emulator_state.h"
#include "tools/graph_emulator/net/https_server.h"
#include "tools/graph_emulator/request_context.h"

namespace guestinvitation::emulator {

struct UserProperty {
  const char* name;
  bool by_default;  // returned without $select
  boost::json::value (*render)(const UserRecord&, const EmulatorState&);
};

// The properties to render for `select` (empty = the default set); on an
// unknown name, sets `unknown` and returns nothing.
std::vector<const UserProperty*> SelectUserProperties(
    const std::vector<std::string>& select, std::string* unknown);

boost::json::object RenderUserView(
    const UserRecord& user, const EmulatorState& state,
    const std::vector<const UserProperty*>& props);

// 400 "Could not find a property named '<name>' on type
// 'microsoft.graph.user'."
ServerResponse UnknownUserProperty(const RequestContext& ctx,
                                   const std::string& name);

}  // namespace guestinvitation::emulator

#endif  // GUESTINVITATION_TOOLS_GRAPH_EMULATOR_USER_VIEW_H_
