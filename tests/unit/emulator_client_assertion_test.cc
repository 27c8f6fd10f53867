// Certificate (private_key_jwt) and federated client assertions at the
// emulator's token endpoint (graph-api.md 7.2, 7.3).
#include <boost/json.hpp>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "tests/unit/emulator_jwt_test_support.h"
#include "tests/unit/emulator_test_support.h"
#include "tools/graph_emulator/client_assertion.h"

namespace guestinvitation::emulator::testing {
namespace {

namespace json = boost::json;
using ::testing::HasSubstr;

constexpr char kIssuer[] = "https://oidc.prod-aks.example/tenant/cluster/";
constexpr char kSubject[] = "system:serviceaccount:gi:guest-invitation";

class EmulatorClientAssertionTest : public EmulatorTest {
 protected:
  // RSA key generation is slow: once per test program.
  static void SetUpTestSuite() {
    app_ = new TestRsaKey();
    other_ = new TestRsaKey();
    cluster_ = new TestRsaKey();
  }
  static void TearDownTestSuite() {
    delete app_;
    delete other_;
    delete cluster_;
  }

  EmulatorClientAssertionTest() { MakeWithCert(DefaultEmulatorConfig()); }

  // The emulator with app_'s certificate registered through the
  // credentials, as EmbeddedEmulator does.
  void MakeWithCert(EmulatorConfig config) {
    Make(DefaultEmulatorConfig());
    creds_.client_certificate_pem = app_->cert_pem();
    emu_ = std::make_unique<GraphEmulator>(GraphEmulatorOptions{
        creds_, std::move(config), [this] { return now_; }});
  }
  void MakeWithCert(const json::object& config) {
    MakeWithCert(Config(json::serialize(config)));
  }

  int64_t Now() const { return absl::ToUnixSeconds(now_); }
  std::string Audience() const {
    return absl::StrCat(kBase, "/", creds_.tenant_id, "/oauth2/v2.0/token");
  }
  json::object Header(const TestRsaKey& key, const char* alg = "RS256") const {
    return json::object{{"alg", alg}, {"typ", "JWT"}, {"x5t", key.x5t()}};
  }
  json::object Claims() const {
    return json::object{{"aud", Audience()},
                        {"iss", creds_.client_id},
                        {"sub", creds_.client_id},
                        {"jti", "3f0c8a52-7a0e-4bb5-9a43-5a3f3b1f2d10"},
                        {"nbf", Now()},
                        {"iat", Now()},
                        {"exp", Now() + 600}};
  }
  std::string Form(const std::string& assertion) const {
    return absl::StrCat(
        "grant_type=client_credentials&client_id=", creds_.client_id,
        "&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-"
        "assertion-type%3Ajwt-bearer&client_assertion=",
        Encode(assertion),
        "&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default");
  }
  ServerResponse PostAssertion(const std::string& assertion) {
    return PostToken(Form(assertion));
  }
  ServerResponse PostSigned(const json::object& header,
                            const json::object& claims,
                            const TestRsaKey* key = nullptr) {
    return PostAssertion((key ? key : app_)->Jwt(header, claims));
  }

  // Status, error and AADSTS code of a refusal, checked together.
  static void ExpectError(const ServerResponse& r, int status,
                          const std::string& error, int64_t aadsts) {
    EXPECT_EQ(r.status, status) << r.body;
    json::value body = Json(r);
    EXPECT_EQ(Str(body.at("error")), error) << r.body;
    EXPECT_EQ(body.at("error_codes").at(0).as_int64(), aadsts) << r.body;
    EXPECT_THAT(Str(body.at("error_description")),
                ::testing::StartsWith(absl::StrCat("AADSTS", aadsts, ": ")));
    for (const char* key : {"timestamp", "trace_id", "correlation_id"}) {
      EXPECT_TRUE(body.as_object().contains(key)) << key;
    }
    EXPECT_FALSE(body.as_object().contains("access_token"));
  }
  static std::string Description(const ServerResponse& r) {
    return Str(Json(r).at("error_description"));
  }

  json::object FederatedConfig() const {
    return json::object{
        {"token",
         json::object{{"federated_credentials",
                       json::array{json::object{
                           {"issuer", kIssuer},
                           {"subject", kSubject},
                           {"public_key_pem", cluster_->public_key_pem()}}}}}}};
  }
  json::object FederatedClaims() const {
    return json::object{{"aud", json::array{kTokenExchangeAudience}},
                        {"iss", kIssuer},
                        {"sub", kSubject},
                        {"nbf", Now()},
                        {"iat", Now()},
                        {"exp", Now() + 3600}};
  }
  static json::object FederatedHeader() {
    return json::object{{"alg", "RS256"}, {"kid", "cluster-key-1"}};
  }

  static TestRsaKey* app_;
  static TestRsaKey* other_;
  static TestRsaKey* cluster_;
};

TestRsaKey* EmulatorClientAssertionTest::app_ = nullptr;
TestRsaKey* EmulatorClientAssertionTest::other_ = nullptr;
TestRsaKey* EmulatorClientAssertionTest::cluster_ = nullptr;

TEST_F(EmulatorClientAssertionTest, Rs256WithX5tIssuesAUsableToken) {
  ServerResponse r = PostSigned(Header(*app_), Claims());
  ASSERT_EQ(r.status, 200) << r.body;
  json::value body = Json(r);
  EXPECT_EQ(Str(body.at("token_type")), "Bearer");
  EXPECT_EQ(body.at("expires_in").as_int64(), 3599);
  token_ = Str(body.at("access_token"));
  EXPECT_EQ(Graph("GET", "/v1.0/users").status, 200);
}

TEST_F(EmulatorClientAssertionTest, Ps256WithOnlyX5tS256IsAccepted) {
  json::object header{
      {"alg", "PS256"}, {"typ", "JWT"}, {"x5t#S256", app_->x5t_s256()}};
  ServerResponse r = PostSigned(header, Claims());
  EXPECT_EQ(r.status, 200) << r.body;
}

TEST_F(EmulatorClientAssertionTest, BothThumbprintsMustNameTheSameCert) {
  json::object config{
      {"token",
       json::object{{"certificates", json::array{other_->cert_pem()}}}}};
  MakeWithCert(config);
  json::object header = Header(*app_);
  header["x5t#S256"] = app_->x5t_s256();
  EXPECT_EQ(PostSigned(header, Claims()).status, 200);
  // Both thumbprints are registered, but not on the same certificate.
  header["x5t#S256"] = other_->x5t_s256();
  ExpectError(PostSigned(header, Claims()), 401, "invalid_client", 700027);
}

TEST_F(EmulatorClientAssertionTest, CertificateFromConfigIsRegisteredToo) {
  json::object config{
      {"token",
       json::object{{"certificates", json::array{other_->cert_pem()}}}}};
  Make(Config(json::serialize(config)));  // no certificate in credentials
  EXPECT_EQ(PostSigned(Header(*other_), Claims(), other_).status, 200);
  ExpectError(PostSigned(Header(*app_), Claims()), 401, "invalid_client",
              700027);
}

TEST_F(EmulatorClientAssertionTest, PssSignatureUnderRs256IsRefused) {
  // The alg header decides the padding; a mismatch is a bad signature.
  json::object header = Header(*app_);
  std::string input = absl::StrCat(B64Url(json::serialize(header)), ".",
                                   B64Url(json::serialize(Claims())));
  std::string jwt =
      absl::StrCat(input, ".", B64Url(app_->Sign(input, /*pss=*/true)));
  ExpectError(PostAssertion(jwt), 401, "invalid_client", 700027);
}

TEST_F(EmulatorClientAssertionTest, SignatureByAnotherKeyIsInvalidSignature) {
  ServerResponse r = PostSigned(Header(*app_), Claims(), other_);
  ExpectError(r, 401, "invalid_client", 700027);
  EXPECT_THAT(Description(r),
              HasSubstr("Client assertion contains an invalid signature."));
}

TEST_F(EmulatorClientAssertionTest, TamperedClaimsFailTheSignature) {
  std::string jwt = app_->Jwt(Header(*app_), Claims());
  json::object forged = Claims();
  forged["exp"] = Now() + 86400;
  std::vector<std::string> parts = absl::StrSplit(jwt, '.');
  parts[1] = B64Url(json::serialize(forged));
  ExpectError(PostAssertion(absl::StrJoin(parts, ".")), 401, "invalid_client",
              700027);
}

TEST_F(EmulatorClientAssertionTest, UnregisteredCertificateIsKeyNotFound) {
  ServerResponse r = PostSigned(Header(*other_), Claims(), other_);
  ExpectError(r, 401, "invalid_client", 700027);
  EXPECT_THAT(Description(r), HasSubstr("is not registered on application"));
  std::string sha1;
  ASSERT_TRUE(absl::WebSafeBase64Unescape(other_->x5t(), &sha1));
  EXPECT_THAT(Description(r),
              HasSubstr(absl::StrCat(
                  "Thumbprint of key used by client: '",
                  absl::AsciiStrToUpper(absl::BytesToHexString(sha1)), "'")));
}

TEST_F(EmulatorClientAssertionTest, X5tMismatchOrBadEncodingIsRefused) {
  json::object header = Header(*app_);
  header["x5t"] = B64Url(std::string(20, 'x'));  // well formed, unknown
  ExpectError(PostSigned(header, Claims()), 401, "invalid_client", 700027);
  header["x5t"] = B64Url(std::string(19, 'x'));  // not a SHA-1
  ExpectError(PostSigned(header, Claims()), 401, "invalid_client", 50027);
  header["x5t"] = app_->x5t() + "=";  // padded: not strict base64url
  ExpectError(PostSigned(header, Claims()), 401, "invalid_client", 50027);
  header["x5t"] = 42;
  ExpectError(PostSigned(header, Claims()), 401, "invalid_client", 50027);
}

TEST_F(EmulatorClientAssertionTest, NoThumbprintFromTheAppItselfIsRefused) {
  ServerResponse r = PostSigned(json::object{{"alg", "RS256"}}, Claims());
  ExpectError(r, 401, "invalid_client", 50027);
  EXPECT_THAT(Description(r), HasSubstr("No certificate thumbprint"));
}

TEST_F(EmulatorClientAssertionTest, OnlyRs256AndPs256AreAccepted) {
  std::string claims = B64Url(json::serialize(Claims()));
  // alg "none": no signature at all.
  std::string none =
      absl::StrCat(B64Url(R"({"alg":"none","x5t":")" + app_->x5t() + "\"}"),
                   ".", claims, ".");
  ExpectError(PostAssertion(none), 400, "invalid_request", 5002730);
  for (const char* alg : {"HS256", "ES256", "rs256", "RS512", ""}) {
    ExpectError(PostSigned(Header(*app_, alg), Claims()), 400,
                "invalid_request", 5002730);
  }
  json::object no_alg = Header(*app_);
  no_alg.erase("alg");
  ExpectError(PostSigned(no_alg, Claims()), 400, "invalid_request", 5002730);
}

TEST_F(EmulatorClientAssertionTest, AudienceMustBeTheTokenEndpoint) {
  struct Case {
    std::string aud;
    bool ok;
  } cases[] = {
      {Audience(), true},
      {absl::StrCat("https://login.microsoftonline.com/", creds_.tenant_id,
                    "/oauth2/v2.0/token"),
       true},
      {absl::StrCat(kBase, "/contoso.onmicrosoft.com/oauth2/v2.0/token"), true},
      {absl::StrCat(kBase, "/", creds_.tenant_id, "/oauth2/token"), true},
      {absl::StrCat("https://login.microsoftonline.com/", creds_.tenant_id,
                    "/v2.0"),
       false},
      {absl::StrCat("https://login.microsoftonline.com/other/oauth2/v2.0/"
                    "token"),
       false},
      {absl::StrCat("https://evil.example/", creds_.tenant_id,
                    "/oauth2/v2.0/token"),
       false},
      {"", false},
  };
  for (const Case& c : cases) {
    json::object claims = Claims();
    claims["aud"] = c.aud;
    ServerResponse r = PostSigned(Header(*app_), claims);
    if (c.ok) {
      EXPECT_EQ(r.status, 200) << c.aud << r.body;
    } else {
      ExpectError(r, 401, "invalid_client", 700023);
    }
  }
  json::object claims = Claims();
  claims.erase("aud");
  ExpectError(PostSigned(Header(*app_), claims), 401, "invalid_client", 700023);
  claims["aud"] = json::array{Audience()};
  EXPECT_EQ(PostSigned(Header(*app_), claims).status, 200);
  claims["aud"] = json::array{Audience(), "https://other.example"};
  ExpectError(PostSigned(Header(*app_), claims), 401, "invalid_client",
              5002741);
  claims["aud"] = 7;
  ExpectError(PostSigned(Header(*app_), claims), 401, "invalid_client", 50027);
}

TEST_F(EmulatorClientAssertionTest, AudienceFollowsTheConfiguredCloud) {
  MakeWithCert(json::object{{"cloud", "usgov"}});
  json::object claims = Claims();
  claims["aud"] = absl::StrCat("https://login.microsoftonline.us/",
                               creds_.tenant_id, "/oauth2/v2.0/token");
  auto scoped = [this](const json::object& c) {
    std::string form = Form(app_->Jwt(Header(*app_), c));
    return PostToken(absl::StrReplaceAll(
        form, {{"graph.microsoft.com", "graph.microsoft.us"}}));
  };
  ServerResponse r = scoped(claims);
  EXPECT_EQ(r.status, 200) << r.body;
  // The global login host is another cloud's token endpoint now.
  claims["aud"] = absl::StrCat("https://login.microsoftonline.com/",
                               creds_.tenant_id, "/oauth2/v2.0/token");
  ExpectError(scoped(claims), 401, "invalid_client", 700023);
}

TEST_F(EmulatorClientAssertionTest, SubjectMustEqualIssuer) {
  json::object claims = Claims();
  claims["sub"] = "someone-else";
  ServerResponse r = PostSigned(Header(*app_), claims);
  ExpectError(r, 401, "invalid_client", 50048);
  claims.erase("sub");
  ExpectError(PostSigned(Header(*app_), claims), 401, "invalid_client", 50048);
}

TEST_F(EmulatorClientAssertionTest, IssuerMustBeTheClientId) {
  json::object claims = Claims();
  claims["iss"] = claims["sub"] = "11111111-2222-3333-4444-555555555555";
  ExpectError(PostSigned(Header(*app_), claims), 401, "invalid_client", 700021);
}

TEST_F(EmulatorClientAssertionTest, ExpiryHonoursTheClockSkew) {
  json::object claims = Claims();
  claims["nbf"] = Now() - 900;
  claims["exp"] = Now() - 299;
  EXPECT_EQ(PostSigned(Header(*app_), claims).status, 200);
  claims["exp"] = Now() - 301;
  ServerResponse r = PostSigned(Header(*app_), claims);
  ExpectError(r, 401, "invalid_client", 700024);
  EXPECT_THAT(Description(r),
              HasSubstr("Client assertion is not within its valid time range. "
                        "Current time: 2026-01-01T00:00:00.0000000Z"));
}

TEST_F(EmulatorClientAssertionTest, NotBeforeInTheFutureBeyondSkewIsRefused) {
  json::object claims = Claims();
  claims["nbf"] = Now() + 299;
  EXPECT_EQ(PostSigned(Header(*app_), claims).status, 200);
  claims["nbf"] = Now() + 301;
  ExpectError(PostSigned(Header(*app_), claims), 401, "invalid_client", 700024);
  claims["nbf"] = "soon";
  ExpectError(PostSigned(Header(*app_), claims), 401, "invalid_client", 50027);
}

TEST_F(EmulatorClientAssertionTest, ConfiguredSkewOfZero) {
  MakeWithCert(
      json::object{{"token", json::object{{"assertion_clock_skew_s", 0}}}});
  json::object claims = Claims();
  claims["exp"] = Now() - 1;
  ExpectError(PostSigned(Header(*app_), claims), 401, "invalid_client", 700024);
  claims["exp"] = Now() + 1;
  EXPECT_EQ(PostSigned(Header(*app_), claims).status, 200);
}

TEST_F(EmulatorClientAssertionTest, ExpAndJtiAreRequired) {
  json::object claims = Claims();
  claims.erase("exp");
  ExpectError(PostSigned(Header(*app_), claims), 401, "invalid_client", 50027);
  claims = Claims();
  claims.erase("jti");
  ServerResponse r = PostSigned(Header(*app_), claims);
  ExpectError(r, 401, "invalid_client", 50027);
  EXPECT_THAT(Description(r), HasSubstr("'jti'"));
  MakeWithCert(
      json::object{{"token", json::object{{"assertion_require_jti", false}}}});
  EXPECT_EQ(PostSigned(Header(*app_), claims).status, 200);
}

TEST_F(EmulatorClientAssertionTest, MalformedAssertionsAreInvalidJwt) {
  std::string good = app_->Jwt(Header(*app_), Claims());
  std::vector<std::string> parts = absl::StrSplit(good, '.');
  std::string array_header = B64Url("[1,2]");
  std::string bad_json = B64Url("{\"alg\":");
  const std::string cases[] = {
      "eyJ.x.y",
      "onlyonepart",
      absl::StrCat(parts[0], ".", parts[1]),
      absl::StrCat(good, ".extra"),
      absl::StrCat(parts[0], "=.", parts[1], ".", parts[2]),
      absl::StrCat(parts[0], ".", parts[1], ".", parts[2], "!"),
      absl::StrCat(bad_json, ".", parts[1], ".", parts[2]),
      absl::StrCat(array_header, ".", parts[1], ".", parts[2]),
      absl::StrCat(parts[0], ".", B64Url("\"claims\""), ".", parts[2]),
      absl::StrCat(parts[0], ".", B64Url(std::string("{\"a\":\"\xff\"}")), ".",
                   parts[2]),
      absl::StrCat(".", parts[1], ".", parts[2]),
  };
  for (const std::string& jwt : cases) {
    ServerResponse r = PostAssertion(jwt);
    EXPECT_EQ(r.status, 401) << jwt;
    EXPECT_THAT(Description(r), HasSubstr("AADSTS50027")) << jwt;
  }
  // A signed assertion with an empty signature part.
  ExpectError(PostAssertion(absl::StrCat(parts[0], ".", parts[1], ".")), 401,
              "invalid_client", 50027);
}

TEST_F(EmulatorClientAssertionTest, OversizedAssertionIsRefusedUnread) {
  json::object claims = Claims();
  claims["padding"] = std::string(kMaxAssertionSize, 'a');
  ExpectError(PostSigned(Header(*app_), claims), 401, "invalid_client", 50027);
  // Just under the cap is read (and accepted).
  claims["padding"] = std::string(kMaxAssertionSize / 2, 'a');
  EXPECT_EQ(PostSigned(Header(*app_), claims).status, 200);
}

TEST_F(EmulatorClientAssertionTest, AssertionTypeIsRequired) {
  std::string form = absl::StrCat(
      "grant_type=client_credentials&client_id=", creds_.client_id,
      "&client_assertion=", Encode(app_->Jwt(Header(*app_), Claims())),
      "&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default");
  ExpectError(PostToken(form), 400, "invalid_request", 900144);
}

TEST_F(EmulatorClientAssertionTest, ScopeIsStillChecked) {
  std::string form = Form(app_->Jwt(Header(*app_), Claims()));
  form =
      absl::StrReplaceAll(form, {{"graph.microsoft.com", "vault.azure.net"}});
  EXPECT_EQ(Str(Json(PostToken(form)).at("error")), "invalid_resource");
}

TEST_F(EmulatorClientAssertionTest, ReplayIsAcceptedUnlessConfigured) {
  std::string jwt = app_->Jwt(Header(*app_), Claims());
  EXPECT_EQ(PostAssertion(jwt).status, 200);
  EXPECT_EQ(PostAssertion(jwt).status, 200);
  MakeWithCert(json::object{
      {"token", json::object{{"assertion_reject_replayed_jti", true}}}});
  EXPECT_EQ(PostAssertion(jwt).status, 200);
  ServerResponse again = PostAssertion(jwt);
  ExpectError(again, 401, "invalid_client", 50027);
  EXPECT_THAT(Description(again), HasSubstr("already used"));
  // Another jti is fine.
  json::object claims = Claims();
  claims["jti"] = "another";
  EXPECT_EQ(PostSigned(Header(*app_), claims).status, 200);
  // POST /_emulator/reset forgets the used ids.
  ASSERT_EQ(Send("POST", "/_emulator/reset").status, 204);
  EXPECT_EQ(PostAssertion(jwt).status, 200);
}

TEST_F(EmulatorClientAssertionTest, FederatedTokenIssuesAToken) {
  MakeWithCert(FederatedConfig());
  ServerResponse r = PostSigned(FederatedHeader(), FederatedClaims(), cluster_);
  ASSERT_EQ(r.status, 200) << r.body;
  token_ = Str(Json(r).at("access_token"));
  EXPECT_EQ(Graph("GET", "/v1.0/users").status, 200);
  // A plain-string aud works as well.
  json::object claims = FederatedClaims();
  claims["aud"] = kTokenExchangeAudience;
  EXPECT_EQ(PostSigned(FederatedHeader(), claims, cluster_).status, 200);
}

TEST_F(EmulatorClientAssertionTest, FederatedMismatchIsAadsts70021) {
  MakeWithCert(FederatedConfig());
  for (const char* field : {"iss", "sub", "aud"}) {
    json::object claims = FederatedClaims();
    claims[field] = "https://not.the.configured.value";
    ServerResponse r = PostSigned(FederatedHeader(), claims, cluster_);
    ExpectError(r, 400, "invalid_request", 70021);
    EXPECT_THAT(Description(r),
                HasSubstr("No matching federated identity record found for "
                          "presented assertion."))
        << field;
  }
  // Matching is case-sensitive.
  json::object claims = FederatedClaims();
  claims["sub"] = absl::AsciiStrToUpper(kSubject);
  ServerResponse r = PostSigned(FederatedHeader(), claims, cluster_);
  ExpectError(r, 400, "invalid_request", 70021);
  EXPECT_THAT(Description(r),
              HasSubstr(absl::StrCat("Assertion Issuer: '", kIssuer,
                                     "'. Assertion Subject: '",
                                     absl::AsciiStrToUpper(kSubject), "'")));
}

TEST_F(EmulatorClientAssertionTest, FederatedWithoutConfigIsAadsts70021) {
  ExpectError(PostSigned(FederatedHeader(), FederatedClaims(), cluster_), 400,
              "invalid_request", 70021);
}

TEST_F(EmulatorClientAssertionTest, FederatedSignatureAndTimeAreChecked) {
  MakeWithCert(FederatedConfig());
  ExpectError(PostSigned(FederatedHeader(), FederatedClaims(), other_), 401,
              "invalid_client", 700027);
  json::object claims = FederatedClaims();
  claims["exp"] = Now() - 400;
  ExpectError(PostSigned(FederatedHeader(), claims, cluster_), 401,
              "invalid_client", 700024);
}

TEST_F(EmulatorClientAssertionTest, FederatedKeyMayBeACertificate) {
  json::object config = FederatedConfig();
  config["token"]
      .as_object()["federated_credentials"]
      .as_array()[0]
      .as_object()["public_key_pem"] = other_->cert_pem();
  MakeWithCert(config);
  EXPECT_EQ(PostSigned(FederatedHeader(), FederatedClaims(), other_).status,
            200);
}

TEST_F(EmulatorClientAssertionTest, LedgerCountsTokenRequestsByCredential) {
  MakeWithCert(FederatedConfig());
  PostToken(TokenForm(creds_.client_secret));
  PostToken(TokenForm("wrong"));
  PostSigned(Header(*app_), Claims());
  PostSigned(Header(*other_), Claims(), other_);
  PostSigned(FederatedHeader(), FederatedClaims(), cluster_);
  PostAssertion("not-a-jwt");
  PostToken("grant_type=password");  // refused before any credential
  json::object ledger = emu_->Ledger();
  json::object counts = ledger.at("token_credentials").as_object();
  auto count = [&](const char* kind, const char* what) {
    return counts.at(kind).at(what).as_int64();
  };
  EXPECT_EQ(count("secret", "issued"), 1);
  EXPECT_EQ(count("secret", "failed"), 1);
  EXPECT_EQ(count("certificate", "issued"), 1);
  EXPECT_EQ(count("certificate", "failed"), 1);
  EXPECT_EQ(count("federated", "issued"), 1);
  EXPECT_EQ(count("federated", "failed"), 0);
  EXPECT_EQ(count("assertion", "failed"), 1);
  EXPECT_EQ(ledger.at("token_requests").as_int64(), 7);
  EXPECT_EQ(ledger.at("tokens_issued").as_int64(), 3);
}

TEST_F(EmulatorClientAssertionTest, BadCredentialCertificateIsIgnored) {
  Make(DefaultEmulatorConfig());
  creds_.client_certificate_pem = "-----BEGIN CERTIFICATE-----\nAAAA\n";
  emu_ = std::make_unique<GraphEmulator>(GraphEmulatorOptions{
      creds_, DefaultEmulatorConfig(), [this] { return now_; }});
  ExpectError(PostSigned(Header(*app_), Claims()), 401, "invalid_client",
              700027);
  EXPECT_EQ(PostToken(TokenForm(creds_.client_secret)).status, 200);
}

}  // namespace
}  // namespace guestinvitation::emulator::testing
