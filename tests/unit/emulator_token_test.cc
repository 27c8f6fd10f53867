// Token endpoint and bearer checks of the Graph emulator.
#include "absl/strings/escaping.h"
#include "tests/unit/emulator_test_support.h"

namespace guestinvitation::emulator::testing {
namespace {

using ::testing::HasSubstr;

class EmulatorTokenTest : public EmulatorTest {};

TEST_F(EmulatorTokenTest, GoodSecretIssuesBearerToken) {
  ServerResponse r = PostToken(TokenForm(creds_.client_secret));
  ASSERT_EQ(r.status, 200) << r.body;
  boost::json::value body = Json(r);
  EXPECT_EQ(Str(body.at("token_type")), "Bearer");
  EXPECT_EQ(body.at("expires_in").as_int64(), 3599);
  EXPECT_EQ(body.at("ext_expires_in").as_int64(), 3599);
  EXPECT_FALSE(body.as_object().contains("refresh_in"));
  EXPECT_FALSE(Str(body.at("access_token")).empty());
  EXPECT_EQ(HeaderOf(r, "Cache-Control"), "no-store, no-cache");
}

TEST_F(EmulatorTokenTest, EachRequestGetsADifferentToken) {
  std::string a =
      Str(Json(PostToken(TokenForm(creds_.client_secret))).at("access_token"));
  std::string b =
      Str(Json(PostToken(TokenForm(creds_.client_secret))).at("access_token"));
  EXPECT_NE(a, b);
}

TEST_F(EmulatorTokenTest, TenantDomainIsAcceptedInPath) {
  ServerResponse r =
      Send("POST", "/contoso.onmicrosoft.com/oauth2/v2.0/token",
           TokenForm(creds_.client_secret),
           {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(r.status, 200) << r.body;
}

TEST_F(EmulatorTokenTest, WrongSecretIsFlatInvalidClient) {
  ServerResponse r = PostToken(TokenForm("wrong"));
  EXPECT_EQ(r.status, 401);
  boost::json::value body = Json(r);
  EXPECT_EQ(Str(body.at("error")), "invalid_client");
  EXPECT_THAT(Str(body.at("error_description")),
              HasSubstr("AADSTS7000215: Invalid client secret provided."));
  EXPECT_EQ(body.at("error_codes").as_array().at(0).as_int64(), 7000215);
  for (const char* key : {"timestamp", "trace_id", "correlation_id"}) {
    EXPECT_TRUE(body.as_object().contains(key)) << key;
  }
  EXPECT_FALSE(body.as_object().contains("access_token"));
}

TEST_F(EmulatorTokenTest, WrongTenantIsRejected) {
  ServerResponse r =
      Send("POST", "/other-tenant/oauth2/v2.0/token",
           TokenForm(creds_.client_secret),
           {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_THAT(Str(Json(r).at("error_description")), HasSubstr("AADSTS90002"));
}

TEST_F(EmulatorTokenTest, UnknownClientIsRejected) {
  std::string form = absl::StrCat(
      "grant_type=client_credentials&client_id=someone-else&client_secret=",
      Encode(creds_.client_secret),
      "&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default");
  ServerResponse r = PostToken(form);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Str(Json(r).at("error")), "unauthorized_client");
}

TEST_F(EmulatorTokenTest, BasicAuthCarriesTheSecret) {
  std::string basic = absl::Base64Escape(
      absl::StrCat(creds_.client_id, ":", Encode(creds_.client_secret)));
  ServerResponse r = PostToken(
      "grant_type=client_credentials&scope=https%3A%2F%2Fgraph.microsoft.com"
      "%2F.default",
      {{"Authorization", absl::StrCat("Basic ", basic)}});
  EXPECT_EQ(r.status, 200) << r.body;
}

TEST_F(EmulatorTokenTest, BasicAuthWithWrongSecretFails) {
  std::string basic =
      absl::Base64Escape(absl::StrCat(creds_.client_id, ":nope"));
  ServerResponse r = PostToken(
      "grant_type=client_credentials&scope=https%3A%2F%2Fgraph.microsoft.com"
      "%2F.default",
      {{"Authorization", absl::StrCat("Basic ", basic)}});
  EXPECT_EQ(r.status, 401);
}

TEST_F(EmulatorTokenTest, MissingSecretIsInvalidClient) {
  ServerResponse r = PostToken(
      absl::StrCat("grant_type=client_credentials&client_id=", creds_.client_id,
                   "&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default"));
  EXPECT_EQ(r.status, 401);
  EXPECT_THAT(Str(Json(r).at("error_description")), HasSubstr("AADSTS7000216"));
}

TEST_F(EmulatorTokenTest, ScopeMustBeOneDefaultScope) {
  struct Case {
    const char* scope;
    const char* error;
  } cases[] = {
      {"https%3A%2F%2Fgraph.microsoft.com%2FUser.Read", "invalid_scope"},
      {"https%3A%2F%2Fgraph.microsoft.com%2F.default+https%3A%2F%2Fvault."
       "azure.net%2F.default",
       "invalid_scope"},
      {"https%3A%2F%2Fvault.azure.net%2F.default", "invalid_resource"},
      {"", "invalid_request"},
  };
  for (const Case& c : cases) {
    ServerResponse r = PostToken(absl::StrCat(
        "grant_type=client_credentials&client_id=", creds_.client_id,
        "&client_secret=", Encode(creds_.client_secret), "&scope=", c.scope));
    EXPECT_EQ(r.status, 400) << c.scope;
    EXPECT_EQ(Str(Json(r).at("error")), c.error) << c.scope;
  }
}

TEST_F(EmulatorTokenTest, EmulatorOriginIsAcceptedAsResource) {
  ServerResponse r = PostToken(
      absl::StrCat("grant_type=client_credentials&client_id=", creds_.client_id,
                   "&client_secret=", Encode(creds_.client_secret),
                   "&scope=", Encode(absl::StrCat(kBase, "/.default"))));
  EXPECT_EQ(r.status, 200) << r.body;
}

TEST_F(EmulatorTokenTest, NationalCloudScopeFollowsTheConfiguredCloud) {
  Make(Config(R"({"cloud":"usgov"})"));
  auto form = [this](const std::string& resource) {
    return absl::StrCat("grant_type=client_credentials&client_id=",
                        creds_.client_id, "&client_secret=",
                        Encode(creds_.client_secret), "&scope=",
                        Encode(absl::StrCat(resource, "/.default")));
  };
  EXPECT_EQ(PostToken(form("https://graph.microsoft.us")).status, 200);
  // Tokens are not interchangeable between clouds (graph-api.md 8).
  ServerResponse global = PostToken(form("https://graph.microsoft.com"));
  EXPECT_EQ(global.status, 400);
  EXPECT_EQ(Str(Json(global).at("error")), "invalid_resource");  // AADSTS500011
}

TEST_F(EmulatorTokenTest, WrongGrantTypeAndNonFormBodyAreRejected) {
  ServerResponse r = PostToken("grant_type=password");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Str(Json(r).at("error")), "unsupported_grant_type");
  ServerResponse json =
      Send("POST", absl::StrCat("/", creds_.tenant_id, "/oauth2/v2.0/token"),
           R"({"grant_type":"client_credentials"})",
           {{"Content-Type", "application/json"}});
  EXPECT_EQ(json.status, 400);
  EXPECT_THAT(Str(Json(json).at("error_description")),
              HasSubstr("AADSTS900144"));
  ServerResponse bad_escape = PostToken("grant_type=%zz");
  EXPECT_EQ(bad_escape.status, 400);
}

TEST_F(EmulatorTokenTest, UnreadableClientAssertionIsInvalidJwt) {
  ServerResponse r = PostToken(absl::StrCat(
      "grant_type=client_credentials&client_id=", creds_.client_id,
      "&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-"
      "type%3Ajwt-bearer&client_assertion=eyJ.x.y"
      "&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default"));
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(Str(Json(r).at("error")), "invalid_client");
  EXPECT_THAT(Str(Json(r).at("error_description")), HasSubstr("AADSTS50027"));
}

TEST_F(EmulatorTokenTest, GraphCallWithoutTokenIsEmptyToken) {
  ServerResponse r = Send("GET", "/v1.0/users");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(ErrorCode(r), "InvalidAuthenticationToken");
  EXPECT_EQ(ErrorMessage(r), "Access token is empty.");
  EXPECT_THAT(HeaderOf(r, "WWW-Authenticate"), HasSubstr("Bearer"));
}

TEST_F(EmulatorTokenTest, GraphCallWithUnknownTokenIsParseFailure) {
  ServerResponse r =
      Send("GET", "/v1.0/users", "", {{"Authorization", "Bearer abc"}});
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(ErrorMessage(r),
            "CompactToken parsing failed with error code: 80049217");
  ServerResponse basic =
      Send("GET", "/v1.0/users", "", {{"Authorization", "Basic abc"}});
  EXPECT_EQ(basic.status, 401);
}

TEST_F(EmulatorTokenTest, ExpiredTokenGets401) {
  Token();
  now_ += absl::Seconds(3598);
  EXPECT_EQ(Graph("GET", "/v1.0/users").status, 200);
  now_ += absl::Seconds(1);
  ServerResponse r = Graph("GET", "/v1.0/users");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(ErrorMessage(r), "Access token has expired or is not yet valid.");
}

TEST_F(EmulatorTokenTest, ConfiguredLifetimeAndRefreshIn) {
  Make(Config(R"({"token":{"expires_in":120,"ext_expires_in":240,
                           "refresh_in":60}})"));
  boost::json::value body = Json(PostToken(TokenForm(creds_.client_secret)));
  EXPECT_EQ(body.at("expires_in").as_int64(), 120);
  EXPECT_EQ(body.at("ext_expires_in").as_int64(), 240);
  EXPECT_EQ(body.at("refresh_in").as_int64(), 60);
  Token();
  now_ += absl::Seconds(120);
  EXPECT_EQ(Graph("GET", "/v1.0/users").status, 401);
}

TEST_F(EmulatorTokenTest, RevokedTokensGet401) {
  Token();
  EXPECT_EQ(Send("POST", "/_emulator/revoke-tokens").status, 204);
  EXPECT_EQ(Graph("GET", "/v1.0/users").status, 401);
  token_.clear();
  EXPECT_EQ(Graph("GET", "/v1.0/users").status, 200);
}

TEST_F(EmulatorTokenTest, LedgerCountsTokenRequests) {
  PostToken(TokenForm("wrong"));
  PostToken(TokenForm(creds_.client_secret));
  boost::json::object ledger = emu_->Ledger();
  EXPECT_EQ(ledger.at("token_requests").as_int64(), 2);
  EXPECT_EQ(ledger.at("tokens_issued").as_int64(), 1);
  EXPECT_EQ(ledger.at("requests")
                .at("POST /{tenant}/oauth2/v2.0/token")
                .at("401")
                .as_int64(),
            1);
}

}  // namespace
}  // namespace guestinvitation::emulator::testing
