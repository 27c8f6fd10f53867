// Fault injection and latency in the Graph emulator.
#include "tests/unit/emulator_test_support.h"

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

}  // namespace
}  // namespace guestinvitation::emulator::testing
