// Parsing of the emulator's JSON configuration.
#include "tests/unit/emulator_test_support.h"

namespace guestinvitation::emulator::testing {
namespace {

using ::testing::HasSubstr;

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
  for (const Case& c : cases) {
    absl::StatusOr<EmulatorConfig> config = ParseEmulatorConfig(c.json);
    ASSERT_FALSE(config.ok()) << c.json;
    EXPECT_EQ(config.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(config.status().message()), HasSubstr(c.expected))
        << c.json;
  }
}

TEST(EmulatorConfigTest, DeepNestingIsRejectedNotCrashing) {
  std::string deep(10000, '[');
  absl::StatusOr<EmulatorConfig> config = ParseEmulatorConfig(deep);
  EXPECT_FALSE(config.ok());
}

// --- Faults and latency (chaos, distributions, slow responses) -------------

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
  for (const Case& c : cases) {
    absl::StatusOr<EmulatorConfig> config = ParseEmulatorConfig(c.json);
    ASSERT_FALSE(config.ok()) << c.json;
    EXPECT_EQ(config.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(config.status().message()), HasSubstr(c.expected))
        << c.json;
  }
}

}  // namespace
}  // namespace guestinvitation::emulator::testing
