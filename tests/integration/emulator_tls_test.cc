// The Graph emulator over real TLS: EmbeddedEmulator on 127.0.0.1:0 driven
// by the project's BeastTransport, and the graph-emulator binary's state
// directory (including the app certificate for client assertions) and
// signal handling.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>
#include <boost/json.hpp>
#include <array>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "server/http/beast_transport.h"
#include "server/http/transport_error.h"
#include "tools/graph_emulator/embedded_emulator.h"

namespace guestinvitation::emulator {
namespace {

using http::HttpRequest;
using http::HttpResponse;

// Guards against a hung test only; no assertion depends on timing.
constexpr auto kHarnessTimeout = std::chrono::seconds(60);

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string FormEncode(const std::string& s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (isalnum(c)) {
      out.push_back(static_cast<char>(c));
    } else {
      out += {'%', kHex[c >> 4], kHex[c & 15]};
    }
  }
  return out;
}

std::string B64Url(const unsigned char* data, size_t size) {
  return absl::WebSafeBase64Escape(
      absl::string_view(reinterpret_cast<const char*>(data), size));
}

// An RS256 client assertion (x5t = SHA-1 thumbprint) signed with the key
// in `pem` (certificate + PKCS#8 private key, as in client-cert.pem), the
// way MSAL builds one; empty if `pem` lacks either part.
std::string SignAssertion(const std::string& pem, const std::string& client_id,
                          const std::string& audience) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  std::string jwt;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_size = 0;
  if (cert != nullptr && key != nullptr &&
      X509_digest(cert, EVP_sha1(), digest, &digest_size) == 1) {
    int64_t now = absl::ToUnixSeconds(absl::Now());
    boost::json::object header{
        {"alg", "RS256"}, {"typ", "JWT"}, {"x5t", B64Url(digest, digest_size)}};
    boost::json::object claims{{"aud", audience},  {"iss", client_id},
                               {"sub", client_id}, {"jti", "it-jti-1"},
                               {"nbf", now},       {"exp", now + 600}};
    std::string input = absl::StrCat(
        absl::WebSafeBase64Escape(boost::json::serialize(header)), ".",
        absl::WebSafeBase64Escape(boost::json::serialize(claims)));
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    size_t size = 0;
    const auto* data = reinterpret_cast<const unsigned char*>(input.data());
    if (EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, key) == 1 &&
        EVP_DigestSign(ctx, nullptr, &size, data, input.size()) == 1) {
      std::vector<unsigned char> sig(size);
      if (EVP_DigestSign(ctx, sig.data(), &size, data, input.size()) == 1) {
        jwt = absl::StrCat(input, ".", B64Url(sig.data(), size));
      }
    }
    EVP_MD_CTX_free(ctx);
  }
  X509_free(cert);
  EVP_PKEY_free(key);
  return jwt;
}

// A BeastTransport on its own io_context threads, used synchronously.
class Client {
 public:
  explicit Client(const std::string& ca_pem,
                  absl::Duration step_timeout = absl::Seconds(30)) {
    work_.emplace(io_.get_executor());
    for (int i = 0; i < 2; ++i) threads_.emplace_back([this] { io_.run(); });
    http::BeastTransportOptions options;
    options.ca_pem = ca_pem;
    options.step_timeout = step_timeout;
    auto transport = http::BeastTransport::Create(io_, std::move(options));
    EXPECT_TRUE(transport.ok()) << transport.status();
    if (transport.ok()) transport_ = *transport;
  }
  ~Client() {
    if (transport_) transport_->Shutdown();
    transport_.reset();
    work_.reset();
    for (std::thread& t : threads_) t.join();
  }

  absl::StatusOr<HttpResponse> Send(HttpRequest request) {
    auto promise =
        std::make_shared<std::promise<absl::StatusOr<HttpResponse>>>();
    auto future = promise->get_future();
    transport_->Send(std::move(request),
                     [promise](absl::StatusOr<HttpResponse> result) {
                       promise->set_value(std::move(result));
                     });
    if (future.wait_for(kHarnessTimeout) != std::future_status::ready) {
      return absl::InternalError("test harness: no callback");
    }
    return future.get();
  }

  absl::StatusOr<HttpResponse> Call(const std::string& method,
                                    const std::string& url,
                                    const std::string& body = "",
                                    http::Headers headers = {}) {
    HttpRequest request;
    request.method = method;
    request.url = url;
    request.body = body;
    request.headers = std::move(headers);
    request.deadline = absl::Now() + absl::Seconds(30);
    return Send(std::move(request));
  }

 private:
  boost::asio::io_context io_;
  std::optional<
      boost::asio::executor_work_guard<boost::asio::io_context::executor_type>>
      work_;
  std::vector<std::thread> threads_;
  std::shared_ptr<http::BeastTransport> transport_;
};

boost::json::value Json(const HttpResponse& r) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(r.body, ec);
  EXPECT_FALSE(ec) << r.body;
  return v;
}

class EmulatorTlsTest : public ::testing::Test {
 protected:
  void Start(EmulatorConfig config = DefaultEmulatorConfig(),
             TlsCertificate certificate = TlsCertificate::kValid) {
    EmbeddedEmulatorOptions options;
    options.config = std::move(config);
    options.tls_certificate = certificate;
    auto emu = EmbeddedEmulator::Start(std::move(options));
    ASSERT_TRUE(emu.ok()) << emu.status();
    emu_ = *std::move(emu);
    client_ = std::make_unique<Client>(emu_->ca_pem());
  }

  std::string Token() {
    const EmulatorCredentials& creds = emu_->credentials();
    auto r = client_->Call(
        "POST",
        absl::StrCat(emu_->authority_host(), creds.tenant_id,
                     "/oauth2/v2.0/token"),
        absl::StrCat(
            "grant_type=client_credentials&client_id=", creds.client_id,
            "&client_secret=", FormEncode(creds.client_secret),
            "&scope=", FormEncode("https://graph.microsoft.com/.default")),
        {{"Content-Type", "application/x-www-form-urlencoded"}});
    EXPECT_TRUE(r.ok()) << r.status();
    if (!r.ok()) return "";
    EXPECT_EQ(r->status, 200) << r->body;
    return std::string(Json(*r).at("access_token").as_string());
  }

  absl::StatusOr<HttpResponse> Graph(const std::string& method,
                                     const std::string& path,
                                     const std::string& body = "",
                                     Client* client = nullptr) {
    if (token_.empty()) token_ = Token();
    http::Headers headers = {{"Authorization", "Bearer " + token_},
                             {"client-request-id", "it-123"}};
    if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
    return (client != nullptr ? client : client_.get())
        ->Call(method, emu_->graph_base_url() + path, body,
               std::move(headers));
  }

  std::unique_ptr<EmbeddedEmulator> emu_;
  std::unique_ptr<Client> client_;
  std::string token_;
};

TEST_F(EmulatorTlsTest, InviteAddAndReadOverTls) {
  Start();
  EXPECT_THAT(emu_->endpoint(), ::testing::StartsWith("https://127.0.0.1:"));
  EXPECT_EQ(emu_->graph_base_url(), emu_->endpoint() + "/v1.0");
  auto invite = Graph("POST", "/invitations",
                      R"({"invitedUserEmailAddress":"tls@fabrikam.com",
                          "inviteRedirectUrl":"https://myapp.example"})");
  ASSERT_TRUE(invite.ok()) << invite.status();
  ASSERT_EQ(invite->status, 201) << invite->body;
  EXPECT_EQ(invite->Header("client-request-id"), "it-123");
  EXPECT_EQ(invite->Header("request-id").value_or("").size(), 36u);
  std::string id(Json(*invite).at("invitedUser").at("id").as_string());

  auto add =
      Graph("POST", "/groups/5f1c3a2e-8b4d-4e6f-9a10-1b2c3d4e5f01/members/$ref",
            absl::StrCat(R"({"@odata.id":")", emu_->graph_base_url(),
                         "/directoryObjects/", id, R"("})"));
  ASSERT_TRUE(add.ok()) << add.status();
  EXPECT_EQ(add->status, 204) << add->body;

  auto user = Graph("GET", absl::StrCat("/users/", id, "?$select=id,userType"));
  ASSERT_TRUE(user.ok()) << user.status();
  EXPECT_EQ(std::string(Json(*user).at("userType").as_string()), "Guest");

  auto ledger = client_->Call("GET", emu_->endpoint() + "/_emulator/ledger");
  ASSERT_TRUE(ledger.ok()) << ledger.status();
  boost::json::value l = Json(*ledger);
  EXPECT_EQ(l.at("users").as_array().size(), 1u);
  EXPECT_EQ(l.at("memberships").as_array().size(), 1u);
  EXPECT_GE(l.at("tls_connections_accepted").to_number<int64_t>(), 1);
  EXPECT_EQ(emu_->emulator().Ledger().at("token_requests").as_int64(), 1);
}

TEST_F(EmulatorTlsTest, ResetAfterApplyIsAnAmbiguousFailureButApplied) {
  EmulatorConfig config = DefaultEmulatorConfig();
  absl::StatusOr<EmulatorConfig> parsed = ParseEmulatorConfig(
      R"({"faults":[{"method":"POST","path_prefix":"/v1.0/invitations",
                     "kind":"reset_after_apply","count":1}]})");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  Start(*parsed);
  auto invite = Graph("POST", "/invitations",
                      R"({"invitedUserEmailAddress":"r@fabrikam.com",
                          "inviteRedirectUrl":"https://myapp.example",
                          "sendInvitationMessage":true})");
  ASSERT_FALSE(invite.ok());
  EXPECT_EQ(http::GetSendState(invite.status()), http::SendState::kMaybeSent);
  boost::json::object ledger = emu_->emulator().Ledger();
  EXPECT_EQ(ledger.at("users").as_array().size(), 1u);
  EXPECT_EQ(
      ledger.at("emails_sent").at("r@fabrikam.com").at("count").as_int64(), 1);
}

TEST_F(EmulatorTlsTest, ThrottledResponseCarriesRetryAfter) {
  absl::StatusOr<EmulatorConfig> parsed = ParseEmulatorConfig(
      R"({"faults":[{"path_prefix":"/v1.0/users","status":429,"count":1,
                     "retry_after":"fractional","retry_after_seconds":2.128}]})");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  Start(*parsed);
  auto r = Graph("GET", "/users");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->status, 429);
  EXPECT_EQ(r->Header("Retry-After"), "2.128");
  auto again = Graph("GET", "/users");
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->status, 200);
}

TEST_F(EmulatorTlsTest, WriteStateDirWritesTheFourFiles) {
  Start();
  char tmpl[] = "/tmp/emu-state-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  std::string dir = absl::StrCat(tmpl, "/state");
  ASSERT_TRUE(emu_->WriteStateDir(dir).ok());
  EXPECT_EQ(ReadFile(dir + "/endpoint"), emu_->endpoint());
  EXPECT_EQ(ReadFile(dir + "/ca.pem"), emu_->ca_pem());
  boost::json::value creds =
      boost::json::parse(ReadFile(dir + "/credentials.json"));
  EXPECT_EQ(std::string(creds.at("client_secret").as_string()),
            emu_->credentials().client_secret);
  EXPECT_EQ(
      ReadFile(std::string(creds.at("client_certificate_file").as_string())),
      emu_->credentials().client_certificate_pem);
  struct stat st {};
  ASSERT_EQ(stat((dir + "/credentials.json").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(stat((dir + "/client-cert.pem").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(stat(dir.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  std::filesystem::remove_all(tmpl);
}

TEST(GraphEmulatorBinaryTest, WritesStateDirAndStopsOnSigterm) {
  char tmpl[] = "/tmp/emu-bin-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  std::string dir = tmpl;
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    std::string state = "--state-dir=" + dir;
    execl(GRAPH_EMULATOR_BINARY, GRAPH_EMULATOR_BINARY, "--listen=127.0.0.1:0",
          state.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  // Poll for the file that is written last (harness timeout only).
  std::string endpoint;
  for (int i = 0; i < 600 && endpoint.empty(); ++i) {
    endpoint = ReadFile(dir + "/endpoint");
    if (endpoint.empty())
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_FALSE(endpoint.empty());
  {
    Client client(ReadFile(dir + "/ca.pem"));
    auto ledger = client.Call("GET", endpoint + "/_emulator/ledger");
    ASSERT_TRUE(ledger.ok()) << ledger.status();
    EXPECT_EQ(ledger->status, 200);
    // The app certificate in the state dir is registered: a client
    // assertion signed with its key gets a token that Graph accepts.
    boost::json::value creds =
        boost::json::parse(ReadFile(dir + "/credentials.json"));
    std::string cert_file(creds.at("client_certificate_file").as_string());
    EXPECT_EQ(cert_file,
              (std::filesystem::canonical(dir) / "client-cert.pem").string());
    std::string tenant(creds.at("tenant_id").as_string());
    std::string client_id(creds.at("client_id").as_string());
    std::string assertion = SignAssertion(
        ReadFile(cert_file), client_id,
        absl::StrCat(endpoint, "/", tenant, "/oauth2/v2.0/token"));
    ASSERT_FALSE(assertion.empty());
    auto token = client.Call(
        "POST", absl::StrCat(endpoint, "/", tenant, "/oauth2/v2.0/token"),
        absl::StrCat(
            "grant_type=client_credentials&client_id=", client_id,
            "&client_assertion_type=",
            FormEncode(
                "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
            "&client_assertion=", assertion,
            "&scope=", FormEncode("https://graph.microsoft.com/.default")),
        {{"Content-Type", "application/x-www-form-urlencoded"}});
    ASSERT_TRUE(token.ok()) << token.status();
    ASSERT_EQ(token->status, 200) << token->body;
    std::string access(Json(*token).at("access_token").as_string());
    auto users = client.Call("GET", endpoint + "/v1.0/users", "",
                             {{"Authorization", "Bearer " + access}});
    ASSERT_TRUE(users.ok()) << users.status();
    EXPECT_EQ(users->status, 200) << users->body;
  }
  ASSERT_EQ(kill(pid, SIGTERM), 0);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  std::filesystem::remove_all(dir);
}

// --- Slow responses and bad certificates -----------------------------------

EmulatorConfig ParsedConfig(const std::string& json) {
  absl::StatusOr<EmulatorConfig> parsed = ParseEmulatorConfig(json);
  EXPECT_TRUE(parsed.ok()) << parsed.status();
  return parsed.ok() ? *parsed : DefaultEmulatorConfig();
}

// One request over a plain blocking TLS socket, returning each read's bytes
// separately. OpenSSL returns at most one TLS record per read, and the
// session writes each trickled piece as its own record, so the reads show
// how the server cut the response, whatever the timing.
std::vector<std::string> RawExchange(const std::string& ca_pem, int port,
                                     const std::string& request) {
  namespace net = boost::asio;
  net::io_context io;
  net::ssl::context tls(net::ssl::context::tls_client);
  tls.add_certificate_authority(net::buffer(ca_pem));
  tls.set_verify_mode(net::ssl::verify_peer);
  net::ssl::stream<net::ip::tcp::socket> stream(io, tls);
  stream.next_layer().connect(
      {net::ip::make_address("127.0.0.1"), static_cast<uint16_t>(port)});
  // Harness guard only: a hung server fails the read instead of the run.
  timeval guard{60, 0};
  setsockopt(stream.next_layer().native_handle(), SOL_SOCKET, SO_RCVTIMEO,
             &guard, sizeof(guard));
  stream.handshake(net::ssl::stream_base::client);
  net::write(stream, net::buffer(request));
  std::vector<std::string> reads;
  std::array<char, 64 * 1024> buffer{};
  for (;;) {
    boost::system::error_code ec;
    size_t n = stream.read_some(net::buffer(buffer), ec);
    if (n > 0) reads.emplace_back(buffer.data(), n);
    if (ec) break;
  }
  return reads;
}

class EmulatorSlowResponseTest : public EmulatorTlsTest {
 protected:
  std::vector<std::string> RawGetUsers() {
    if (token_.empty()) token_ = Token();
    return RawExchange(
        emu_->ca_pem(), emu_->port(),
        absl::StrCat("GET /v1.0/users HTTP/1.1\r\nHost: 127.0.0.1:",
                     emu_->port(), "\r\nAuthorization: Bearer ", token_,
                     "\r\nConnection: close\r\n\r\n"));
  }
  int64_t Outcome(const std::string& outcome) {
    const boost::json::object ledger = emu_->emulator().Ledger();
    const auto* route =
        ledger.at("requests").as_object().if_contains("GET /v1.0/users");
    if (route == nullptr) return 0;
    const auto* count = route->as_object().if_contains(outcome);
    return count == nullptr ? 0 : count->as_int64();
  }
};

size_t HeaderEnd(const std::string& wire) {
  size_t end = wire.find("\r\n\r\n");
  return end == std::string::npos ? std::string::npos : end + 4;
}

TEST_F(EmulatorSlowResponseTest, SlowHeadersArriveInSmallPieces) {
  Start(ParsedConfig(R"({"faults":[{"method":"GET","path_prefix":"/v1.0/users",
      "kind":"slow_headers","chunk_bytes":7,"chunk_interval_ms":2}]})"));
  std::vector<std::string> reads = RawGetUsers();
  std::string wire;
  for (const std::string& r : reads) wire += r;
  const size_t header_end = HeaderEnd(wire);
  ASSERT_NE(header_end, std::string::npos) << wire;
  EXPECT_THAT(wire, ::testing::StartsWith("HTTP/1.1 200 OK\r\n"));
  // Every read up to the end of the headers is one 7-byte piece (the last
  // one shorter), and none straddles into the body.
  size_t offset = 0;
  size_t header_reads = 0;
  for (const std::string& r : reads) {
    if (offset >= header_end) break;
    EXPECT_LE(r.size(), 7u);
    EXPECT_LE(offset + r.size(), header_end);
    offset += r.size();
    ++header_reads;
  }
  EXPECT_EQ(header_reads, (header_end + 6) / 7);
  boost::system::error_code ec;
  boost::json::parse(wire.substr(header_end), ec);
  EXPECT_FALSE(ec) << wire.substr(header_end);
  EXPECT_EQ(Outcome("slow_headers"), 1);
}

TEST_F(EmulatorSlowResponseTest, SlowBodyArrivesAfterTheHeadersInPieces) {
  Start(ParsedConfig(R"({"faults":[{"method":"GET","path_prefix":"/v1.0/users",
      "kind":"slow_body","chunk_bytes":5,"chunk_interval_ms":2}]})"));
  std::vector<std::string> reads = RawGetUsers();
  ASSERT_GE(reads.size(), 2u);
  // The headers come whole, in the first read.
  const size_t header_end = HeaderEnd(reads[0]);
  ASSERT_EQ(header_end, reads[0].size()) << reads[0];
  EXPECT_THAT(reads[0], ::testing::StartsWith("HTTP/1.1 200 OK\r\n"));
  std::string body;
  for (size_t i = 1; i < reads.size(); ++i) {
    EXPECT_LE(reads[i].size(), 5u);
    body += reads[i];
  }
  EXPECT_EQ(reads.size() - 1, (body.size() + 4) / 5);
  EXPECT_THAT(reads[0],
              ::testing::HasSubstr(absl::StrCat("Content-Length: ",
                                                body.size(), "\r\n")));
  boost::system::error_code ec;
  boost::json::parse(body, ec);
  EXPECT_FALSE(ec) << body;
  EXPECT_EQ(Outcome("slow_body"), 1);
}

// A client whose response read may take 400 ms cannot get a body that the
// server paces over at least 16 x 150 ms; a patient one gets all of it.
TEST_F(EmulatorSlowResponseTest, SlowBodyTripsAnImpatientClientOnly) {
  Start(ParsedConfig(R"({"faults":[{"method":"GET","path_prefix":"/v1.0/users",
      "kind":"slow_body","chunk_bytes":4,"chunk_interval_ms":150}]})"));
  token_ = Token();
  Client impatient(emu_->ca_pem(), absl::Milliseconds(400));
  auto tripped = Graph("GET", "/users", "", &impatient);
  ASSERT_FALSE(tripped.ok());
  EXPECT_EQ(http::GetSendState(tripped.status()), http::SendState::kMaybeSent);
  EXPECT_THAT(std::string(tripped.status().message()),
              ::testing::HasSubstr("response read"));
  auto patient = Graph("GET", "/users");
  ASSERT_TRUE(patient.ok()) << patient.status();
  EXPECT_EQ(patient->status, 200);
  ASSERT_GE(patient->body.size(), 64u);  // so the pacing took >= 16 pauses
  EXPECT_TRUE(Json(*patient).at("value").is_array());
  EXPECT_EQ(Outcome("slow_body"), 2);
}

struct BadCertCase {
  TlsCertificate certificate;
  const char* reason;  // OpenSSL's verification error text
};

class EmulatorBadCertificateTest
    : public EmulatorTlsTest,
      public ::testing::WithParamInterface<BadCertCase> {};

TEST_P(EmulatorBadCertificateTest, ClientRefusesBeforeSendingAnything) {
  Start(DefaultEmulatorConfig(), GetParam().certificate);
  auto r = client_->Call("GET", emu_->endpoint() + "/_emulator/ledger");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(http::GetSendState(r.status()), http::SendState::kNotSent);
  EXPECT_THAT(std::string(r.status().message()),
              ::testing::HasSubstr("TLS certificate verification failed"));
  EXPECT_THAT(std::string(r.status().message()),
              ::testing::HasSubstr(GetParam().reason));
  boost::json::object ledger = emu_->emulator().Ledger();
  EXPECT_EQ(ledger.at("tls_connections_accepted").to_number<int64_t>(), 0);
  EXPECT_TRUE(ledger.at("requests").as_object().empty());
  EXPECT_EQ(ledger.at("token_requests").as_int64(), 0);
}

INSTANTIATE_TEST_SUITE_P(
    Variants, EmulatorBadCertificateTest,
    ::testing::Values(
        BadCertCase{TlsCertificate::kExpired, "certificate has expired"},
        BadCertCase{TlsCertificate::kWrongHost, "mismatch"},
        BadCertCase{TlsCertificate::kUntrusted,
                    "unable to get local issuer certificate"}));

TEST(TlsCertificateFlagTest, ParsesTheFourNames) {
  EXPECT_EQ(ParseTlsCertificate("valid"), TlsCertificate::kValid);
  EXPECT_EQ(ParseTlsCertificate("expired"), TlsCertificate::kExpired);
  EXPECT_EQ(ParseTlsCertificate("wrong-host"), TlsCertificate::kWrongHost);
  EXPECT_EQ(ParseTlsCertificate("untrusted"), TlsCertificate::kUntrusted);
  EXPECT_EQ(ParseTlsCertificate("Expired"), std::nullopt);
  EXPECT_EQ(ParseTlsCertificate(""), std::nullopt);
}

}  // namespace
}  // namespace guestinvitation::emulator
