// Token-bucket throttling in the Graph emulator (graph-api.md 5), driven by
// the fake clock: no sleeps, no sockets.
#include <set>

#include "tests/unit/emulator_test_support.h"
#include "tools/graph_emulator/graph_errors.h"
#include "tools/graph_emulator/throttling.h"

namespace guestinvitation::emulator::testing {
namespace {

using ::testing::HasSubstr;

class EmulatorThrottlingTest : public EmulatorTest {
 protected:
  // Throttling on, 10 writes per 10 s per app+tenant, plus `extra` keys.
  void Throttle(const std::string& extra = "") {
    Make(Config(
        absl::StrCat(R"({"throttling":{"enabled":true,"app_tenant_writes":10,)",
                     R"("app_tenant_write_window_s":10)", extra, "}}")));
    Token();
  }
  ServerResponse Write() {
    return Invite(absl::StrCat("guest", ++writes_, "@fabrikam.com"));
  }
  void Writes(int n) {
    for (int i = 0; i < n; ++i) ASSERT_EQ(Write().status, 201);
  }
  std::string Scope(const std::string& prefix) const {
    return absl::StrCat(prefix, "/", creds_.client_id, "/", creds_.tenant_id);
  }
  int UserCount() {
    return static_cast<int>(emu_->Ledger().at("users").as_array().size());
  }
  static bool Has(const ServerResponse& r, const char* name) {
    return http::FindHeader(r.headers, name).has_value();
  }

  int writes_ = 0;
};

TEST_F(EmulatorThrottlingTest, EleventhWriteIs429WithHeadersAndBody) {
  Throttle();
  Writes(10);
  ServerResponse r = Write();
  ASSERT_EQ(r.status, 429) << r.body;
  EXPECT_EQ(HeaderOf(r, "x-ms-throttle-scope"),
            Scope("Tenant_Application/Write"));
  EXPECT_EQ(HeaderOf(r, "x-ms-throttle-information"), "WriteLimitExceeded");
  // 1 write short, plus this request's own debit, at 1 write/s.
  EXPECT_EQ(HeaderOf(r, "Retry-After"), "2");
  EXPECT_EQ(HeaderOf(r, "x-ms-resource-unit"), "1");
  EXPECT_EQ(HeaderOf(r, "x-ms-throttle-limit-percentage"), "1.1");
  EXPECT_FALSE(HeaderOf(r, "request-id").empty());
  boost::json::value body = Json(r);
  EXPECT_EQ(Str(body.at("error").at("code")), "TooManyRequests");
  EXPECT_EQ(Str(body.at("error").at("message")), "Please retry again later.");
  const boost::json::value& inner = body.at("error").at("innerError");
  EXPECT_EQ(Str(inner.at("code")), "429");
  EXPECT_EQ(Str(inner.at("status")), "429");
  EXPECT_EQ(Str(inner.at("message")), "Please retry after");
  EXPECT_EQ(Str(inner.at("request-id")), HeaderOf(r, "request-id"));
  EXPECT_EQ(Str(inner.at("date")), "2026-01-01T00:00:00");
  // Not applied, but counted.
  EXPECT_EQ(UserCount(), 10);
  boost::json::object ledger = emu_->Ledger();
  EXPECT_EQ(ledger.at("throttled").as_int64(), 1);
  const boost::json::value& posts =
      ledger.at("requests").at("POST /v1.0/invitations");
  EXPECT_EQ(posts.at("429").as_int64(), 1);
  EXPECT_EQ(posts.at("201").as_int64(), 10);
}

TEST_F(EmulatorThrottlingTest, WritesPassAgainAfterRefill) {
  Throttle();
  Writes(10);
  ServerResponse r = Write();
  ASSERT_EQ(r.status, 429);
  now_ += absl::Seconds(2);  // the Retry-After
  EXPECT_EQ(Write().status, 201);
  now_ += absl::Seconds(10);  // a full window refills the whole budget
  Writes(10);
  EXPECT_EQ(Write().status, 429);
}

TEST_F(EmulatorThrottlingTest, ImmediateRetriesExtendTheThrottle) {
  Throttle();
  Writes(10);
  EXPECT_EQ(HeaderOf(Write(), "Retry-After"), "2");
  EXPECT_EQ(HeaderOf(Write(), "Retry-After"), "3");
  EXPECT_EQ(HeaderOf(Write(), "Retry-After"), "4");
  now_ += absl::Seconds(2);  // the first advice is no longer enough
  ServerResponse r = Write();
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(HeaderOf(r, "Retry-After"), "3");
  now_ += absl::Seconds(3);
  EXPECT_EQ(Write().status, 201);
  EXPECT_EQ(emu_->Ledger().at("throttled").as_int64(), 4);
}

TEST_F(EmulatorThrottlingTest, LimitPercentageOnlyAbove80Percent) {
  Throttle();
  for (int i = 1; i <= 8; ++i) {
    ServerResponse r = Write();
    ASSERT_EQ(r.status, 201);
    EXPECT_EQ(HeaderOf(r, "x-ms-resource-unit"), "1");
    EXPECT_FALSE(Has(r, "x-ms-throttle-limit-percentage")) << i;
  }
  EXPECT_EQ(HeaderOf(Write(), "x-ms-throttle-limit-percentage"), "0.9");
  EXPECT_EQ(HeaderOf(Write(), "x-ms-throttle-limit-percentage"), "1.0");
  for (int i = 0; i < 20; ++i) Write();
  // Debt is capped at one budget; the header stays within 0.8..1.8.
  EXPECT_EQ(HeaderOf(Write(), "x-ms-throttle-limit-percentage"), "1.8");
}

TEST_F(EmulatorThrottlingTest, RetryAfterFractionalDateAndAbsent) {
  Throttle(R"(,"retry_after":"fractional")");
  Writes(10);
  EXPECT_EQ(HeaderOf(Write(), "Retry-After"), "2.000");

  writes_ = 0;
  Throttle(R"(,"retry_after":"http_date")");
  Writes(10);
  EXPECT_EQ(HeaderOf(Write(), "Retry-After"),
            HttpDate(now_ + absl::Seconds(2)));

  writes_ = 0;
  Throttle(R"(,"retry_after":"absent")");
  Writes(10);
  ServerResponse r = Write();
  EXPECT_EQ(r.status, 429);
  EXPECT_FALSE(Has(r, "Retry-After"));
  EXPECT_EQ(HeaderOf(r, "x-ms-throttle-information"), "WriteLimitExceeded");
}

TEST_F(EmulatorThrottlingTest, RetryAfterMixIsSeededAndVaried) {
  auto run = [this] {
    writes_ = 0;
    Throttle(R"(,"retry_after":"mix")");
    Writes(10);
    std::vector<std::string> forms;
    for (int i = 0; i < 16; ++i) {
      ServerResponse r = Write();
      std::string value = HeaderOf(r, "Retry-After");
      if (value.empty()) {
        forms.push_back("absent");
      } else if (value.find("GMT") != std::string::npos) {
        forms.push_back("date");
      } else if (value.find('.') != std::string::npos) {
        forms.push_back("fractional");
      } else {
        forms.push_back("integer");
      }
    }
    return forms;
  };
  std::vector<std::string> first = run();
  EXPECT_EQ(std::set<std::string>(first.begin(), first.end()).size(), 4u);
  EXPECT_EQ(run(), first);
}

TEST_F(EmulatorThrottlingTest, TimeScaleShortensTheWindow) {
  Throttle(R"(,"time_scale":0.01,"retry_after":"fractional")");
  Writes(10);
  ServerResponse r = Write();
  ASSERT_EQ(r.status, 429);
  // 2 s of the real shape, at 1/100.
  EXPECT_EQ(HeaderOf(r, "Retry-After"), "0.020");
  now_ += absl::Milliseconds(21);
  EXPECT_EQ(Write().status, 201);
  now_ += absl::Milliseconds(101);  // the whole 10 s window
  Writes(9);
}

TEST_F(EmulatorThrottlingTest, ReadsPassWhenOnlyTheWriteBucketIsEmpty) {
  Throttle();
  Writes(10);
  ASSERT_EQ(Write().status, 429);
  ServerResponse users = Graph("GET", "/v1.0/users");
  EXPECT_EQ(users.status, 200) << users.body;
  EXPECT_EQ(HeaderOf(users, "x-ms-resource-unit"), "2");
  EXPECT_FALSE(Has(users, "x-ms-throttle-limit-percentage"));
  EXPECT_EQ(
      HeaderOf(Graph("GET", "/v1.0/users?$select=id"), "x-ms-resource-unit"),
      "1");
  ServerResponse group = Graph("GET", absl::StrCat("/v1.0/groups/", kGroup1));
  EXPECT_EQ(group.status, 200);
  EXPECT_EQ(HeaderOf(group, "x-ms-resource-unit"), "1");
}

TEST_F(EmulatorThrottlingTest, ResourceUnitLimit) {
  Make(Config(R"({"throttling":{"enabled":true,"app_tenant_ru":4}})"));
  EXPECT_EQ(Graph("GET", "/v1.0/users").status, 200);
  EXPECT_EQ(Graph("GET", "/v1.0/users").status, 200);
  ServerResponse r = Graph("GET", "/v1.0/users");
  ASSERT_EQ(r.status, 429);
  EXPECT_EQ(HeaderOf(r, "x-ms-throttle-scope"),
            Scope("Tenant_Application/ReadWrite"));
  EXPECT_EQ(HeaderOf(r, "x-ms-throttle-information"),
            "ResourceUnitLimitExceeded");
  // 4 RU / 10 s: 2 RU short after the debit, plus the 2 RU asked = 10 s.
  EXPECT_EQ(HeaderOf(r, "Retry-After"), "10");
}

TEST_F(EmulatorThrottlingTest, TenantWriteLimit) {
  Make(Config(R"({"throttling":{"enabled":true,"tenant_writes":3}})"));
  Writes(3);
  ServerResponse r = Write();
  ASSERT_EQ(r.status, 429);
  EXPECT_EQ(HeaderOf(r, "x-ms-throttle-scope"), Scope("Tenant/Write"));
  EXPECT_EQ(HeaderOf(r, "x-ms-throttle-information"), "WriteLimitExceeded");
}

TEST_F(EmulatorThrottlingTest, AppWriteLimitAcrossTenants) {
  Make(Config(R"({"throttling":{"enabled":true,"app_writes":2}})"));
  Writes(2);
  ServerResponse r = Write();
  ASSERT_EQ(r.status, 429);
  EXPECT_EQ(HeaderOf(r, "x-ms-throttle-scope"), Scope("Application/Write"));
  EXPECT_EQ(HeaderOf(r, "x-ms-throttle-information"), "WriteLimitExceeded");
}

TEST_F(EmulatorThrottlingTest, AppResourceUnitLimitAcrossTenants) {
  Make(Config(R"({"throttling":{"enabled":true,"app_ru":3}})"));
  EXPECT_EQ(Graph("GET", "/v1.0/users").status, 200);
  ServerResponse r = Graph("GET", "/v1.0/users");
  ASSERT_EQ(r.status, 429);
  EXPECT_EQ(HeaderOf(r, "x-ms-throttle-scope"),
            Scope("Application/ReadWrite"));
  EXPECT_EQ(HeaderOf(r, "x-ms-throttle-information"),
            "ResourceUnitLimitExceeded");
}

TEST_F(EmulatorThrottlingTest, RequestDearerThanTheBudgetStillPassesOncePerWindow) {
  // GET /groups/{id}/members costs 3 RU; the budget is 2.
  Make(Config(R"({"throttling":{"enabled":true,"app_tenant_ru":2}})"));
  const std::string members = absl::StrCat("/v1.0/groups/", kGroup1, "/members");
  EXPECT_EQ(Graph("GET", members).status, 200);
  ServerResponse r = Graph("GET", members);
  ASSERT_EQ(r.status, 429);
  // Charged as the whole budget: room again after one window, and the
  // Retry-After says so (two budgets short after the debit = 2 windows).
  EXPECT_EQ(HeaderOf(r, "Retry-After"), "20");
  now_ += absl::Seconds(20);
  EXPECT_EQ(Graph("GET", members).status, 200);
}

TEST_F(EmulatorThrottlingTest, ActivityLimitReachedBodyShape) {
  Throttle(R"(,"body_shape":"activity_limit_reached")");
  Writes(10);
  ServerResponse r = Write();
  ASSERT_EQ(r.status, 429);
  boost::json::object error =
      boost::json::parse(r.body).as_object().at("error").as_object();
  EXPECT_EQ(error.at("code").as_string(), "activityLimitReached");
  const boost::json::object& inner = error.at("innerError").as_object();
  EXPECT_EQ(inner.at("code").as_string(), "throttledRequest");
  EXPECT_EQ(inner.at("innerError").as_object().at("code").as_string(),
            "quota");
  EXPECT_EQ(inner.at("request-id").as_string(), HeaderOf(r, "request-id"));
  EXPECT_FALSE(HeaderOf(r, "Retry-After").empty());
}

TEST_F(EmulatorThrottlingTest, BodyShapeMixIsSeededAndVaried) {
  auto run = [this] {
    writes_ = 0;
    Throttle(R"(,"body_shape":"mix")");
    Writes(10);
    std::vector<std::string> codes;
    for (int i = 0; i < 12; ++i) {
      ServerResponse r = Write();
      codes.push_back(std::string(boost::json::parse(r.body)
                                      .as_object()
                                      .at("error")
                                      .as_object()
                                      .at("code")
                                      .as_string()));
    }
    return codes;
  };
  std::vector<std::string> first = run();
  EXPECT_EQ(std::set<std::string>(first.begin(), first.end()),
            (std::set<std::string>{"TooManyRequests", "activityLimitReached"}));
  EXPECT_EQ(run(), first);
}

TEST_F(EmulatorThrottlingTest, BadBodyShapeIsAConfigError) {
  auto parsed =
      ParseEmulatorConfig(R"({"throttling":{"body_shape":"teapot"}})");
  ASSERT_FALSE(parsed.ok());
  EXPECT_THAT(std::string(parsed.status().message()),
              HasSubstr("throttling.body_shape"));
  EXPECT_FALSE(
      ParseEmulatorConfig(R"({"throttling":{"app_writes":0}})").ok());
}

TEST_F(EmulatorThrottlingTest, DisabledByDefault) {
  Make(Config(R"({"throttling":{"app_tenant_writes":1}})"));
  for (int i = 0; i < 5; ++i) {
    ServerResponse r = Write();
    ASSERT_EQ(r.status, 201);
    EXPECT_FALSE(Has(r, "x-ms-resource-unit"));
  }
  EXPECT_FALSE(DefaultEmulatorConfig().throttling.enabled);
  EXPECT_EQ(emu_->Ledger().at("throttled").as_int64(), 0);
}

TEST_F(EmulatorThrottlingTest, UnauthenticatedCallsAreNotCharged) {
  Throttle();
  ServerResponse r = Send("POST", "/v1.0/invitations", InviteBody("a@b.com"));
  EXPECT_EQ(r.status, 401);
  EXPECT_FALSE(Has(r, "x-ms-resource-unit"));
}

TEST_F(EmulatorThrottlingTest, EnabledThroughControlEndpoint) {
  Token();
  ServerResponse put =
      Send("PUT", "/_emulator/config",
           R"({"throttling":{"enabled":true,"app_tenant_writes":1}})");
  ASSERT_EQ(put.status, 204) << put.body;
  EXPECT_EQ(Write().status, 201);
  EXPECT_EQ(Write().status, 429);
}

TEST_F(EmulatorThrottlingTest, ResetRefillsTheBuckets) {
  Throttle();
  Writes(10);
  ASSERT_EQ(Write().status, 429);
  ASSERT_EQ(Send("POST", "/_emulator/reset").status, 204);
  EXPECT_EQ(Write().status, 201);
}

TEST(ThrottlingCostTest, DocumentedCosts) {
  std::vector<std::string> users = {"v1.0", "users"};
  std::vector<std::string> members = {"v1.0", "groups", "g", "members"};
  std::vector<std::string> invitations = {"v1.0", "invitations"};
  EXPECT_EQ(CostOf("POST", invitations, {}).writes, 1);
  EXPECT_EQ(CostOf("POST", invitations, {}).resource_units, 1);
  EXPECT_EQ(CostOf("DELETE", users, {}).writes, 1);
  EXPECT_EQ(CostOf("GET", users, {}).resource_units, 2);
  EXPECT_EQ(CostOf("GET", users, {}).writes, 0);
  EXPECT_EQ(CostOf("GET", members, {}).resource_units, 3);
  EXPECT_EQ(CostOf("GET", members, {{"$select", "id"}}).resource_units, 2);
  EXPECT_EQ(CostOf("GET", members, {{"$top", "5"}}).resource_units, 2);
  EXPECT_EQ(CostOf("GET", members, {{"$top", "50"}}).resource_units, 3);
  EXPECT_EQ(CostOf("GET", members, {{"$expand", "x"}}).resource_units, 4);
  EXPECT_EQ(
      CostOf("GET", users, {{"$select", "id"}, {"$top", "1"}}).resource_units,
      1);
  EXPECT_EQ(
      CostOf("GET", {"v1.0", "groups"}, {{"$select", "id"}}).resource_units, 1);
}

TEST(ThrottlingConfigTest, ParsesEveryKey) {
  absl::StatusOr<EmulatorConfig> c = ParseEmulatorConfig(
      R"({"throttling":{"enabled":true,"time_scale":0.01,
          "app_tenant_writes":1,"app_tenant_write_window_s":2,
          "tenant_writes":3,"tenant_write_window_s":4,"app_tenant_ru":5,
          "app_tenant_ru_window_s":6,"retry_after":"mix"}})");
  ASSERT_TRUE(c.ok()) << c.status();
  const ThrottlingConfig& t = c->throttling;
  EXPECT_TRUE(t.enabled);
  EXPECT_DOUBLE_EQ(t.time_scale, 0.01);
  EXPECT_EQ(t.app_tenant_writes, 1);
  EXPECT_EQ(t.app_tenant_write_window_s, 2);
  EXPECT_EQ(t.tenant_writes, 3);
  EXPECT_EQ(t.tenant_write_window_s, 4);
  EXPECT_EQ(t.app_tenant_ru, 5);
  EXPECT_EQ(t.app_tenant_ru_window_s, 6);
  EXPECT_TRUE(t.retry_after_mix);
  ThrottlingConfig d = DefaultEmulatorConfig().throttling;
  EXPECT_EQ(d.app_tenant_writes, 3000);
  EXPECT_EQ(d.app_tenant_write_window_s, 150);
  EXPECT_EQ(d.tenant_writes, 18000);
  EXPECT_EQ(d.tenant_write_window_s, 300);
  EXPECT_EQ(d.app_tenant_ru, 3500);
  EXPECT_EQ(d.app_tenant_ru_window_s, 10);
  EXPECT_EQ(d.retry_after, RetryAfterForm::kInteger);
  EXPECT_FALSE(d.retry_after_mix);
}

TEST(ThrottlingConfigTest, ErrorsNameTheKey) {
  const std::pair<const char*, const char*> kCases[] = {
      {R"({"throttling":5})", "throttling: must be an object"},
      {R"({"throttling":{"enabeld":true}})", "throttling.enabeld: unknown key"},
      {R"({"throttling":{"retry_after":"soon"}})", "throttling.retry_after:"},
      {R"({"throttling":{"time_scale":0}})", "throttling.time_scale:"},
      {R"({"throttling":{"app_tenant_writes":0}})",
       "throttling.app_tenant_writes:"},
      {R"({"throttling":{"tenant_write_window_s":"300"}})",
       "throttling.tenant_write_window_s:"},
      {R"({"throttling":{"enabled":1}})", "throttling.enabled:"},
  };
  for (const auto& [json, expected] : kCases) {
    absl::StatusOr<EmulatorConfig> c = ParseEmulatorConfig(json);
    ASSERT_FALSE(c.ok()) << json;
    EXPECT_THAT(std::string(c.status().message()), HasSubstr(expected)) << json;
  }
}

}  // namespace
}  // namespace guestinvitation::emulator::testing
