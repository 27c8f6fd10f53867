// Control endpoints, the ledger, routing and the common response envelope.
#include <thread>
#include <vector>

#include "tests/unit/emulator_test_support.h"

namespace guestinvitation::emulator::testing {
namespace {

using ::testing::HasSubstr;

class EmulatorControlTest : public EmulatorTest {};

TEST_F(EmulatorControlTest, LedgerHasEveryDocumentedSection) {
  std::string id =
      InviteUser("l@fabrikam.com", R"(,"sendInvitationMessage":true)");
  AddMember(kGroup1, id);
  emu_->SetTlsConnectionCounter([] { return uint64_t{7}; });
  ServerResponse r = Send("GET", "/_emulator/ledger");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(HeaderOf(r, "Content-Type"), "application/json");
  boost::json::object ledger = Json(r).as_object();
  const boost::json::value& user = ledger.at("users").at(0);
  EXPECT_EQ(Str(user.at("id")), id);
  EXPECT_EQ(Str(user.at("mail")), "l@fabrikam.com");
  EXPECT_EQ(Str(user.at("userType")), "Guest");
  EXPECT_EQ(Str(user.at("externalUserState")), "PendingAcceptance");
  EXPECT_TRUE(user.at("accountEnabled").as_bool());
  EXPECT_FALSE(user.at("deleted").as_bool());
  EXPECT_EQ(Str(ledger.at("memberships").at(0).at("user_id")), id);
  EXPECT_EQ(
      ledger.at("emails_sent").at("l@fabrikam.com").at("count").as_int64(), 1);
  EXPECT_EQ(ledger.at("invitation_posts").at("l@fabrikam.com").as_int64(), 1);
  EXPECT_EQ(ledger.at("token_requests").as_int64(), 1);
  EXPECT_EQ(ledger.at("tls_connections_accepted").as_int64(), 7);
  const boost::json::object& requests = ledger.at("requests").as_object();
  EXPECT_EQ(requests.at("POST /v1.0/invitations").at("201").as_int64(), 1);
  EXPECT_EQ(
      requests.at("POST /v1.0/groups/{id}/members/$ref").at("204").as_int64(),
      1);
  EXPECT_FALSE(requests.contains("GET /_emulator/..."));
}

TEST_F(EmulatorControlTest, ResetClearsUsersButKeepsGroupsAndTokens) {
  std::string id = InviteUser("r@fabrikam.com");
  AddMember(kGroup1, id);
  ASSERT_EQ(Send("POST", "/_emulator/reset").status, 204);
  boost::json::object ledger = emu_->Ledger();
  EXPECT_TRUE(ledger.at("users").as_array().empty());
  EXPECT_TRUE(ledger.at("memberships").as_array().empty());
  EXPECT_TRUE(ledger.at("requests").as_object().empty());
  EXPECT_EQ(ledger.at("token_requests").as_int64(), 0);
  EXPECT_EQ(Graph("GET", absl::StrCat("/v1.0/users/", id)).status, 404);
  EXPECT_EQ(Graph("GET", absl::StrCat("/v1.0/groups/", kGroup1)).status, 200);
}

TEST_F(EmulatorControlTest, PutConfigReplacesConfigAtRunTime) {
  Token();
  ServerResponse r = Send("PUT", "/_emulator/config",
                          R"({"invitations":{"reinvite_existing":"error"},
                              "groups":[{"id":"only","display_name":"Only"}]})");
  ASSERT_EQ(r.status, 204) << r.body;
  InviteUser("c@fabrikam.com");
  EXPECT_EQ(Invite("c@fabrikam.com").status, 400);
  EXPECT_EQ(Json(Graph("GET", "/v1.0/groups")).at("value").as_array().size(),
            1u);
  ServerResponse bad = Send("PUT", "/_emulator/config", R"({"seeed":1})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(ErrorCode(bad), "InvalidConfig");
  EXPECT_THAT(ErrorMessage(bad), HasSubstr("seeed"));
}

TEST_F(EmulatorControlTest, ConfigChangeDropsMembershipsOfRemovedGroups) {
  std::string id = InviteUser("c@fabrikam.com");
  AddMember(kGroup1, id);
  AddMember(kGroup2, id);
  EmulatorConfig config = DefaultEmulatorConfig();
  config.groups.erase(config.groups.begin());
  emu_->ReplaceConfig(config);
  boost::json::object ledger = emu_->Ledger();
  ASSERT_EQ(ledger.at("memberships").as_array().size(), 1u);
  EXPECT_EQ(Str(ledger.at("memberships").at(0).at("group_id")), kGroup2);
}

TEST_F(EmulatorControlTest, UnknownControlPathIs404) {
  EXPECT_EQ(Send("GET", "/_emulator/nothing").status, 404);
  EXPECT_EQ(Send("DELETE", "/_emulator/ledger").status, 404);
}

TEST_F(EmulatorControlTest, ErrorEnvelopeAndCorrelationHeaders) {
  ServerResponse r = Graph("GET", "/v1.0/users/nobody", "",
                           {{"client-request-id", "my-id-123"}});
  ASSERT_EQ(r.status, 404);
  std::string request_id = HeaderOf(r, "request-id");
  EXPECT_EQ(request_id.size(), 36u);
  EXPECT_EQ(HeaderOf(r, "client-request-id"), "my-id-123");
  EXPECT_EQ(HeaderOf(r, "Date"), "Thu, 01 Jan 2026 00:00:00 GMT");
  boost::json::object body = Json(r).as_object();
  ASSERT_EQ(body.size(), 1u);
  const boost::json::object& error = body.at("error").as_object();
  EXPECT_EQ(error.size(), 3u);
  const boost::json::object& inner = error.at("innerError").as_object();
  EXPECT_EQ(Str(inner.at("date")), "2026-01-01T00:00:00");
  EXPECT_EQ(Str(inner.at("request-id")), request_id);
  EXPECT_EQ(Str(inner.at("client-request-id")), "my-id-123");
  EXPECT_EQ(inner.size(), 3u);
}

TEST_F(EmulatorControlTest, ClientRequestIdIsGeneratedWhenMissingOrUnsafe) {
  ServerResponse a = Graph("GET", "/v1.0/users");
  std::string generated = HeaderOf(a, "client-request-id");
  EXPECT_EQ(generated.size(), 36u);
  EXPECT_NE(generated, HeaderOf(a, "request-id"));
  ServerResponse b = Graph("GET", "/v1.0/users", "",
                           {{"client-request-id", "bad\r\nX-Injected: 1"}});
  EXPECT_EQ(HeaderOf(b, "client-request-id").size(), 36u);
  ServerResponse c = Graph("GET", "/v1.0/users");
  EXPECT_NE(HeaderOf(c, "request-id"), HeaderOf(a, "request-id"));
}

TEST_F(EmulatorControlTest, SuccessResponsesCarryRequestIdsToo) {
  ServerResponse r =
      Graph("GET", "/v1.0/groups", "", {{"client-request-id", "abc"}});
  EXPECT_EQ(r.status, 200);
  EXPECT_FALSE(HeaderOf(r, "request-id").empty());
  EXPECT_EQ(HeaderOf(r, "client-request-id"), "abc");
  EXPECT_THAT(HeaderOf(r, "Content-Type"), HasSubstr("application/json"));
}

TEST_F(EmulatorControlTest, UnknownPathsAre404AfterAuth) {
  ServerResponse unauth = Send("GET", "/v1.0/applications");
  EXPECT_EQ(unauth.status, 401);
  ServerResponse r = Graph("GET", "/v1.0/applications");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(ErrorCode(r), "UnknownError");
  EXPECT_EQ(Send("GET", "/").status, 404);
  EXPECT_EQ(Send("GET", "/beta/users").status, 404);
  EXPECT_EQ(Graph("GET", "/v1.0/users/a/b/c").status, 404);
}

TEST_F(EmulatorControlTest, WrongMethodIs405) {
  ServerResponse r = Graph("PUT", "/v1.0/users");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(HeaderOf(r, "Allow"), "GET");
  ServerResponse user = Graph("POST", "/v1.0/users/x");
  EXPECT_EQ(user.status, 405);
  EXPECT_EQ(HeaderOf(user, "Allow"), "GET, PATCH, DELETE");
  EXPECT_EQ(
      Send("GET", absl::StrCat("/", creds_.tenant_id, "/oauth2/v2.0/token"))
          .status,
      405);
}

TEST_F(EmulatorControlTest, MalformedTargetsAre400) {
  for (const char* target :
       {"", "users", "/v1.0/users/%zz", "/v1.0/users?$top=%"}) {
    ServerResponse r = Send("GET", target);
    EXPECT_EQ(r.status, 400) << target;
    EXPECT_FALSE(HeaderOf(r, "request-id").empty());
  }
}

TEST_F(EmulatorControlTest, PathSegmentsAreCaseInsensitive) {
  EXPECT_EQ(Graph("GET", "/v1.0/Users").status, 200);
  EXPECT_EQ(Graph("GET", "/v1.0/GROUPS").status, 200);
}

TEST_F(EmulatorControlTest, HostHeaderDrivesLinks) {
  ServerRequest request;
  request.method = "GET";
  request.target = "/v1.0/groups";
  request.headers = {{"Authorization", absl::StrCat("Bearer ", Token())},
                     {"Host", "localhost:9999"}};
  ServerResponse r = emu_->Handle(request);
  EXPECT_EQ(Str(Json(r).at("@odata.context")),
            "https://localhost:9999/v1.0/$metadata#groups");
  request.headers[1].second = "evil/host";
  EXPECT_EQ(Str(Json(emu_->Handle(request)).at("@odata.context")),
            "https://graph.microsoft.com/v1.0/$metadata#groups");
}

TEST_F(EmulatorControlTest, ConcurrentCallersSeeOneConsistentDirectory) {
  const std::string token = Token();
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([this, t, token] {
      for (int i = 0; i < 25; ++i) {
        ServerRequest request;
        request.method = "POST";
        request.target = "/v1.0/invitations";
        request.headers = {{"Authorization", "Bearer " + token},
                           {"Host", kHost}};
        // Every thread invites the same 25 addresses: one user each.
        request.body = InviteBody(absl::StrCat("c", i, "@x.com"));
        EXPECT_EQ(emu_->Handle(request).status, 201);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  boost::json::object ledger = emu_->Ledger();
  EXPECT_EQ(ledger.at("users").as_array().size(), 25u);
  EXPECT_EQ(ledger.at("invitation_posts").at("c0@x.com").as_int64(), 4);
}

}  // namespace
}  // namespace guestinvitation::emulator::testing
