// The endpoint handlers GraphEmulator dispatches to, one file per concern.
// Each runs under the emulator's mutex with the request already routed,
// authenticated (for Graph paths) and past fault injection.
#ifndef GUESTINVITATION_TOOLS_GRAPH_EMULATOR_HANDLERS_H_
#define GUESTINVITATION_TOOLS_GRAPH_EMULATOR_HANDLERS_H_

#include <optional>
#include <string>

#include "tools/graph_emulator/emulator_state.h"
#include "tools/graph_emulator/net/https_server.h"
#include "tools/graph_emulator/request_context.h"

namespace guestinvitation::emulator {

// token_endpoint.cc
ServerResponse HandleTokenRequest(EmulatorState& state,
                                  const RequestContext& ctx,
                                  const std::string& tenant);
// A 401 response unless the request carries a live bearer token.
std::optional<ServerResponse> CheckBearer(EmulatorState& state,
                                          const RequestContext& ctx);

// invitations.cc
ServerResponse HandleCreateInvitation(EmulatorState& state,
                                      const RequestContext& ctx);
// The invited address of a POST /invitations body, for the ledger, even
// when the request will be refused or faulted; empty if unreadable.
std::string InvitedAddressOf(const std::string& body);

// users.cc
ServerResponse HandleListUsers(EmulatorState& state, const RequestContext& ctx);
// GET /users/$count: text/plain; needs ConsistencyLevel: eventual.
ServerResponse HandleCountUsers(EmulatorState& state,
                                const RequestContext& ctx);
ServerResponse HandleGetUser(EmulatorState& state, const RequestContext& ctx,
                             const std::string& id);
ServerResponse HandlePatchUser(EmulatorState& state, const RequestContext& ctx,
                               const std::string& id);
ServerResponse HandleDeleteUser(EmulatorState& state, const RequestContext& ctx,
                                const std::string& id);

// groups.cc
ServerResponse HandleListGroups(EmulatorState& state,
                                const RequestContext& ctx);
ServerResponse HandleGetGroup(EmulatorState& state, const RequestContext& ctx,
                              const std::string& id);
ServerResponse HandleAddMember(EmulatorState& state, const RequestContext& ctx,
                               const std::string& group_id);
ServerResponse HandleRemoveMember(EmulatorState& state,
                                  const RequestContext& ctx,
                                  const std::string& group_id,
                                  const std::string& user_id);
ServerResponse HandleListMembers(EmulatorState& state,
                                 const RequestContext& ctx,
                                 const std::string& group_id);
// PATCH /groups/{id} (members_only = false) and POST /groups/{id}/members
// (members_only = true): "members@odata.bind", at most 20, all or nothing.
ServerResponse HandlePatchGroup(EmulatorState& state, const RequestContext& ctx,
                                const std::string& group_id, bool members_only);

// deleted_items.cc: /directory/deletedItems/{id}[/restore].
ServerResponse HandleGetDeletedItem(EmulatorState& state,
                                    const RequestContext& ctx,
                                    const std::string& id);
ServerResponse HandlePurgeDeletedItem(EmulatorState& state,
                                      const RequestContext& ctx,
                                      const std::string& id);
ServerResponse HandleRestoreDeletedItem(EmulatorState& state,
                                        const RequestContext& ctx,
                                        const std::string& id);

// policies.cc: /v1.0/policies/authorizationPolicy.
ServerResponse HandleGetAuthorizationPolicy(EmulatorState& state,
                                            const RequestContext& ctx);
ServerResponse HandlePatchAuthorizationPolicy(EmulatorState& state,
                                              const RequestContext& ctx);

// redemption.cc: POST /_emulator/redeem and POST /_emulator/assign-role.
ServerResponse HandleRedeem(EmulatorState& state, const RequestContext& ctx);
ServerResponse HandleAssignRole(EmulatorState& state,
                                const RequestContext& ctx);

// control.cc: /_emulator/ledger, /_emulator/reset, /_emulator/config,
// /_emulator/revoke-tokens.
ServerResponse HandleControl(EmulatorState& state, const RequestContext& ctx);
// Shared with GraphEmulator's in-process API.
void ResetState(EmulatorState& state);
void ApplyConfig(EmulatorState& state, EmulatorConfig config, absl::Time now);
uint64_t TlsConnections(const EmulatorState& state);

}  // namespace guestinvitation::emulator

#endif  // GUESTINVITATION_TOOLS_GRAPH_EMULATOR_HANDLERS_H_
