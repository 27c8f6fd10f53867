// Tenant policies that refuse POST /v1.0/invitations, the authorizationPolicy
// endpoint, and the redemption / role control endpoints.
#include "tests/unit/emulator_test_support.h"

namespace guestinvitation::emulator::testing {
namespace {

using ::testing::HasSubstr;

constexpr char kNotAllowed[] =
    "Guest invitations not allowed for your company. Contact your company "
    "administrator for more details.";
constexpr char kCrossTenant[] =
    "This invitation is blocked by cross-tenant access settings. Admins in "
    "both your organization and the invited user's organization must "
    "configure cross-tenant access settings to allow the invitation.";
constexpr char kAbuse[] =
    "Invitations are blocked for this directory due to suspicious activity";
constexpr char kPolicy[] = "/v1.0/policies/authorizationPolicy";

class EmulatorTenantPolicyTest : public EmulatorTest {
 protected:
  void Policy(const std::string& tenant_policy_json) {
    Make(Config(absl::StrCat(R"({"tenant_policy":)", tenant_policy_json, "}")));
  }
  boost::json::object Ledger() { return emu_->Ledger(); }
  int64_t Refused(const char* reason) {
    boost::json::object ledger = Ledger();
    const boost::json::object& refused =
        ledger.at("invitations_refused").as_object();
    const boost::json::value* v = refused.if_contains(reason);
    return v == nullptr ? 0 : v->as_int64();
  }
  size_t UserCount() { return Ledger().at("users").as_array().size(); }
  std::string AllowInvitesFromNow() {
    ServerResponse r = Graph("GET", kPolicy);
    EXPECT_EQ(r.status, 200) << r.body;
    return Str(Json(r).at("allowInvitesFrom"));
  }
  ServerResponse Reset(const std::string& id, const std::string& email) {
    return Invite(email, absl::StrCat(R"(,"resetRedemption":true,)",
                                      R"("invitedUser":{"id":")", id, R"("})"));
  }
  ServerResponse Control(const std::string& name, const std::string& body) {
    return Send("POST", absl::StrCat("/_emulator/", name), body);
  }
  std::string StateOf(const std::string& id) {
    ServerResponse r =
        Graph("GET", absl::StrCat("/v1.0/users/", id,
                                  "?$select=externalUserState,"
                                  "externalUserStateChangeDateTime"));
    EXPECT_EQ(r.status, 200) << r.body;
    boost::json::value v = Json(r);
    return absl::StrCat(Str(v.at("externalUserState")), " ",
                        Str(v.at("externalUserStateChangeDateTime")));
  }
};

TEST_F(EmulatorTenantPolicyTest, EveryoneIsTheDefaultAndInvitesWork) {
  EXPECT_EQ(AllowInvitesFromNow(), "everyone");
  EXPECT_EQ(Invite("a@fabrikam.com").status, 201);
}

TEST_F(EmulatorTenantPolicyTest, RestrictedAllowInvitesFromRefusesAppOnly) {
  for (const char* value : {"none", "adminsAndGuestInviters"}) {
    Policy(absl::StrCat(R"({"allow_invites_from":")", value, R"("})"));
    ServerResponse r =
        Invite("a@fabrikam.com", R"(,"sendInvitationMessage":true)");
    EXPECT_EQ(r.status, 403) << value;
    EXPECT_EQ(ErrorCode(r), "Authorization_RequestDenied");
    EXPECT_EQ(ErrorMessage(r), kNotAllowed);
    EXPECT_FALSE(HeaderOf(r, "request-id").empty());
    // Nothing created, no email, but the POST is still counted.
    EXPECT_EQ(UserCount(), 0u);
    EXPECT_TRUE(Ledger().at("emails_sent").as_object().empty());
    EXPECT_EQ(Ledger().at("invitation_posts").at("a@fabrikam.com").as_int64(),
              1);
    EXPECT_EQ(Refused("allow_invites_from"), 1);
    EXPECT_EQ(Ledger().at("invitations_succeeded").as_int64(), 0);
  }
}

TEST_F(EmulatorTenantPolicyTest, MembersMayInviteLetsAppOnlyThrough) {
  Policy(R"({"allow_invites_from":"adminsGuestInvitersAndAllMembers"})");
  EXPECT_EQ(Invite("a@fabrikam.com").status, 201);
}

TEST_F(EmulatorTenantPolicyTest, RefusalCodeIsConfigurable) {
  Policy(R"({"allow_invites_from":"none","refusal_code":"Forbidden"})");
  EXPECT_EQ(ErrorCode(Invite("a@fabrikam.com")), "Forbidden");
}

TEST_F(EmulatorTenantPolicyTest, ValidationComesBeforePolicy) {
  Policy(R"({"allow_invites_from":"none"})");
  ServerResponse r = Graph("POST", "/v1.0/invitations",
                           R"({"invitedUserEmailAddress":"a@fabrikam.com"})");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Invite("not an address").status, 400);
  EXPECT_EQ(Refused("allow_invites_from"), 0);
}

TEST_F(EmulatorTenantPolicyTest, GetAuthorizationPolicyHasGraphShape) {
  ServerResponse r = Graph("GET", "/v1.0/Policies/AuthorizationPolicy");
  ASSERT_EQ(r.status, 200) << r.body;
  boost::json::object body = Json(r).as_object();
  EXPECT_EQ(Str(body.at("@odata.context")),
            absl::StrCat(kBase,
                         "/v1.0/$metadata#policies/authorizationPolicy/"
                         "$entity"));
  EXPECT_EQ(Str(body.at("id")), "authorizationPolicy");
  EXPECT_EQ(Str(body.at("allowInvitesFrom")), "everyone");
  EXPECT_TRUE(body.at("defaultUserRolePermissions").is_object());
  EXPECT_EQ(Str(body.at("guestUserRoleId")).size(), 36u);
}

TEST_F(EmulatorTenantPolicyTest, AuthorizationPolicyNeedsAToken) {
  EXPECT_EQ(Send("GET", kPolicy).status, 401);
  EXPECT_EQ(Send("PATCH", kPolicy, R"({"allowInvitesFrom":"none"})").status,
            401);
  EXPECT_EQ(AllowInvitesFromNow(), "everyone");
}

TEST_F(EmulatorTenantPolicyTest, PatchAppliesAtOnceWithoutDelay) {
  ServerResponse r = Graph("PATCH", kPolicy, R"({"allowInvitesFrom":"none"})");
  EXPECT_EQ(r.status, 204);
  EXPECT_TRUE(r.body.empty());
  EXPECT_EQ(AllowInvitesFromNow(), "none");
  EXPECT_EQ(Invite("a@fabrikam.com").status, 403);
  ASSERT_EQ(
      Graph("PATCH", kPolicy, R"({"allowInvitesFrom":"everyone"})").status,
      204);
  EXPECT_EQ(Invite("a@fabrikam.com").status, 201);
}

TEST_F(EmulatorTenantPolicyTest, PatchTakesEffectAfterTheApplyDelay) {
  Policy(R"({"apply_delay_s":900})");
  ASSERT_EQ(Graph("PATCH", kPolicy, R"({"allowInvitesFrom":"none"})").status,
            204);
  EXPECT_EQ(AllowInvitesFromNow(), "none");  // GET shows what was written
  EXPECT_EQ(Invite("a@fabrikam.com").status, 201);
  now_ += absl::Seconds(899);
  EXPECT_EQ(Invite("b@fabrikam.com").status, 201);
  now_ += absl::Seconds(1);
  EXPECT_EQ(Invite("c@fabrikam.com").status, 403);
  // Loosening it again is just as slow.
  ASSERT_EQ(
      Graph("PATCH", kPolicy, R"({"allowInvitesFrom":"everyone"})").status,
      204);
  EXPECT_EQ(Invite("c@fabrikam.com").status, 403);
  now_ += absl::Seconds(900);
  EXPECT_EQ(Invite("c@fabrikam.com").status, 201);
}

TEST_F(EmulatorTenantPolicyTest, PatchRejectsBadValuesAndProperties) {
  for (const char* body :
       {R"({"allowInvitesFrom":"nobody"})", R"({"allowInvitesFrom":"None"})",
        R"({"allowInvitesFrom":"unknownFutureValue"})",
        R"({"allowInvitesFrom":3})", R"({"allowInvitesFrom":null})",
        R"({"blockMsolPowerShell":true})", "[]", "{", ""}) {
    ServerResponse r = Graph("PATCH", kPolicy, body);
    EXPECT_EQ(r.status, 400) << body;
  }
  ServerResponse r =
      Graph("PATCH", kPolicy, R"({"allowInvitesFrom":"nobody"})");
  EXPECT_THAT(ErrorMessage(r), HasSubstr("'nobody'"));
  EXPECT_THAT(ErrorMessage(r), HasSubstr("microsoft.graph.allowInvitesFrom"));
  EXPECT_EQ(AllowInvitesFromNow(), "everyone");
  EXPECT_EQ(Graph("POST", kPolicy, "{}").status, 405);
  EXPECT_EQ(Graph("GET", "/v1.0/policies/other").status, 404);
}

TEST_F(EmulatorTenantPolicyTest, ResetAndNewConfigForgetAPatch) {
  Graph("PATCH", kPolicy, R"({"allowInvitesFrom":"none"})");
  ASSERT_EQ(Send("POST", "/_emulator/reset").status, 204);
  EXPECT_EQ(AllowInvitesFromNow(), "everyone");
  Graph("PATCH", kPolicy, R"({"allowInvitesFrom":"none"})");
  emu_->ReplaceConfig(DefaultEmulatorConfig());
  EXPECT_EQ(AllowInvitesFromNow(), "everyone");
}

TEST_F(EmulatorTenantPolicyTest, CrossTenantBlockedDomains) {
  Policy(R"({"cross_tenant_blocked_domains":["Fabrikam.com","*.agency.gov"]})");
  ServerResponse r = Invite("a@FABRIKAM.com");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(ErrorCode(r), "Authorization_RequestDenied");
  EXPECT_EQ(ErrorMessage(r), kCrossTenant);
  EXPECT_EQ(Invite("a@eu.agency.gov").status, 403);
  EXPECT_EQ(Invite("a@sub.fabrikam.com").status, 201);  // exact entry only
  EXPECT_EQ(Invite("a@agency.gov").status, 201);  // "*." = subdomains only
  EXPECT_EQ(Invite("a@notfabrikam.com").status, 201);
  EXPECT_EQ(Refused("cross_tenant"), 2);
  EXPECT_EQ(UserCount(), 3u);
}

TEST_F(EmulatorTenantPolicyTest, CrossTenantStatusIsConfigurable) {
  Policy(R"({"cross_tenant_blocked_domains":["x.com"],
             "cross_tenant_status":400})");
  EXPECT_EQ(Invite("a@x.com").status, 400);
}

TEST_F(EmulatorTenantPolicyTest, DenyListBlocksListedDomainsOnly) {
  Policy(R"({"domain_deny_list":["gmail.com","*.example.org"]})");
  ServerResponse r = Invite("someone@GMail.Com");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(ErrorCode(r), "Authorization_RequestDenied");
  EXPECT_THAT(ErrorMessage(r), HasSubstr("blocked by your invitation policy"));
  EXPECT_EQ(Invite("a@mail.example.org").status, 403);
  EXPECT_EQ(Invite("a@example.org").status, 201);
  EXPECT_EQ(Invite("a@fabrikam.com").status, 201);
  EXPECT_EQ(Refused("domain_list"), 2);
}

TEST_F(EmulatorTenantPolicyTest, AllowListBlocksEverythingElse) {
  Policy(R"({"domain_allow_list":["fabrikam.com"],
             "domain_blocked_status":400})");
  EXPECT_EQ(Invite("a@fabrikam.com").status, 201);
  EXPECT_EQ(Invite("a@contoso.com").status, 400);
  EXPECT_EQ(Invite("a@eu.fabrikam.com").status, 400);
  EXPECT_EQ(UserCount(), 1u);
}

TEST_F(EmulatorTenantPolicyTest, AbuseBlockCountsOnlySuccessfulInvites) {
  Policy(R"({"abuse_block_after_invites":2,
             "domain_deny_list":["gmail.com"]})");
  EXPECT_EQ(Invite("a@fabrikam.com").status, 201);
  EXPECT_EQ(Invite("x@gmail.com").status, 403);  // refused: not counted
  EXPECT_EQ(Invite("bad address").status, 400);  // invalid: not counted
  EXPECT_EQ(Invite("b@fabrikam.com").status, 201);
  EXPECT_EQ(Ledger().at("invitations_succeeded").as_int64(), 2);
  for (const char* email : {"c@fabrikam.com", "a@fabrikam.com"}) {
    ServerResponse r = Invite(email);
    EXPECT_EQ(r.status, 403) << email;
    EXPECT_EQ(ErrorMessage(r), kAbuse);
  }
  // Permanent: time does not lift it.
  now_ += absl::Hours(24 * 30);
  token_.clear();  // the old one expired
  EXPECT_EQ(Invite("d@fabrikam.com").status, 403);
  EXPECT_EQ(Refused("abuse_block"), 3);
  EXPECT_EQ(UserCount(), 2u);
  // Only a reset does.
  ASSERT_EQ(Send("POST", "/_emulator/reset").status, 204);
  EXPECT_EQ(Invite("d@fabrikam.com").status, 201);
}

TEST_F(EmulatorTenantPolicyTest, AbuseBlockCountsReinvitesAndResets) {
  Policy(R"({"abuse_block_after_invites":3})");
  std::string id = InviteUser("a@fabrikam.com");
  EXPECT_EQ(Invite("a@fabrikam.com").status, 201);  // re-invite
  EXPECT_EQ(Reset(id, "a@fabrikam.com").status, 201);
  EXPECT_EQ(Reset(id, "a@fabrikam.com").status, 403);
}

TEST_F(EmulatorTenantPolicyTest, AbuseBlockOffByDefault) {
  for (int i = 0; i < 30; ++i) {
    ASSERT_EQ(Invite(absl::StrCat("u", i, "@fabrikam.com")).status, 201);
  }
}

TEST_F(EmulatorTenantPolicyTest, MemberInviteNeedsAdmin) {
  ServerResponse r = Invite("m@fabrikam.com", R"(,"invitedUserType":"Member")");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(ErrorCode(r), "Authorization_RequestDenied");
  EXPECT_EQ(ErrorMessage(r),
            "Insufficient privileges to complete the operation.");
  EXPECT_EQ(Refused("member_invite"), 1);
  EXPECT_EQ(UserCount(), 0u);
  EXPECT_EQ(Invite("g@fabrikam.com", R"(,"invitedUserType":"Guest")").status,
            201);
  Policy(R"({"caller_is_admin":true})");
  EXPECT_EQ(Invite("m@fabrikam.com", R"(,"invitedUserType":"member")").status,
            201);
}

TEST_F(EmulatorTenantPolicyTest, PolicyOrderAllowInvitesFromFirst) {
  Policy(R"({"allow_invites_from":"none","domain_deny_list":["x.com"],
             "cross_tenant_blocked_domains":["x.com"]})");
  EXPECT_EQ(ErrorMessage(Invite("a@x.com", R"(,"invitedUserType":"Member")")),
            kNotAllowed);
  Policy(R"({"domain_deny_list":["x.com"],
             "cross_tenant_blocked_domains":["x.com"]})");
  EXPECT_THAT(ErrorMessage(Invite("a@x.com")),
              HasSubstr("blocked by your invitation policy"));
}

TEST_F(EmulatorTenantPolicyTest, ResetOfARoleHolderIsRefused) {
  std::string holder = InviteUser("h@fabrikam.com");
  std::string other = InviteUser("o@fabrikam.com");
  ASSERT_EQ(AddMember(kGroup1, holder).status, 204);
  ASSERT_EQ(
      Control("assign-role", absl::StrCat(R"({"user_id":")", holder, R"("})"))
          .status,
      204);
  ServerResponse r = Reset(holder, "h@fabrikam.com");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(ErrorCode(r), "Authorization_RequestDenied");
  EXPECT_EQ(ErrorMessage(r),
            "Insufficient privileges to complete the operation.");
  EXPECT_EQ(Refused("reset_role_holder"), 1);
  EXPECT_EQ(Reset(other, "o@fabrikam.com").status, 201);
  // A plain re-invite of the role holder is not a reset.
  EXPECT_EQ(Invite("h@fabrikam.com").status, 201);
  // Unknown users are still 404 first.
  EXPECT_EQ(
      Reset("00000000-0000-4000-8000-000000000000", "h@fabrikam.com").status,
      404);
}

TEST_F(EmulatorTenantPolicyTest, RoleHoldersFromConfig) {
  Policy(R"({"role_holder_user_ids":["ABC-1"]})");
  std::string id = InviteUser("h@fabrikam.com");  // not listed
  EXPECT_EQ(Reset(id, "h@fabrikam.com").status, 201);
  EmulatorConfig config =
      Config(absl::StrCat(R"({"tenant_policy":{"role_holder_user_ids":[")",
                          absl::AsciiStrToUpper(id), R"("]}})"));
  emu_->ReplaceConfig(config);
  EXPECT_EQ(Reset(id, "h@fabrikam.com").status, 403);
}

TEST_F(EmulatorTenantPolicyTest, AssignRoleValidatesItsBody) {
  EXPECT_EQ(Control("assign-role", "{}").status, 400);
  EXPECT_EQ(Control("assign-role", R"({"user_id":5})").status, 400);
  EXPECT_EQ(Control("assign-role", "nope").status, 400);
  EXPECT_EQ(Control("assign-role", R"({"user_id":"nobody"})").status, 404);
}

TEST_F(EmulatorTenantPolicyTest, RedeemAcceptsAndResetRedemptionUndoes) {
  std::string id = InviteUser("a@fabrikam.com");
  EXPECT_EQ(StateOf(id), "PendingAcceptance 2026-01-01T00:00:00Z");
  now_ += absl::Minutes(5);
  ServerResponse r =
      Control("redeem", absl::StrCat(R"({"user_id":")", id, R"("})"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Str(Json(r).at("externalUserState")), "Accepted");
  EXPECT_EQ(StateOf(id), "Accepted 2026-01-01T00:05:00Z");
  // Redeeming again changes nothing.
  now_ += absl::Minutes(5);
  ASSERT_EQ(Control("redeem", R"({"address":"A@Fabrikam.com"})").status, 200);
  EXPECT_EQ(StateOf(id), "Accepted 2026-01-01T00:05:00Z");
  // The ledger shows the state.
  boost::json::value user = boost::json::value(Ledger()).at("users").at(0);
  EXPECT_EQ(Str(user.at("externalUserState")), "Accepted");
  EXPECT_EQ(Str(user.at("externalUserStateChangeDateTime")),
            "2026-01-01T00:05:00Z");
  // resetRedemption puts it back to pending.
  ASSERT_EQ(Reset(id, "a@fabrikam.com").status, 201);
  EXPECT_EQ(StateOf(id), "PendingAcceptance 2026-01-01T00:10:00Z");
}

TEST_F(EmulatorTenantPolicyTest, RedeemFailsOnceTheDomainIsBlocked) {
  std::string pending = InviteUser("p@fabrikam.com");
  std::string accepted = InviteUser("a@fabrikam.com");
  ASSERT_EQ(Control("redeem", R"({"address":"a@fabrikam.com"})").status, 200);
  EmulatorConfig config =
      Config(R"({"tenant_policy":{"domain_deny_list":["fabrikam.com"]}})");
  emu_->ReplaceConfig(config);
  ServerResponse r =
      Control("redeem", absl::StrCat(R"({"user_id":")", pending, R"("})"));
  EXPECT_EQ(r.status, 403);
  EXPECT_THAT(StateOf(pending), HasSubstr("PendingAcceptance"));
  // Already redeemed guests are not affected.
  EXPECT_EQ(Control("redeem", R"({"address":"a@fabrikam.com"})").status, 200);
  EXPECT_THAT(StateOf(accepted), HasSubstr("Accepted"));
}

TEST_F(EmulatorTenantPolicyTest, RedeemValidatesItsBody) {
  InviteUser("a@fabrikam.com");
  for (const char* body :
       {"", "[]", "{}", R"({"user_id":""})", R"({"address":7})",
        R"({"user_id":"x","address":"a@fabrikam.com"})"}) {
    EXPECT_EQ(Control("redeem", body).status, 400) << body;
  }
  EXPECT_EQ(Control("redeem", R"({"address":"b@fabrikam.com"})").status, 404);
  EXPECT_EQ(Send("GET", "/_emulator/redeem").status, 404);
}

}  // namespace
}  // namespace guestinvitation::emulator::testing
