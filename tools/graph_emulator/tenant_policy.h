// Tenant policies that refuse an otherwise valid POST /invitations
// (graph-api.md 1.2, 1.4, 1.5): authorizationPolicy.allowInvitesFrom, the
// cross-tenant access block, the B2B domain allow/deny list, the abuse
// block, Member invites and resetting a directory-role holder. The caller
// of the emulator is always an app-only service principal.
#ifndef GUESTINVITATION_TOOLS_GRAPH_EMULATOR_TENANT_POLICY_H_
#define GUESTINVITATION_TOOLS_GRAPH_EMULATOR_TENANT_POLICY_H_

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "tools/graph_emulator/emulator_config.h"
#include "tools/graph_emulator/net/https_server.h"
#include "tools/graph_emulator/request_context.h"

namespace guestinvitation::emulator {

struct EmulatorState;

// The run-time side of TenantPolicyConfig: what PATCH
// /policies/authorizationPolicy and the control endpoints changed.
class TenantPolicyState {
 public:
  // Back to the configured values: no pending PATCH, configured role
  // holders only.
  void Rearm(const TenantPolicyConfig& config);

  // The value GET returns: the last one written.
  AllowInvitesFrom written() const { return pending_.value_or(effective_); }
  // The value invitations are checked against at `now`.
  AllowInvitesFrom EffectiveAt(absl::Time now);
  // A PATCH: takes effect `delay` after `now`.
  void Write(AllowInvitesFrom value, absl::Time now, absl::Duration delay);

  void AddRoleHolder(const std::string& user_id);
  bool IsRoleHolder(const std::string& user_id) const;

 private:
  AllowInvitesFrom effective_ = AllowInvitesFrom::kEveryone;
  std::optional<AllowInvitesFrom> pending_;
  absl::Time pending_at_ = absl::InfiniteFuture();
  std::set<std::string> role_holders_;  // lower-case ids
};

// The lower-cased part after the last '@' (empty if there is none).
std::string DomainOf(const std::string& address);
// Whether `domain` (lower-case) matches an entry of `patterns`.
bool DomainListed(const std::vector<std::string>& patterns,
                  const std::string& domain);
// Whether the allow/deny list lets invitations go to `domain`.
bool DomainAllowedByList(const TenantPolicyConfig& config,
                         const std::string& domain);

// The refusal of a new invitation (or a re-invite / reset) of `email`, in
// check order: allowInvitesFrom, Member without admin, abuse block, domain
// list, cross-tenant block. Counts the refusal in the ledger.
std::optional<ServerResponse> CheckInvitationPolicy(EmulatorState& state,
                                                    const RequestContext& ctx,
                                                    const std::string& email,
                                                    bool member);
// The refusal of an app-only resetRedemption of `user_id` (role holders).
std::optional<ServerResponse> CheckResetPolicy(EmulatorState& state,
                                               const RequestContext& ctx,
                                               const std::string& user_id);

}  // namespace guestinvitation::emulator

#endif  // GUESTINVITATION_TOOLS_GRAPH_EMULATOR_TENANT_POLICY_H_
