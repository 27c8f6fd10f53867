#include "tools/graph_emulator/tenant_policy.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "tools/graph_emulator/emulator_state.h"
#include "tools/graph_emulator/graph_errors.h"

namespace guestinvitation::emulator {
namespace {

// graph-api.md 1.2 [S61]; 403 [S62].
constexpr char kInvitesNotAllowed[] =
    "Guest invitations not allowed for your company. Contact your company "
    "administrator for more details.";
// graph-api.md 1.2 [S6]; status not documented.
constexpr char kCrossTenantBlocked[] =
    "This invitation is blocked by cross-tenant access settings. Admins in "
    "both your organization and the invited user's organization must "
    "configure cross-tenant access settings to allow the invitation.";
// UNCONFIRMED wording: Microsoft's allow/deny-list page only says the
// inviter gets "a message saying that the domain of the user is currently
// blocked by your invitation policy".
constexpr char kDomainBlocked[] =
    "The domain of the invited user is currently blocked by your invitation "
    "policy.";
// graph-api.md 1.4 [S80].
constexpr char kAbuseBlocked[] =
    "Invitations are blocked for this directory due to suspicious activity";
// graph-api.md 4.1 [S32].
constexpr char kInsufficientPrivileges[] =
    "Insufficient privileges to complete the operation.";

ServerResponse Refuse(EmulatorState& state, const RequestContext& ctx,
                      const char* reason, int status, const std::string& code,
                      const char* message) {
  ++state.ledger.invitations_refused[reason];
  return GraphError(ctx, status, code, message);
}

bool AppOnlyMayInvite(AllowInvitesFrom value) {
  // An app-only principal is neither an admin nor a Guest Inviter here:
  // only "everyone" and "adminsGuestInvitersAndAllMembers" let it through
  // (graph-api.md 1.2: refused under adminsAndGuestInviters even with the
  // Guest Inviter role).
  return value == AllowInvitesFrom::kEveryone ||
         value == AllowInvitesFrom::kAdminsGuestInvitersAndAllMembers;
}

}  // namespace

void TenantPolicyState::Rearm(const TenantPolicyConfig& config) {
  effective_ = config.allow_invites_from;
  pending_.reset();
  pending_at_ = absl::InfiniteFuture();
  role_holders_.clear();
  for (const std::string& id : config.role_holder_user_ids) AddRoleHolder(id);
}

AllowInvitesFrom TenantPolicyState::EffectiveAt(absl::Time now) {
  if (pending_ && now >= pending_at_) {
    effective_ = *pending_;
    pending_.reset();
    pending_at_ = absl::InfiniteFuture();
  }
  return effective_;
}

void TenantPolicyState::Write(AllowInvitesFrom value, absl::Time now,
                              absl::Duration delay) {
  EffectiveAt(now);  // an earlier PATCH that is due applies first
  pending_ = value;
  pending_at_ = now + delay;
  EffectiveAt(now);  // no delay: applies at once
}

void TenantPolicyState::AddRoleHolder(const std::string& user_id) {
  role_holders_.insert(absl::AsciiStrToLower(user_id));
}

bool TenantPolicyState::IsRoleHolder(const std::string& user_id) const {
  return role_holders_.count(absl::AsciiStrToLower(user_id)) > 0;
}

std::string DomainOf(const std::string& address) {
  size_t at = address.rfind('@');
  if (at == std::string::npos) return "";
  return absl::AsciiStrToLower(address.substr(at + 1));
}

bool DomainListed(const std::vector<std::string>& patterns,
                  const std::string& domain) {
  for (const std::string& p : patterns) {
    if (absl::StartsWith(p, "*.")) {
      // "*.contoso.com" -> any "x.contoso.com", not "contoso.com".
      if (absl::EndsWith(domain, p.substr(1))) return true;
    } else if (domain == p) {
      return true;
    }
  }
  return false;
}

bool DomainAllowedByList(const TenantPolicyConfig& config,
                         const std::string& domain) {
  if (!config.domain_allow_list.empty()) {
    return DomainListed(config.domain_allow_list, domain);
  }
  return !DomainListed(config.domain_deny_list, domain);
}

std::optional<ServerResponse> CheckInvitationPolicy(EmulatorState& state,
                                                    const RequestContext& ctx,
                                                    const std::string& email,
                                                    bool member) {
  const TenantPolicyConfig& cfg = state.config.tenant_policy;
  if (!AppOnlyMayInvite(state.tenant_policy.EffectiveAt(ctx.now))) {
    return Refuse(state, ctx, "allow_invites_from", 403, cfg.refusal_code,
                  kInvitesNotAllowed);
  }
  if (member && !cfg.caller_is_admin) {
    return Refuse(state, ctx, "member_invite", 403,
                  "Authorization_RequestDenied", kInsufficientPrivileges);
  }
  if (cfg.abuse_block_after_invites > 0 &&
      state.ledger.invitations_succeeded >= cfg.abuse_block_after_invites) {
    return Refuse(state, ctx, "abuse_block", 403, cfg.refusal_code,
                  kAbuseBlocked);
  }
  std::string domain = DomainOf(email);
  if (!DomainAllowedByList(cfg, domain)) {
    return Refuse(state, ctx, "domain_list", cfg.domain_blocked_status,
                  cfg.refusal_code, kDomainBlocked);
  }
  if (DomainListed(cfg.cross_tenant_blocked_domains, domain)) {
    return Refuse(state, ctx, "cross_tenant", cfg.cross_tenant_status,
                  cfg.refusal_code, kCrossTenantBlocked);
  }
  return std::nullopt;
}

std::optional<ServerResponse> CheckResetPolicy(EmulatorState& state,
                                               const RequestContext& ctx,
                                               const std::string& user_id) {
  if (!state.tenant_policy.IsRoleHolder(user_id)) return std::nullopt;
  return Refuse(state, ctx, "reset_role_holder", 403,
                "Authorization_RequestDenied", kInsufficientPrivileges);
}

}  // namespace guestinvitation::emulator
