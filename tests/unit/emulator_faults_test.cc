// Fault injection and latency in the Graph emulator.
#include <algorithm>
#include <set>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "tests/unit/emulator_test_support.h"
#include "tools/graph_emulator/latency.h"

namespace guestinvitation::emulator::testing {
namespace {

using ::testing::HasSubstr;

class EmulatorFaultsTest : public EmulatorTest {
 protected:
  void Faults(const std::string& faults_json) {
    Make(Config(absl::StrCat(R"({"faults":)", faults_json, "}")));
    Token();  // before faults on "/" could hit the token endpoint
  }
  int UserCount() {
    return static_cast<int>(emu_->Ledger().at("users").as_array().size());
  }
};

TEST_F(EmulatorFaultsTest, CountedStatusFaultThenNormal) {
  Faults(R"([{"method":"POST","path_prefix":"/v1.0/invitations",
              "status":503,"count":2}])");
  ServerResponse first = Invite("f@x.com");
  EXPECT_EQ(first.status, 503);
  EXPECT_EQ(ErrorCode(first), "serviceNotAvailable");
  EXPECT_EQ(HeaderOf(first, "Retry-After"), "");
  EXPECT_FALSE(HeaderOf(first, "request-id").empty());
  EXPECT_EQ(Invite("f@x.com").status, 503);
  EXPECT_EQ(UserCount(), 0);  // not applied
  EXPECT_EQ(Invite("f@x.com").status, 201);
  boost::json::object ledger = emu_->Ledger();
  const auto& outcomes = ledger.at("requests").at("POST /v1.0/invitations");
  EXPECT_EQ(outcomes.at("503").as_int64(), 2);
  EXPECT_EQ(outcomes.at("201").as_int64(), 1);
  EXPECT_EQ(ledger.at("invitation_posts").at("f@x.com").as_int64(), 3);
}

TEST_F(EmulatorFaultsTest, MethodFilterLeavesOtherMethodsAlone) {
  Faults(R"([{"method":"POST","path_prefix":"/v1.0/users","status":500}])");
  EXPECT_EQ(Graph("GET", "/v1.0/users").status, 200);
}

TEST_F(EmulatorFaultsTest, ThrottleWithEachRetryAfterForm) {
  Faults(R"([
    {"path_prefix":"/v1.0/users","status":429,"count":1,
     "retry_after":"integer","retry_after_seconds":7},
    {"path_prefix":"/v1.0/users","status":429,"count":1,
     "retry_after":"fractional","retry_after_seconds":2.128},
    {"path_prefix":"/v1.0/users","status":429,"count":1,
     "retry_after":"http_date","retry_after_seconds":30},
    {"path_prefix":"/v1.0/users","status":429,"count":1,"retry_after":"absent"}
  ])");
  ServerResponse a = Graph("GET", "/v1.0/users");
  EXPECT_EQ(a.status, 429);
  EXPECT_EQ(HeaderOf(a, "Retry-After"), "7");
  EXPECT_EQ(ErrorCode(a), "TooManyRequests");
  boost::json::value inner = Json(a).at("error").at("innerError");
  EXPECT_EQ(Str(inner.at("status")), "429");
  EXPECT_FALSE(Str(inner.at("request-id")).empty());
  EXPECT_EQ(HeaderOf(Graph("GET", "/v1.0/users"), "Retry-After"), "2.128");
  EXPECT_EQ(HeaderOf(Graph("GET", "/v1.0/users"), "Retry-After"),
            "Thu, 01 Jan 2026 00:00:30 GMT");
  ServerResponse d = Graph("GET", "/v1.0/users");
  EXPECT_EQ(d.status, 429);
  EXPECT_EQ(HeaderOf(d, "Retry-After"), "");
  EXPECT_EQ(Graph("GET", "/v1.0/users").status, 200);
}

TEST_F(EmulatorFaultsTest, DefaultRetryAfterFor429IsIntegerAnd5xxMayHaveOne) {
  Faults(R"([{"path_prefix":"/v1.0/users","status":429,"count":1},
             {"path_prefix":"/v1.0/users","status":503,"count":1,
              "retry_after":"integer","retry_after_seconds":4}])");
  EXPECT_EQ(HeaderOf(Graph("GET", "/v1.0/users"), "Retry-After"), "1");
  ServerResponse r = Graph("GET", "/v1.0/users");
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(HeaderOf(r, "Retry-After"), "4");
}

TEST_F(EmulatorFaultsTest, StatusDefaultsAndOverrides) {
  Faults(R"([
    {"path_prefix":"/v1.0/users","status":500,"count":1},
    {"path_prefix":"/v1.0/users","status":502,"count":1},
    {"path_prefix":"/v1.0/users","status":504,"count":1},
    {"path_prefix":"/v1.0/users","status":507,"count":1},
    {"path_prefix":"/v1.0/users","status":401,"count":1},
    {"path_prefix":"/v1.0/users","status":403,"count":1},
    {"path_prefix":"/v1.0/users","status":403,"count":1,"code":"Forbidden",
     "message":"Guest invitations not allowed for your company. Contact your company administrator for more details."}
  ])");
  const std::pair<int, const char*> expected[] = {
      {500, "generalException"},
      {502, "serviceNotAvailable"},
      {504, "serviceNotAvailable"},
      {507, "quotaLimitReached"},
      {401, "InvalidAuthenticationToken"},
      {403, "Authorization_RequestDenied"},
      {403, "Forbidden"}};
  ServerResponse last;
  for (const auto& [status, code] : expected) {
    last = Graph("GET", "/v1.0/users");
    EXPECT_EQ(last.status, status);
    EXPECT_EQ(ErrorCode(last), code);
  }
  EXPECT_THAT(ErrorMessage(last), HasSubstr("Guest invitations not allowed"));
}

TEST_F(EmulatorFaultsTest, SkipFailsTheNthRequest) {
  Faults(R"([{"path_prefix":"/v1.0/invitations","status":500,"skip":2,
              "count":1}])");
  EXPECT_EQ(Invite("a@x.com").status, 201);
  EXPECT_EQ(Invite("b@x.com").status, 201);
  EXPECT_EQ(Invite("c@x.com").status, 500);
  EXPECT_EQ(Invite("c@x.com").status, 201);
}

TEST_F(EmulatorFaultsTest, ProbabilityIsSeededAndRepeatable) {
  auto run = [this](const std::string& seed) {
    Make(Config(absl::StrCat(R"({"seed":)", seed,
                             R"(,"faults":[{"path_prefix":"/v1.0/users",
                                 "status":503,"probability":0.5}]})")));
    Token();
    std::string pattern;
    for (int i = 0; i < 64; ++i) {
      pattern += Graph("GET", "/v1.0/users").status == 503 ? 'x' : '.';
    }
    return pattern;
  };
  std::string a = run("42");
  EXPECT_EQ(a, run("42"));
  EXPECT_NE(a, run("43"));
  size_t failures = std::count(a.begin(), a.end(), 'x');
  EXPECT_GT(failures, 16u);
  EXPECT_LT(failures, 48u);
}

TEST_F(EmulatorFaultsTest, PathRegexMatchesWholePath) {
  Faults(
      R"([{"method":"POST","path_regex":"/v1\\.0/groups/[^/]+/members/\\$ref",
              "status":500}])");
  std::string id = InviteUser("r@x.com");
  EXPECT_EQ(AddMember(kGroup1, id).status, 500);
  EXPECT_EQ(Graph("GET", absl::StrCat("/v1.0/groups/", kGroup1)).status, 200);
}

TEST_F(EmulatorFaultsTest, ResetBeforeAnswerDoesNotApply) {
  Faults(R"([{"path_prefix":"/v1.0/invitations","kind":"reset","count":1}])");
  ServerResponse r = Invite("r@x.com");
  EXPECT_EQ(r.fault, ResponseFault::kResetConnection);
  EXPECT_EQ(UserCount(), 0);
  EXPECT_EQ(emu_->Ledger()
                .at("requests")
                .at("POST /v1.0/invitations")
                .at("reset")
                .as_int64(),
            1);
}

TEST_F(EmulatorFaultsTest, ResetAfterApplyCreatesTheUserAndSendsTheEmail) {
  Faults(R"([{"path_prefix":"/v1.0/invitations","kind":"reset_after_apply",
              "count":1}])");
  ServerResponse r = Invite("r@x.com", R"(,"sendInvitationMessage":true)");
  EXPECT_EQ(r.fault, ResponseFault::kResetConnection);
  boost::json::object ledger = emu_->Ledger();
  EXPECT_EQ(ledger.at("users").as_array().size(), 1u);
  EXPECT_EQ(ledger.at("emails_sent").at("r@x.com").at("count").as_int64(), 1);
  EXPECT_EQ(ledger.at("requests")
                .at("POST /v1.0/invitations")
                .at("reset_after_apply")
                .as_int64(),
            1);
}

TEST_F(EmulatorFaultsTest, TruncateAppliesAndAsksForTruncation) {
  Faults(R"([{"path_prefix":"/v1.0/invitations","kind":"truncate",
              "count":1}])");
  ServerResponse r = Invite("t@x.com");
  EXPECT_EQ(r.status, 201);
  EXPECT_EQ(r.fault, ResponseFault::kTruncateBody);
  EXPECT_EQ(UserCount(), 1);
}

TEST_F(EmulatorFaultsTest, HangWithAndWithoutApply) {
  Faults(R"([{"path_prefix":"/v1.0/invitations","kind":"hang","count":1},
             {"path_prefix":"/v1.0/invitations","kind":"hang","apply":true,
              "count":1}])");
  EXPECT_EQ(Invite("h@x.com").fault, ResponseFault::kHang);
  EXPECT_EQ(UserCount(), 0);
  EXPECT_EQ(Invite("h@x.com").fault, ResponseFault::kHang);
  EXPECT_EQ(UserCount(), 1);
}

TEST_F(EmulatorFaultsTest, DelayAndLatencyAddUp) {
  Make(Config(R"({"latency":[{"method":"POST","path_prefix":"/v1.0/invitations",
                              "delay_ms":300}],
                  "faults":[{"path_prefix":"/v1.0/invitations","kind":"delay",
                             "delay_ms":5000,"count":1}]})"));
  ServerResponse slow = Invite("d@x.com");
  EXPECT_EQ(slow.status, 201);
  EXPECT_EQ(slow.delay, absl::Milliseconds(5300));
  EXPECT_EQ(Invite("d@x.com").delay, absl::Milliseconds(300));
  EXPECT_EQ(Graph("GET", "/v1.0/users").delay, absl::ZeroDuration());
}

TEST_F(EmulatorFaultsTest, MalformedJsonIn2xx) {
  Faults(R"([{"path_prefix":"/v1.0/invitations","kind":"malformed_json",
              "count":1}])");
  ServerResponse r = Invite("m@x.com");
  EXPECT_EQ(r.status, 201);
  boost::system::error_code ec;
  boost::json::parse(r.body, ec);
  EXPECT_TRUE(ec);
  EXPECT_EQ(UserCount(), 1);
}

TEST_F(EmulatorFaultsTest, InvitedUserArrayShape) {
  Faults(R"([{"path_prefix":"/v1.0/invitations","kind":"invited_user_array",
              "count":1}])");
  ServerResponse r = Invite("arr@x.com");
  ASSERT_EQ(r.status, 201);
  boost::json::value body = Json(r);
  ASSERT_TRUE(body.at("invitedUser").is_array());
  EXPECT_EQ(Str(body.at("invitedUser").at(0).at("id")).size(), 36u);
  EXPECT_TRUE(Json(Invite("arr@x.com")).at("invitedUser").is_object());
}

TEST_F(EmulatorFaultsTest, TokenEndpointFaultsUseTheFlatFormat) {
  Make(Config(R"({"faults":[{"path_regex":"/[^/]+/oauth2/v2\\.0/token",
                             "method":"POST","status":503,"count":1}]})"));
  ServerResponse r = PostToken(TokenForm(creds_.client_secret));
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(Str(Json(r).at("error")), "temporarily_unavailable");
  EXPECT_EQ(emu_->Ledger().at("token_requests").as_int64(), 1);
}

TEST_F(EmulatorFaultsTest, ControlEndpointsAreNeverFaulted) {
  Make(Config(R"({"faults":[{"status":500}]})"));
  EXPECT_EQ(PostToken(TokenForm(creds_.client_secret)).status, 500);
  EXPECT_EQ(Send("GET", "/_emulator/ledger").status, 200);
  EXPECT_EQ(Send("POST", "/_emulator/reset").status, 204);
}

TEST_F(EmulatorFaultsTest, ResetRearmsCountedFaults) {
  Faults(R"([{"path_prefix":"/v1.0/users","status":500,"count":1}])");
  EXPECT_EQ(Graph("GET", "/v1.0/users").status, 500);
  EXPECT_EQ(Graph("GET", "/v1.0/users").status, 200);
  Send("POST", "/_emulator/reset");
  EXPECT_EQ(Graph("GET", "/v1.0/users").status, 500);
}

// --- Status faults: every 5xx of the kiota POST set, with and without
// Retry-After (peers.md 8, class 2) -----------------------------------------

struct StatusCase {
  int status;
  const char* code;
  bool retry_after;
};

class EmulatorStatusFaultTest
    : public EmulatorFaultsTest,
      public ::testing::WithParamInterface<StatusCase> {};

TEST_P(EmulatorStatusFaultTest, AnswersWithoutApplying) {
  const StatusCase& c = GetParam();
  Faults(absl::StrCat(R"([{"method":"POST","path_prefix":"/v1.0/invitations",
      "count":1,"status":)", c.status, R"(,"retry_after":")",
                      c.retry_after ? "integer" : "absent",
                      R"(","retry_after_seconds":3}])"));
  ServerResponse r = Invite("s@x.com");
  EXPECT_EQ(r.status, c.status);
  EXPECT_EQ(ErrorCode(r), c.code);
  EXPECT_FALSE(Str(Json(r).at("error").at("innerError").at("request-id"))
                   .empty());
  EXPECT_EQ(HeaderOf(r, "Retry-After"), c.retry_after ? "3" : "");
  EXPECT_EQ(UserCount(), 0);
  EXPECT_EQ(Invite("s@x.com").status, 201);
}

INSTANTIATE_TEST_SUITE_P(
    KiotaPostSet, EmulatorStatusFaultTest,
    ::testing::Values(StatusCase{500, "generalException", false},
                      StatusCase{500, "generalException", true},
                      StatusCase{502, "serviceNotAvailable", false},
                      StatusCase{502, "serviceNotAvailable", true},
                      StatusCase{503, "serviceNotAvailable", false},
                      StatusCase{503, "serviceNotAvailable", true},
                      StatusCase{504, "serviceNotAvailable", false},
                      StatusCase{504, "serviceNotAvailable", true},
                      StatusCase{507, "quotaLimitReached", false},
                      StatusCase{507, "quotaLimitReached", true}));

// --- 401 on an expired or revoked token (peers.md 8, class 9) --------------

TEST_F(EmulatorFaultsTest, ExpiredAndRevokedTokensGetInvalidAuthenticationToken) {
  Make(Config(R"({"token":{"expires_in":60}})"));
  Token();
  now_ += absl::Seconds(60);
  ServerResponse expired = Graph("POST", "/v1.0/invitations",
                                 InviteBody("e@x.com"));
  EXPECT_EQ(expired.status, 401);
  EXPECT_EQ(ErrorCode(expired), "InvalidAuthenticationToken");
  EXPECT_EQ(ErrorMessage(expired),
            "Access token has expired or is not yet valid.");
  EXPECT_EQ(UserCount(), 0);

  token_.clear();
  Token();
  EXPECT_EQ(Invite("e@x.com").status, 201);
  emu_->RevokeTokens();
  ServerResponse revoked = Invite("e2@x.com");
  EXPECT_EQ(revoked.status, 401);
  EXPECT_EQ(ErrorCode(revoked), "InvalidAuthenticationToken");
  EXPECT_EQ(ErrorMessage(revoked),
            "Access token has expired or is not yet valid.");
  EXPECT_EQ(UserCount(), 1);
}

// --- Slow responses: the pure layer only asks the socket for them ---------

TEST_F(EmulatorFaultsTest, SlowBodyAndHeadersAreAppliedAndAskTheSocket) {
  Faults(R"([{"path_prefix":"/v1.0/invitations","kind":"slow_body",
              "chunk_bytes":3,"chunk_interval_ms":250,"count":1},
             {"path_prefix":"/v1.0/invitations","kind":"slow_headers",
              "count":1}])");
  ServerResponse body = Invite("s1@x.com");
  EXPECT_EQ(body.status, 201);
  EXPECT_EQ(body.fault, ResponseFault::kSlowBody);
  EXPECT_EQ(body.trickle_chunk_bytes, 3u);
  EXPECT_EQ(body.trickle_interval, absl::Milliseconds(250));
  EXPECT_TRUE(Json(body).at("invitedUser").is_object());  // body intact
  ServerResponse headers = Invite("s2@x.com");
  EXPECT_EQ(headers.fault, ResponseFault::kSlowHeaders);
  EXPECT_EQ(headers.trickle_chunk_bytes, 16u);
  EXPECT_EQ(headers.trickle_interval, absl::Milliseconds(100));
  EXPECT_EQ(Invite("s3@x.com").fault, ResponseFault::kNone);
  EXPECT_EQ(UserCount(), 3);
  const boost::json::object ledger = emu_->Ledger();
  const auto& outcomes = ledger.at("requests").at("POST /v1.0/invitations");
  EXPECT_EQ(outcomes.at("slow_body").as_int64(), 1);
  EXPECT_EQ(outcomes.at("slow_headers").as_int64(), 1);
  EXPECT_EQ(outcomes.at("201").as_int64(), 1);
}

// --- Chaos mode -------------------------------------------------------------

class EmulatorChaosTest : public EmulatorFaultsTest {
 protected:
  void Chaos(const std::string& chaos_json, const std::string& extra = "") {
    Make(Config(absl::StrCat(R"({"chaos":)", chaos_json, extra, "}")));
    Token();
  }
  int64_t Outcome(const std::string& route, const std::string& outcome) {
    const boost::json::object ledger = emu_->Ledger();
    const auto* r = ledger.at("requests").as_object().if_contains(route);
    if (r == nullptr) return 0;
    const auto* n = r->as_object().if_contains(outcome);
    return n == nullptr ? 0 : n->as_int64();
  }
};

TEST_F(EmulatorChaosTest, OffByDefault) {
  Token();
  for (int i = 0; i < 200; ++i) {
    ASSERT_EQ(Graph("GET", "/v1.0/users").status, 200);
  }
}

TEST_F(EmulatorChaosTest, ChaosFailureIsNotAppliedAndIsCounted) {
  Chaos(R"({"enabled":true,"probability":1,"statuses":{"POST":[503]},
            "retry_after":"integer","retry_after_seconds":2})");
  ServerResponse r = Invite("c@x.com", R"(,"sendInvitationMessage":true)");
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(ErrorCode(r), "serviceNotAvailable");
  EXPECT_EQ(HeaderOf(r, "Retry-After"), "2");
  EXPECT_FALSE(HeaderOf(r, "request-id").empty());
  boost::json::object ledger = emu_->Ledger();
  EXPECT_TRUE(ledger.at("users").as_array().empty());
  EXPECT_EQ(ledger.at("emails_sent").as_object().size(), 0u);
  EXPECT_EQ(ledger.at("invitation_posts").at("c@x.com").as_int64(), 1);
  EXPECT_EQ(Outcome("POST /v1.0/invitations", "chaos_503"), 1);
  // GET has no list in this table: never failed.
  EXPECT_EQ(Graph("GET", "/v1.0/users").status, 200);
}

TEST_F(EmulatorChaosTest, ChaosDoesNotCheckTheTokenFirst) {
  Chaos(R"({"enabled":true,"probability":1,"statuses":{"GET":[500]}})");
  ServerResponse r = Send("GET", "/v1.0/users");  // no Authorization
  EXPECT_EQ(r.status, 500);
}

TEST_F(EmulatorChaosTest, SeededShareAndStatusesPerMethod) {
  auto run = [this](int seed) {
    Make(Config(absl::StrCat(R"({"seed":)", seed,
                             R"(,"chaos":{"enabled":true}})")));
    Token();
    std::string pattern;
    std::set<int> statuses;
    for (int i = 0; i < 1000; ++i) {
      int status = Graph("GET", "/v1.0/users").status;
      pattern += status == 200 ? '.' : 'x';
      if (status != 200) statuses.insert(status);
    }
    return std::make_pair(pattern, statuses);
  };
  auto [a, a_statuses] = run(7);
  EXPECT_EQ(a, run(7).first);
  EXPECT_NE(a, run(8).first);
  // 10 % by default: 100 expected, the binomial sd is ~9.5.
  size_t failures = std::count(a.begin(), a.end(), 'x');
  EXPECT_GT(failures, 60u);
  EXPECT_LT(failures, 140u);
  // kiota's GET set: never 507.
  EXPECT_EQ(a_statuses, (std::set<int>{429, 500, 502, 503, 504}));
  // The ledger of the seed-7 run counts each failure under its status.
  run(7);
  int64_t chaos_outcomes = 0;
  for (int status : a_statuses) {
    chaos_outcomes += Outcome("GET /v1.0/users", absl::StrCat("chaos_", status));
  }
  EXPECT_EQ(chaos_outcomes, static_cast<int64_t>(failures));
  EXPECT_EQ(Outcome("GET /v1.0/users", "200"),
            1000 - static_cast<int64_t>(failures));
}

TEST_F(EmulatorChaosTest, PostSetIncludes507) {
  Chaos(R"({"enabled":true,"probability":1})");
  std::set<int> statuses;
  for (int i = 0; i < 300; ++i) {
    statuses.insert(Invite(absl::StrCat("p", i, "@x.com")).status);
  }
  EXPECT_EQ(statuses, (std::set<int>{429, 500, 502, 503, 504, 507}));
  EXPECT_EQ(UserCount(), 0);
}

TEST_F(EmulatorChaosTest, RetryAfterMixDrawsEveryForm) {
  Chaos(R"({"enabled":true,"probability":1,"statuses":{"GET":[503]},
            "retry_after_seconds":4})");
  std::set<std::string> forms;
  for (int i = 0; i < 200; ++i) {
    std::string value = HeaderOf(Graph("GET", "/v1.0/users"), "Retry-After");
    forms.insert(value.empty()                          ? "absent"
                 : value == "4"                         ? "integer"
                 : value == "4.000"                     ? "fractional"
                 : absl::StrContains(value, " GMT")     ? "http_date"
                                                        : value);
  }
  EXPECT_EQ(forms, (std::set<std::string>{"absent", "integer", "fractional",
                                          "http_date"}));
}

TEST_F(EmulatorChaosTest, TokenEndpointOnlyWhenThePathsSaySo) {
  Chaos(R"({"enabled":true,"probability":1})");
  EXPECT_EQ(PostToken(TokenForm(creds_.client_secret)).status, 200);
  Make(Config(R"({"chaos":{"enabled":true,"probability":1,"path_prefix":"/",
                           "statuses":{"POST":[503]}}})"));
  ServerResponse r = PostToken(TokenForm(creds_.client_secret));
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(Str(Json(r).at("error")), "temporarily_unavailable");
  EXPECT_EQ(Send("GET", "/_emulator/ledger").status, 200);
}

TEST_F(EmulatorChaosTest, FaultRulesGoFirst) {
  Chaos(R"({"enabled":true,"probability":1,"statuses":{"GET":[503]}})",
        R"(,"faults":[{"path_prefix":"/v1.0/users","status":500,"count":1}])");
  EXPECT_EQ(Graph("GET", "/v1.0/users").status, 500);
  EXPECT_EQ(Graph("GET", "/v1.0/users").status, 503);
  EXPECT_EQ(Outcome("GET /v1.0/users", "500"), 1);
  EXPECT_EQ(Outcome("GET /v1.0/users", "chaos_503"), 1);
}

TEST_F(EmulatorChaosTest, ResetRestartsTheSequence) {
  Chaos(R"({"enabled":true,"probability":0.5})");
  auto pattern = [this] {
    std::string p;
    for (int i = 0; i < 64; ++i) {
      p += Graph("GET", "/v1.0/users").status == 200 ? '.' : 'x';
    }
    return p;
  };
  std::string first = pattern();
  Send("POST", "/_emulator/reset");
  EXPECT_EQ(pattern(), first);
}

// --- Latency distributions --------------------------------------------------

LatencyRule LogNormal(double tail_probability) {
  LatencyRule rule;
  rule.distribution = LatencyDistribution::kLogNormal;
  rule.median_ms = 300;
  rule.p99_ms = 2000;
  rule.tail_probability = tail_probability;
  rule.tail_min_ms = 5000;
  rule.tail_max_ms = 10000;
  return rule;
}

std::vector<double> Draw(const LatencyRule& rule, uint64_t seed, int n) {
  LatencySampler sampler;
  sampler.Seed(seed);
  std::vector<double> ms;
  for (int i = 0; i < n; ++i) {
    ms.push_back(absl::ToDoubleMilliseconds(sampler.Sample(rule)));
  }
  return ms;
}

double Quantile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  return v[static_cast<size_t>(q * (v.size() - 1))];
}

// Seeded, so deterministic: the tolerances allow for sampling error of
// 10 000 draws (median ~2 %, p99 ~6 %), not for luck.
TEST(LatencySamplerTest, LogNormalHitsMedianAndP99) {
  std::vector<double> ms = Draw(LogNormal(0), 1, 10000);
  EXPECT_NEAR(Quantile(ms, 0.5), 300, 300 * 0.05);
  EXPECT_NEAR(Quantile(ms, 0.99), 2000, 2000 * 0.12);
  EXPECT_GT(*std::min_element(ms.begin(), ms.end()), 0);
}

TEST(LatencySamplerTest, TailShareAndRange) {
  std::vector<double> ms = Draw(LogNormal(0.01), 3, 10000);
  size_t tail = std::count_if(ms.begin(), ms.end(), [](double v) {
    return v >= 5000 && v <= 10000;
  });
  // 1 % of 10 000 (sd ~10), plus the body's own ~0.03 % above 5 s (which
  // may, rarely, go beyond 10 s: the tail does not cap the body).
  EXPECT_GE(tail, 70u);
  EXPECT_LE(tail, 135u);
  EXPECT_NEAR(Quantile(ms, 0.5), 300, 300 * 0.05);
}

TEST(LatencySamplerTest, AllTailIsUniformInRange) {
  std::vector<double> ms = Draw(LogNormal(1), 5, 10000);
  EXPECT_GE(*std::min_element(ms.begin(), ms.end()), 5000);
  EXPECT_LE(*std::max_element(ms.begin(), ms.end()), 10000);
  EXPECT_NEAR(Quantile(ms, 0.5), 7500, 150);
}

TEST(LatencySamplerTest, SeededAndFixedRulesDrawNothing) {
  EXPECT_EQ(Draw(LogNormal(0.01), 9, 50), Draw(LogNormal(0.01), 9, 50));
  EXPECT_NE(Draw(LogNormal(0.01), 9, 50), Draw(LogNormal(0.01), 10, 50));
  LatencyRule fixed;
  fixed.delay = absl::Milliseconds(42);
  LatencySampler sampler;
  sampler.Seed(9);
  EXPECT_EQ(sampler.Sample(fixed), absl::Milliseconds(42));
  // The fixed draw left the generator where it was.
  EXPECT_EQ(absl::ToDoubleMilliseconds(sampler.Sample(LogNormal(0.01))),
            Draw(LogNormal(0.01), 9, 1)[0]);
}

TEST(LatencySamplerTest, MedianEqualToP99IsConstant) {
  LatencyRule rule = LogNormal(0);
  rule.p99_ms = rule.median_ms;
  for (double v : Draw(rule, 2, 100)) EXPECT_DOUBLE_EQ(v, 300);
}

TEST_F(EmulatorFaultsTest, LatencyDistributionThroughTheEmulator) {
  const char* json = R"({"latency":[{"method":"POST",
      "path_prefix":"/v1.0/invitations","distribution":"lognormal"},
      {"path_prefix":"/v1.0/users","delay_ms":25}]})";
  auto delays = [&] {
    Make(Config(json));
    std::vector<absl::Duration> out;
    for (int i = 0; i < 20; ++i) {
      out.push_back(Invite(absl::StrCat("l", i, "@x.com")).delay);
    }
    return out;
  };
  std::vector<absl::Duration> a = delays();
  EXPECT_EQ(a, delays());
  std::set<absl::Duration> distinct(a.begin(), a.end());
  EXPECT_GT(distinct.size(), 15u);
  EXPECT_EQ(Graph("GET", "/v1.0/users").delay, absl::Milliseconds(25));
}

}  // namespace
}  // namespace guestinvitation::emulator::testing
