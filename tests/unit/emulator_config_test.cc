// Parsing of the emulator's JSON configuration.
#include "tests/unit/emulator_jwt_test_support.h"
#include "tests/unit/emulator_test_support.h"

namespace guestinvitation::emulator::testing {
namespace {

using ::testing::HasSubstr;

// `json` is refused as INVALID_ARGUMENT, naming `expected` (the JSON path
// of the offending key) in the message.
void ExpectRefused(const std::string& json, const std::string& expected) {
  absl::StatusOr<EmulatorConfig> config = ParseEmulatorConfig(json);
  const std::string shown = json.substr(0, 200);
  ASSERT_FALSE(config.ok()) << shown;
  EXPECT_EQ(config.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(config.status().message()), HasSubstr(expected))
      << shown;
}

TEST(EmulatorConfigTest, EmptyObjectGivesDefaults) {
  absl::StatusOr<EmulatorConfig> config = ParseEmulatorConfig("{}");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->seed, 1u);
  EXPECT_EQ(config->tenant_domain, "contoso.onmicrosoft.com");
  EXPECT_EQ(config->graph_resource, "https://graph.microsoft.com");
  EXPECT_EQ(config->token.expires_in, 3599);
  EXPECT_EQ(config->token.ext_expires_in, 3599);
  EXPECT_EQ(config->token.refresh_in, 0);
  EXPECT_EQ(config->invitations.reinvite_existing, ReinviteMode::kNewUrl);
  EXPECT_EQ(config->consistency_delay, absl::ZeroDuration());
  ASSERT_EQ(config->groups.size(), 3u);
  EXPECT_EQ(config->groups[0].display_name, "Fabrikam Partners");
  EXPECT_TRUE(config->faults.empty());
  EXPECT_TRUE(config->latency.empty());
}

TEST(EmulatorConfigTest, FullConfigParses) {
  absl::StatusOr<EmulatorConfig> config = ParseEmulatorConfig(R"({
    "seed": 99,
    "tenant_domain": "fabrikam.onmicrosoft.com",
    "graph_resource": "https://graph.microsoft.us",
    "token": {"expires_in": 600, "ext_expires_in": 700, "refresh_in": 300},
    "invitations": {"reinvite_existing": "error", "already_exists_status": 409,
                    "already_exists_code": "Conflict", "validation_status": 400,
                    "validation_code": "Request_BadRequest",
                    "redeem_url_base": "https://login.microsoftonline.us/redeem"},
    "consistency": {"delay_ms": 2500, "not_found_code": "Directory_ObjectNotFound"},
    "groups": [{"id": "g1", "display_name": "G", "description": "d",
                "mail_nickname": "g", "security_enabled": false,
                "mail_enabled": true}],
    "latency": [{"method": "post", "path_prefix": "/v1.0/invitations",
                 "delay_ms": 300}],
    "faults": [{"method": "POST", "path_regex": "/v1\\.0/invitations",
                "kind": "status", "status": 429, "count": 3, "skip": 1,
                "retry_after": "http_date", "retry_after_seconds": 2.5},
               {"kind": "hang", "apply": true, "probability": 0.25},
               {"kind": "delay", "delay_ms": 1000}]
  })");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->seed, 99u);
  EXPECT_EQ(config->token.refresh_in, 300);
  EXPECT_EQ(config->invitations.already_exists_status, 409);
  EXPECT_EQ(config->consistency_delay, absl::Milliseconds(2500));
  EXPECT_EQ(config->consistency_not_found_code, "Directory_ObjectNotFound");
  ASSERT_EQ(config->groups.size(), 1u);
  EXPECT_TRUE(config->groups[0].mail_enabled);
  ASSERT_EQ(config->latency.size(), 1u);
  EXPECT_EQ(config->latency[0].match.method, "POST");
  ASSERT_EQ(config->faults.size(), 3u);
  EXPECT_EQ(config->faults[0].retry_after, RetryAfterForm::kHttpDate);
  EXPECT_EQ(config->faults[0].count, 3);
  EXPECT_TRUE(config->faults[0].match.Matches("POST", "/v1.0/invitations"));
  EXPECT_FALSE(config->faults[0].match.Matches("POST", "/v1.0/invitations/x"));
  EXPECT_EQ(config->faults[1].kind, FaultKind::kHang);
  EXPECT_TRUE(config->faults[1].apply);
  EXPECT_EQ(config->faults[2].delay, absl::Seconds(1));
}

TEST(EmulatorConfigTest, ErrorsNameTheOffendingKey) {
  struct Case {
    const char* json;
    const char* expected;
  } cases[] = {
      {"", "not valid JSON"},
      {"[1]", "must be a JSON object"},
      {R"({"sed":1})", "sed: unknown key"},
      {R"({"seed":-1})", "seed: must be an integer"},
      {R"({"seed":"1"})", "seed: must be an integer"},
      {R"({"token":{"expires_in":0}})", "token.expires_in"},
      {R"({"token":{"expires_in":1e300}})", "token.expires_in"},
      {R"({"token":{"expires_in":99999999999999999999999}})",
       "token.expires_in"},
      {R"({"token":[]})", "token: must be an object"},
      {R"({"token":{"bogus":1}})", "token.bogus: unknown key"},
      {R"({"invitations":{"reinvite_existing":"maybe"}})",
       "invitations.reinvite_existing"},
      {R"({"consistency":{"delay_ms":-5}})", "consistency.delay_ms"},
      {R"({"groups":{}})", "groups: must be an array"},
      {R"({"groups":[1]})", "groups[0]: must be an object"},
      {R"({"groups":[{"display_name":"x"}]})", "groups[0].id"},
      {R"({"groups":[{"id":"a"},{"id":"A"}]})", "duplicate id"},
      {R"({"faults":[{"kind":"explode"}]})", "faults[0].kind"},
      {R"({"faults":[{"kind":"status"}]})", "faults[0].status: required"},
      {R"({"faults":[{"status":200}]})", "faults[0].status"},
      {R"({"faults":[{"status":429,"retry_after":"soon"}]})",
       "faults[0].retry_after"},
      {R"({"faults":[{"status":500,"probability":1.5}]})",
       "faults[0].probability"},
      {R"({"faults":[{"status":500,"path_regex":"("}]})",
       "faults[0].path_regex: invalid regular expression"},
      {R"({"faults":[{"status":500,"path_regex":"a","path_prefix":"/"}]})",
       "faults[0].path_regex"},
      {R"({"faults":[{"kind":"reset","apply":true}]})",
       "faults[0].apply: unknown key"},
      {R"({"latency":[{"delay_ms":999999999}]})", "latency[0].delay_ms"},
      {R"({"tenant_domain":""})", "tenant_domain"},
      {R"({"graph_resource":"http://x"})", "graph_resource"},
  };
  for (const Case& c : cases) ExpectRefused(c.json, c.expected);
}

TEST(EmulatorConfigTest, CloudNamesTheGraphResource) {
  const std::pair<const char*, const char*> clouds[] = {
      {"global", "https://graph.microsoft.com"},
      {"usgov", "https://graph.microsoft.us"},
      {"usgov_dod", "https://dod-graph.microsoft.us"},
      {"china", "https://microsoftgraph.chinacloudapi.cn"},
  };
  for (const auto& [cloud, resource] : clouds) {
    absl::StatusOr<EmulatorConfig> config = ParseEmulatorConfig(
        absl::StrCat(R"({"cloud":")", cloud, R"("})"));
    ASSERT_TRUE(config.ok()) << cloud << ": " << config.status();
    EXPECT_EQ(config->graph_resource, resource);
  }
  absl::StatusOr<EmulatorConfig> china =
      ParseEmulatorConfig(R"({"cloud":"china"})");
  ASSERT_TRUE(china.ok());
  EXPECT_EQ(china->authority_hosts,
            (std::vector<std::string>{
                "https://login.chinacloudapi.cn",
                "https://login.partner.microsoftonline.cn"}));
  EXPECT_EQ(DefaultEmulatorConfig().authority_hosts,
            std::vector<std::string>{"https://login.microsoftonline.com"});
  // An explicit graph_resource wins over the cloud's.
  absl::StatusOr<EmulatorConfig> both = ParseEmulatorConfig(
      R"({"cloud":"china","graph_resource":"https://graph.example"})");
  ASSERT_TRUE(both.ok());
  EXPECT_EQ(both->graph_resource, "https://graph.example");
  absl::StatusOr<EmulatorConfig> bad = ParseEmulatorConfig(R"({"cloud":"mars"})");
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(std::string(bad.status().message()), HasSubstr("cloud"));
}

TEST(EmulatorConfigTest, DeepNestingIsRejectedNotCrashing) {
  std::string deep(10000, '[');
  absl::StatusOr<EmulatorConfig> config = ParseEmulatorConfig(deep);
  EXPECT_FALSE(config.ok());
}

TEST(EmulatorConfigTest, BatchDefaultsAndKeys) {
  absl::StatusOr<EmulatorConfig> defaults = ParseEmulatorConfig("{}");
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->batch.max_requests, 20);
  EXPECT_EQ(defaults->batch.response_order, BatchResponseOrder::kShuffled);
  EXPECT_TRUE(defaults->batch.require_sequential_or_parallel);
  EXPECT_EQ(defaults->batch.applied_but_429_probability, 0);

  absl::StatusOr<EmulatorConfig> config = ParseEmulatorConfig(
      R"({"batch":{"max_requests":5,"response_order":"reversed",
          "require_sequential_or_parallel":false,
          "applied_but_429_probability":0.25}})");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->batch.max_requests, 5);
  EXPECT_EQ(config->batch.response_order, BatchResponseOrder::kReversed);
  EXPECT_FALSE(config->batch.require_sequential_or_parallel);
  EXPECT_EQ(config->batch.applied_but_429_probability, 0.25);
  config = ParseEmulatorConfig(R"({"batch":{"response_order":"request"}})");
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->batch.response_order, BatchResponseOrder::kRequest);
}

TEST(EmulatorConfigTest, BatchErrorsNameThePath) {
  struct Case {
    const char* json;
    const char* expected;
  };
  const Case cases[] = {
      {R"({"batch":{"max_requests":0}})", "batch.max_requests"},
      {R"({"batch":{"max_requests":101}})", "batch.max_requests"},
      {R"({"batch":{"response_order":"random"}})", "batch.response_order"},
      {R"({"batch":{"response_order":1}})", "batch.response_order"},
      {R"({"batch":{"applied_but_429_probability":1.5}})",
       "batch.applied_but_429_probability"},
      {R"({"batch":{"require_sequential_or_parallel":"yes"}})",
       "batch.require_sequential_or_parallel"},
      {R"({"batch":{"order":"request"}})", "batch.order: unknown key"},
      {R"({"batch":[]})", "batch: must be an object"},
  };
  for (const Case& c : cases) ExpectRefused(c.json, c.expected);
}

}  // namespace
}  // namespace guestinvitation::emulator::testing

namespace guestinvitation::emulator::testing {
namespace {

TEST(EmulatorConfigTest, SoftDeletedBlocksReinvite) {
  EXPECT_FALSE(
      DefaultEmulatorConfig().invitations.soft_deleted_blocks_reinvite);
  absl::StatusOr<EmulatorConfig> on = ParseEmulatorConfig(
      R"({"invitations":{"soft_deleted_blocks_reinvite":true}})");
  ASSERT_TRUE(on.ok()) << on.status();
  EXPECT_TRUE(on->invitations.soft_deleted_blocks_reinvite);
  absl::StatusOr<EmulatorConfig> bad = ParseEmulatorConfig(
      R"({"invitations":{"soft_deleted_blocks_reinvite":"yes"}})");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(bad.status().message()),
              ::testing::HasSubstr("invitations.soft_deleted_blocks_reinvite"));
}

TEST(EmulatorConfigTest, TenantPolicyDefaults) {
  TenantPolicyConfig t = DefaultEmulatorConfig().tenant_policy;
  EXPECT_EQ(t.allow_invites_from, AllowInvitesFrom::kEveryone);
  EXPECT_EQ(t.apply_delay_s, 0);
  EXPECT_FALSE(t.caller_is_admin);
  EXPECT_TRUE(t.cross_tenant_blocked_domains.empty());
  EXPECT_EQ(t.cross_tenant_status, 403);
  EXPECT_TRUE(t.domain_allow_list.empty());
  EXPECT_TRUE(t.domain_deny_list.empty());
  EXPECT_EQ(t.domain_blocked_status, 403);
  EXPECT_EQ(t.refusal_code, "Authorization_RequestDenied");
  EXPECT_EQ(t.abuse_block_after_invites, 0);
  EXPECT_TRUE(t.role_holder_user_ids.empty());
}

TEST(EmulatorConfigTest, TenantPolicyIsParsed) {
  absl::StatusOr<EmulatorConfig> config = ParseEmulatorConfig(R"({
    "tenant_policy": {
      "allow_invites_from": "adminsAndGuestInviters", "apply_delay_s": 900,
      "caller_is_admin": true,
      "cross_tenant_blocked_domains": ["Fabrikam.COM", "*.gov"],
      "cross_tenant_status": 400, "domain_deny_list": ["gmail.com"],
      "domain_blocked_status": 400, "refusal_code": "Forbidden",
      "abuse_block_after_invites": 11, "role_holder_user_ids": ["u1"]}})");
  ASSERT_TRUE(config.ok()) << config.status();
  const TenantPolicyConfig& t = config->tenant_policy;
  EXPECT_EQ(t.allow_invites_from, AllowInvitesFrom::kAdminsAndGuestInviters);
  EXPECT_EQ(t.apply_delay_s, 900);
  EXPECT_TRUE(t.caller_is_admin);
  EXPECT_EQ(t.cross_tenant_blocked_domains,
            (std::vector<std::string>{"fabrikam.com", "*.gov"}));
  EXPECT_EQ(t.cross_tenant_status, 400);
  EXPECT_EQ(t.domain_deny_list, std::vector<std::string>{"gmail.com"});
  EXPECT_EQ(t.domain_blocked_status, 400);
  EXPECT_EQ(t.refusal_code, "Forbidden");
  EXPECT_EQ(t.abuse_block_after_invites, 11);
  EXPECT_EQ(t.role_holder_user_ids, std::vector<std::string>{"u1"});
}

TEST(EmulatorConfigTest, TenantPolicyErrorsNameTheKey) {
  std::string big = "[";
  for (int i = 0; i < 1300; ++i) {
    absl::StrAppend(&big, i ? "," : "", "\"domain-number-", i, ".com\"");
  }
  big += "]";
  struct Case {
    std::string json;
    const char* expected;
  } cases[] = {
      {R"({"tenant_policy":{"allow_invites_from":"admins"}})",
       "tenant_policy.allow_invites_from"},
      {R"({"tenant_policy":{"allow_invites_from":"unknownFutureValue"}})",
       "tenant_policy.allow_invites_from"},
      {R"({"tenant_policy":{"allow_invites_from":"Everyone"}})",
       "tenant_policy.allow_invites_from"},
      {R"({"tenant_policy":{"apply_delay_s":-1}})",
       "tenant_policy.apply_delay_s"},
      {R"({"tenant_policy":{"caller_is_admin":1}})",
       "tenant_policy.caller_is_admin"},
      {R"({"tenant_policy":{"cross_tenant_blocked_domains":"a.com"}})",
       "tenant_policy.cross_tenant_blocked_domains: must be an array"},
      {R"({"tenant_policy":{"cross_tenant_blocked_domains":[1]}})",
       "tenant_policy.cross_tenant_blocked_domains[0]: must be a string"},
      {R"({"tenant_policy":{"domain_deny_list":["a.com","x@y.com"]}})",
       "tenant_policy.domain_deny_list[1]: must be a domain"},
      {R"({"tenant_policy":{"domain_allow_list":["*"]}})",
       "tenant_policy.domain_allow_list[0]"},
      {R"({"tenant_policy":{"domain_allow_list":["a..com"]}})",
       "tenant_policy.domain_allow_list[0]"},
      {R"({"tenant_policy":{"domain_allow_list":[""]}})",
       "tenant_policy.domain_allow_list[0]"},
      {R"({"tenant_policy":{"domain_allow_list":["a.com"],
          "domain_deny_list":["b.com"]}})",
       "not both"},
      {absl::StrCat(R"({"tenant_policy":{"domain_deny_list":)", big, "}}"),
       "tenant_policy.domain_deny_list: the domain list exceeds"},
      {R"({"tenant_policy":{"cross_tenant_status":200}})",
       "tenant_policy.cross_tenant_status"},
      {R"({"tenant_policy":{"domain_blocked_status":600}})",
       "tenant_policy.domain_blocked_status"},
      {R"({"tenant_policy":{"refusal_code":""}})",
       "tenant_policy.refusal_code"},
      {R"({"tenant_policy":{"abuse_block_after_invites":-1}})",
       "tenant_policy.abuse_block_after_invites"},
      {R"({"tenant_policy":{"role_holder_user_ids":[""]}})",
       "tenant_policy.role_holder_user_ids[0]"},
      {R"({"tenant_policy":{"allowInvitesFrom":"none"}})",
       "tenant_policy.allowInvitesFrom: unknown key"},
  };
  for (const Case& c : cases) ExpectRefused(c.json, c.expected);
}

TEST(EmulatorConfigTest, DomainListJustUnderTheCapIsAccepted) {
  // 1000 entries of 22 characters (+3 each) = 25,000.
  std::string list = "[";
  for (int i = 0; i < 1000; ++i) {
    absl::StrAppend(&list, i ? "," : "", "\"", "d",
                    int64_t{10000000000000000} + i, ".com\"");
  }
  list += "]";
  absl::StatusOr<EmulatorConfig> config = ParseEmulatorConfig(
      absl::StrCat(R"({"tenant_policy":{"domain_allow_list":)", list, "}}"));
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->tenant_policy.domain_allow_list.size(), 1000u);
  list.back() = ',';
  list += "\"a.com\"]";  // one more entry tips it over
  config = ParseEmulatorConfig(
      absl::StrCat(R"({"tenant_policy":{"domain_allow_list":)", list, "}}"));
  EXPECT_FALSE(config.ok());
}

// Client-assertion keys: token.certificates, token.federated_credentials,
// token.assertion_*.
const TestRsaKey& ConfigTestKey() {
  static const TestRsaKey* key = new TestRsaKey();
  return *key;
}

TEST(EmulatorConfigTest, AssertionKeysDefaults) {
  absl::StatusOr<EmulatorConfig> config = ParseEmulatorConfig("{}");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_TRUE(config->token.certificates.empty());
  EXPECT_TRUE(config->token.federated_credentials.empty());
  EXPECT_EQ(config->token.assertion_clock_skew_s, 300);
  EXPECT_TRUE(config->token.assertion_require_jti);
  EXPECT_FALSE(config->token.assertion_reject_replayed_jti);
}

TEST(EmulatorConfigTest, AssertionKeysParse) {
  const TestRsaKey& key = ConfigTestKey();
  boost::json::object token{
      {"certificates", boost::json::array{key.cert_pem()}},
      {"federated_credentials",
       boost::json::array{
           boost::json::object{{"issuer", "https://issuer.example"},
                               {"subject", "repo:org/app:ref:main"},
                               {"public_key_pem", key.public_key_pem()}},
           boost::json::object{{"issuer", "https://k8s.example"},
                               {"subject", "system:serviceaccount:a:b"},
                               {"audience", "api://custom"},
                               {"public_key_pem", key.cert_pem()}}}},
      {"assertion_clock_skew_s", 0},
      {"assertion_require_jti", false},
      {"assertion_reject_replayed_jti", true}};
  absl::StatusOr<EmulatorConfig> config = ParseEmulatorConfig(
      boost::json::serialize(boost::json::object{{"token", token}}));
  ASSERT_TRUE(config.ok()) << config.status();
  ASSERT_EQ(config->token.certificates.size(), 1u);
  std::string sha1;
  ASSERT_TRUE(absl::WebSafeBase64Unescape(key.x5t(), &sha1));
  EXPECT_EQ(config->token.certificates[0].sha1_thumbprint, sha1);
  EXPECT_EQ(config->token.certificates[0].sha256_thumbprint.size(), 32u);
  ASSERT_EQ(config->token.federated_credentials.size(), 2u);
  const FederatedCredential& first = config->token.federated_credentials[0];
  EXPECT_EQ(first.issuer, "https://issuer.example");
  EXPECT_EQ(first.subject, "repo:org/app:ref:main");
  EXPECT_EQ(first.audience, "api://AzureADTokenExchange");
  EXPECT_TRUE(first.key.sha1_thumbprint.empty());  // a bare public key
  EXPECT_NE(first.key.key, nullptr);
  EXPECT_EQ(config->token.federated_credentials[1].audience, "api://custom");
  EXPECT_EQ(config->token.federated_credentials[1].key.sha1_thumbprint, sha1);
  EXPECT_EQ(config->token.assertion_clock_skew_s, 0);
  EXPECT_FALSE(config->token.assertion_require_jti);
  EXPECT_TRUE(config->token.assertion_reject_replayed_jti);
}

TEST(EmulatorConfigTest, AssertionKeysAreStrict) {
  const TestRsaKey& key = ConfigTestKey();
  auto token = [](boost::json::object t) {
    return boost::json::serialize(boost::json::object{{"token", std::move(t)}});
  };
  auto fic = [&](boost::json::object extra) {
    boost::json::object f{{"issuer", "https://i"},
                          {"subject", "s"},
                          {"public_key_pem", key.public_key_pem()}};
    for (auto& kv : extra) f[kv.key()] = kv.value();
    return boost::json::array{f};
  };
  struct Case {
    std::string json;
    const char* expected;
  } cases[] = {
      {token({{"certificates", "pem"}}),
       "token.certificates: must be an array"},
      {token({{"certificates", boost::json::array{1}}}),
       "token.certificates[0]: must be a PEM string"},
      {token({{"certificates", boost::json::array{"not pem"}}}),
       "token.certificates[0]: no PEM certificate found"},
      {token({{"certificates", boost::json::array{key.public_key_pem()}}}),
       "token.certificates[0]: no PEM certificate found"},
      {token({{"certificates",
               boost::json::array{std::string(kMaxPemSize + 1, 'a')}}}),
       "token.certificates[0]: PEM text is empty or too large"},
      {token({{"assertion_clock_skew_s", -1}}), "token.assertion_clock_skew_s"},
      {token({{"assertion_clock_skew_s", 86401}}),
       "token.assertion_clock_skew_s"},
      {token({{"assertion_require_jti", "yes"}}),
       "token.assertion_require_jti: must be true or false"},
      {token({{"assertion_reject_replayed_jti", 1}}),
       "token.assertion_reject_replayed_jti"},
      {token({{"federated_credentials", boost::json::object{}}}),
       "token.federated_credentials: must be an array"},
      {token({{"federated_credentials", boost::json::array{1}}}),
       "token.federated_credentials[0]: must be an object"},
      {token({{"federated_credentials", fic({{"issuer", ""}})}}),
       "token.federated_credentials[0].issuer"},
      {token({{"federated_credentials", fic({{"subject", ""}})}}),
       "token.federated_credentials[0].subject"},
      {token({{"federated_credentials", fic({{"audience", ""}})}}),
       "token.federated_credentials[0].audience"},
      {token({{"federated_credentials", fic({{"public_key_pem", "x"}})}}),
       "token.federated_credentials[0].public_key_pem"},
      {token({{"federated_credentials", fic({{"kid", "x"}})}}),
       "token.federated_credentials[0].kid: unknown key"},
  };
  for (const Case& c : cases) ExpectRefused(c.json, c.expected);
}

TEST(EmulatorConfigFaultsTest, ChaosDefaultsFollowKiotasChaosHandler) {
  absl::StatusOr<EmulatorConfig> config = ParseEmulatorConfig("{}");
  ASSERT_TRUE(config.ok());
  const ChaosConfig& chaos = config->chaos;
  EXPECT_FALSE(chaos.enabled);
  EXPECT_DOUBLE_EQ(chaos.probability, 0.10);
  EXPECT_TRUE(chaos.retry_after_mix);
  EXPECT_EQ(chaos.match.path_prefix, "/v1.0/");
  ASSERT_EQ(chaos.statuses.size(), 5u);
  EXPECT_EQ(chaos.statuses[1].first, "POST");
  EXPECT_EQ(chaos.statuses[1].second,
            (std::vector<int>{429, 500, 502, 503, 504, 507}));
  EXPECT_EQ(chaos.statuses[0].second,
            (std::vector<int>{429, 500, 502, 503, 504}));
}

TEST(EmulatorConfigFaultsTest, ChaosKeysParse) {
  absl::StatusOr<EmulatorConfig> config = ParseEmulatorConfig(R"({"chaos":{
      "enabled":true,"probability":0.25,"statuses":{"post":[503,504]},
      "path_regex":"/v1\\.0/invitations","retry_after":"http_date",
      "retry_after_seconds":2.5}})");
  ASSERT_TRUE(config.ok()) << config.status();
  const ChaosConfig& chaos = config->chaos;
  EXPECT_TRUE(chaos.enabled);
  EXPECT_DOUBLE_EQ(chaos.probability, 0.25);
  ASSERT_EQ(chaos.statuses.size(), 1u);
  EXPECT_EQ(chaos.statuses[0].first, "POST");
  EXPECT_EQ(chaos.statuses[0].second, (std::vector<int>{503, 504}));
  EXPECT_TRUE(chaos.match.path_prefix.empty());
  EXPECT_TRUE(chaos.match.Matches("POST", "/v1.0/invitations"));
  EXPECT_FALSE(chaos.retry_after_mix);
  EXPECT_EQ(chaos.retry_after, RetryAfterForm::kHttpDate);
  EXPECT_DOUBLE_EQ(chaos.retry_after_seconds, 2.5);
}

TEST(EmulatorConfigFaultsTest, LatencyDistributionKeysParse) {
  absl::StatusOr<EmulatorConfig> config = ParseEmulatorConfig(R"({"latency":[
      {"path_prefix":"/v1.0/invitations","distribution":"lognormal",
       "median_ms":250,"p99_ms":1500,"tail_probability":0.02,
       "tail_min_ms":4000,"tail_max_ms":8000},
      {"path_prefix":"/v1.0/users","distribution":"lognormal"},
      {"delay_ms":40}]})");
  ASSERT_TRUE(config.ok()) << config.status();
  ASSERT_EQ(config->latency.size(), 3u);
  const LatencyRule& a = config->latency[0];
  EXPECT_EQ(a.distribution, LatencyDistribution::kLogNormal);
  EXPECT_DOUBLE_EQ(a.median_ms, 250);
  EXPECT_DOUBLE_EQ(a.p99_ms, 1500);
  EXPECT_DOUBLE_EQ(a.tail_probability, 0.02);
  EXPECT_DOUBLE_EQ(a.tail_min_ms, 4000);
  EXPECT_DOUBLE_EQ(a.tail_max_ms, 8000);
  const LatencyRule& b = config->latency[1];  // graph-api.md 1.3 defaults
  EXPECT_DOUBLE_EQ(b.median_ms, 300);
  EXPECT_DOUBLE_EQ(b.p99_ms, 2000);
  EXPECT_DOUBLE_EQ(b.tail_probability, 0.01);
  EXPECT_DOUBLE_EQ(b.tail_min_ms, 5000);
  EXPECT_DOUBLE_EQ(b.tail_max_ms, 10000);
  EXPECT_EQ(config->latency[2].distribution, LatencyDistribution::kFixed);
  EXPECT_EQ(config->latency[2].delay, absl::Milliseconds(40));
}

TEST(EmulatorConfigFaultsTest, SlowFaultKeysParse) {
  absl::StatusOr<EmulatorConfig> config = ParseEmulatorConfig(R"({"faults":[
      {"kind":"slow_headers"},
      {"kind":"slow_body","chunk_bytes":3,"chunk_interval_ms":250}]})");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->faults[0].kind, FaultKind::kSlowHeaders);
  EXPECT_EQ(config->faults[0].chunk_bytes, 16);
  EXPECT_EQ(config->faults[0].chunk_interval, absl::Milliseconds(100));
  EXPECT_EQ(config->faults[1].kind, FaultKind::kSlowBody);
  EXPECT_EQ(config->faults[1].chunk_bytes, 3);
  EXPECT_EQ(config->faults[1].chunk_interval, absl::Milliseconds(250));
}

TEST(EmulatorConfigFaultsTest, BadFaultAndLatencyKeysNameThePath) {
  struct Case {
    const char* json;
    const char* expected;
  };
  const Case cases[] = {
      {R"({"chaos":{"probability":2}})", "chaos.probability"},
      {R"({"chaos":{"enabled":"yes"}})", "chaos.enabled"},
      {R"({"chaos":{"statuses":[503]}})", "chaos.statuses: must be an object"},
      {R"({"chaos":{"statuses":{"POST":503}}})", "chaos.statuses.POST"},
      {R"({"chaos":{"statuses":{"POST":[200]}}})", "chaos.statuses.POST"},
      {R"({"chaos":{"statuses":{"POST":["503"]}}})", "chaos.statuses.POST"},
      {R"({"chaos":{"retry_after":"later"}})", "chaos.retry_after"},
      {R"({"chaos":{"retry_after_seconds":-1}})", "chaos.retry_after_seconds"},
      {R"({"chaos":{"bogus":1}})", "chaos.bogus: unknown key"},
      {R"({"chaos":{"path_regex":"("}})", "chaos.path_regex"},
      {R"({"latency":[{"distribution":"pareto"}]})",
       "latency[0].distribution"},
      {R"({"latency":[{"distribution":"lognormal","delay_ms":5}]})",
       "latency[0].delay_ms: only for distribution"},
      {R"({"latency":[{"median_ms":300}]})",
       "latency[0].median_ms: unknown key"},
      {R"({"latency":[{"distribution":"lognormal","median_ms":0}]})",
       "latency[0].median_ms"},
      {R"({"latency":[{"distribution":"lognormal","median_ms":500,
                       "p99_ms":400}]})",
       "latency[0].p99_ms: must not be below median_ms"},
      {R"({"latency":[{"distribution":"lognormal","tail_probability":1.1}]})",
       "latency[0].tail_probability"},
      {R"({"latency":[{"distribution":"lognormal","tail_min_ms":9000,
                       "tail_max_ms":8000}]})",
       "latency[0].tail_max_ms"},
      {R"({"latency":[{"distribution":"lognormal","p99_ms":1e12}]})",
       "latency[0].p99_ms"},
      {R"({"faults":[{"kind":"slow_body","chunk_bytes":0}]})",
       "faults[0].chunk_bytes"},
      {R"({"faults":[{"kind":"slow_body","chunk_bytes":1000000}]})",
       "faults[0].chunk_bytes"},
      {R"({"faults":[{"kind":"slow_headers","chunk_interval_ms":-1}]})",
       "faults[0].chunk_interval_ms"},
      {R"({"faults":[{"kind":"delay","chunk_bytes":4}]})",
       "faults[0].chunk_bytes: unknown key"},
  };
  for (const Case& c : cases) ExpectRefused(c.json, c.expected);
}

}  // namespace
}  // namespace guestinvitation::emulator::testing
