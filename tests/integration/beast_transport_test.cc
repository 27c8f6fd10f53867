// BeastTransport against the emulator's HttpsServer over real TLS on
// 127.0.0.1 (port 0), with an io_context run by two threads.
#include "server/http/beast_transport.h"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "server/http/transport_error.h"
#include "tools/graph_emulator/net/cert_gen.h"
#include "tools/graph_emulator/net/https_server.h"

namespace guestinvitation::http {
namespace {

using emulator::CertOptions;
using emulator::GeneratedCerts;
using emulator::HttpsServer;
using emulator::HttpsServerOptions;
using emulator::ResponseFault;
using emulator::ServerRequest;
using emulator::ServerResponse;

// Guards against a hung test only; no assertion depends on timing.
constexpr auto kHarnessTimeout = std::chrono::seconds(60);

GeneratedCerts MustGenerate(const CertOptions& options = {}) {
  absl::StatusOr<GeneratedCerts> certs = emulator::GenerateCerts(options);
  EXPECT_TRUE(certs.ok()) << certs.status();
  return certs.ok() ? *certs : GeneratedCerts{};
}

class BeastTransportTest : public ::testing::Test {
 protected:
  using Responder = std::function<ServerResponse(const ServerRequest&, int)>;

  void SetUp() override {
    work_.emplace(io_.get_executor());
    for (int i = 0; i < 2; ++i) threads_.emplace_back([this] { io_.run(); });
  }

  void TearDown() override {
    if (transport_) transport_->Shutdown();
    if (server_) server_->Stop();
    transport_.reset();
    work_.reset();
    for (std::thread& t : threads_) t.join();
  }

  // Starts the server with a leaf for `cert_options`; `responder` gets each
  // request and its 0-based arrival index.
  void StartServer(Responder responder, const CertOptions& cert_options = {},
                   HttpsServerOptions options = {}) {
    certs_ = MustGenerate(cert_options);
    responder_ = std::move(responder);
    options.cert_chain_pem = certs_.leaf_cert_pem;
    options.private_key_pem = certs_.leaf_key_pem;
    server_ =
        HttpsServer::Create(std::move(options), [this](const ServerRequest& r) {
          int index = 0;
          {
            std::lock_guard<std::mutex> lock(mu_);
            index = static_cast<int>(seen_.size());
            seen_.push_back(r);
          }
          return responder_(r, index);
        });
    ASSERT_TRUE(server_->Start().ok());
  }

  // Trusts the server's CA unless options already say otherwise.
  void MakeTransport(BeastTransportOptions options = {}) {
    if (options.ca_pem.empty()) options.ca_pem = certs_.ca_cert_pem;
    auto transport = BeastTransport::Create(io_, std::move(options));
    ASSERT_TRUE(transport.ok()) << transport.status();
    transport_ = *transport;
  }

  std::string Url(absl::string_view path,
                  absl::string_view host = "127.0.0.1") {
    return absl::StrCat("https://", host, ":", server_->port(), path);
  }

  HttpRequest Get(absl::string_view path) {
    HttpRequest request;
    request.method = "GET";
    request.url = Url(path);
    return request;
  }

  std::future<absl::StatusOr<HttpResponse>> SendAsync(HttpRequest request) {
    auto promise =
        std::make_shared<std::promise<absl::StatusOr<HttpResponse>>>();
    auto future = promise->get_future();
    const std::thread::id caller = std::this_thread::get_id();
    transport_->Send(std::move(request),
                     [promise, caller](absl::StatusOr<HttpResponse> result) {
                       // The test thread never runs the io_context, so a
                       // callback here would have been inline.
                       EXPECT_NE(std::this_thread::get_id(), caller);
                       promise->set_value(std::move(result));
                     });
    return future;
  }

  absl::StatusOr<HttpResponse> Wait(
      std::future<absl::StatusOr<HttpResponse>>& f) {
    if (f.wait_for(kHarnessTimeout) != std::future_status::ready) {
      return absl::InternalError("test harness: no callback");
    }
    return f.get();
  }

  absl::StatusOr<HttpResponse> SendSync(HttpRequest request) {
    auto future = SendAsync(std::move(request));
    return Wait(future);
  }

  size_t SeenCount() {
    std::lock_guard<std::mutex> lock(mu_);
    return seen_.size();
  }

  ServerRequest Seen(size_t i) {
    std::lock_guard<std::mutex> lock(mu_);
    return seen_.at(i);
  }

  static ServerResponse Ok(std::string body = "ok") {
    return ServerResponse{
        200, {{"Content-Type", "text/plain"}}, std::move(body)};
  }

  boost::asio::io_context io_;
  std::optional<
      boost::asio::executor_work_guard<boost::asio::io_context::executor_type>>
      work_;
  std::vector<std::thread> threads_;
  GeneratedCerts certs_;
  std::unique_ptr<HttpsServer> server_;
  std::shared_ptr<BeastTransport> transport_;
  Responder responder_;
  std::mutex mu_;
  std::vector<ServerRequest> seen_;
};

void ExpectFailure(const absl::StatusOr<HttpResponse>& result,
                   absl::StatusCode code, SendState state) {
  ASSERT_FALSE(result.ok())
      << "unexpected success, status " << (result.ok() ? result->status : 0);
  EXPECT_EQ(result.status().code(), code) << result.status();
  EXPECT_EQ(GetSendState(result.status()), state) << result.status();
}

TEST_F(BeastTransportTest, GetRoundTripKeepsHeadersAndBody) {
  StartServer([](const ServerRequest& r, int) {
    ServerResponse response = Ok("hello " + r.Header("X-Test"));
    response.headers.emplace_back("X-Reply", "r1");
    response.headers.emplace_back("request-id", "abc");
    return response;
  });
  MakeTransport();
  HttpRequest request = Get("/v1.0/users?$filter=mail%20eq%20'a'");
  request.headers.emplace_back("X-Test", "value 1");

  absl::StatusOr<HttpResponse> result = SendSync(request);

  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(result->body, "hello value 1");
  EXPECT_EQ(result->Header("x-reply"), "r1");
  EXPECT_EQ(result->Header("Request-Id"), "abc");
  EXPECT_EQ(result->Header("Content-Type"), "text/plain");
  ASSERT_EQ(SeenCount(), 1u);
  ServerRequest seen = Seen(0);
  EXPECT_EQ(seen.method, "GET");
  EXPECT_EQ(seen.target, "/v1.0/users?$filter=mail%20eq%20'a'");
  EXPECT_EQ(seen.Header("Host"), absl::StrCat("127.0.0.1:", server_->port()));
  EXPECT_EQ(seen.Header("User-Agent"), "guestinvitation/0.1");
}

TEST_F(BeastTransportTest, PostRoundTripKeepsBodyAndErrorStatusIsOk) {
  StartServer([](const ServerRequest& r, int) {
    return ServerResponse{
        400, {{"Content-Type", "application/json"}}, "echo:" + r.body};
  });
  MakeTransport();
  HttpRequest request = Get("/invitations");
  request.method = "POST";
  request.headers = {{"Content-Type", "application/json"},
                     {"Authorization", "Bearer t"}};
  request.body = R"({"invitedUserEmailAddress":"a@b.example"})";

  absl::StatusOr<HttpResponse> result = SendSync(request);

  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->status, 400);
  EXPECT_EQ(result->body, "echo:" + request.body);
  ServerRequest seen = Seen(0);
  EXPECT_EQ(seen.method, "POST");
  EXPECT_EQ(seen.body, request.body);
  EXPECT_EQ(seen.Header("Content-Length"), std::to_string(request.body.size()));
  EXPECT_EQ(seen.Header("Authorization"), "Bearer t");
}

TEST_F(BeastTransportTest, SequentialRequestsReuseOneConnection) {
  StartServer(
      [](const ServerRequest&, int i) { return Ok(std::to_string(i)); });
  MakeTransport();

  for (int i = 0; i < 20; ++i) {
    absl::StatusOr<HttpResponse> result = SendSync(Get("/seq"));
    ASSERT_TRUE(result.ok()) << result.status();
    EXPECT_EQ(result->body, std::to_string(i));
  }

  TransportStats stats = transport_->Stats();
  EXPECT_EQ(stats.connections_opened, 1u);
  EXPECT_EQ(stats.requests_sent, 20u);
  EXPECT_EQ(stats.connections_reused, 19u);
  EXPECT_EQ(server_->tls_handshakes_completed(), 1u);
}

TEST_F(BeastTransportTest, PoolBoundsConcurrentConnections) {
  StartServer([](const ServerRequest&, int) {
    ServerResponse response = Ok();
    response.delay = absl::Milliseconds(50);
    return response;
  });
  BeastTransportOptions options;
  options.max_connections_per_host = 2;
  MakeTransport(options);

  std::vector<std::future<absl::StatusOr<HttpResponse>>> futures;
  futures.reserve(10);
  for (int i = 0; i < 10; ++i) futures.push_back(SendAsync(Get("/slow")));
  for (auto& f : futures) {
    absl::StatusOr<HttpResponse> result = Wait(f);
    ASSERT_TRUE(result.ok()) << result.status();
    EXPECT_EQ(result->status, 200);
  }

  EXPECT_LE(transport_->Stats().connections_opened, 2u);
  EXPECT_LE(server_->tls_handshakes_completed(), 2u);
  EXPECT_EQ(SeenCount(), 10u);
}

TEST_F(BeastTransportTest, UntrustedCaFailsVerificationBeforeSending) {
  StartServer([](const ServerRequest&, int) { return Ok(); });
  BeastTransportOptions options;
  options.ca_pem = MustGenerate().ca_cert_pem;  // some other CA
  MakeTransport(options);

  absl::StatusOr<HttpResponse> result = SendSync(Get("/"));

  ExpectFailure(result, absl::StatusCode::kUnavailable, SendState::kNotSent);
  EXPECT_NE(result.status().message().find("certificate verification failed"),
            absl::string_view::npos)
      << result.status();
  EXPECT_EQ(SeenCount(), 0u);
}

TEST_F(BeastTransportTest, CertificateForOtherHostnameFails) {
  CertOptions cert_options;
  cert_options.hosts = {"localhost"};
  StartServer([](const ServerRequest&, int) { return Ok(); }, cert_options);
  MakeTransport();

  absl::StatusOr<HttpResponse> result = SendSync(Get("/"));  // 127.0.0.1

  ExpectFailure(result, absl::StatusCode::kUnavailable, SendState::kNotSent);
  EXPECT_NE(result.status().message().find("certificate verification failed"),
            absl::string_view::npos)
      << result.status();
  EXPECT_EQ(SeenCount(), 0u);
}

TEST_F(BeastTransportTest, DnsNameInCertificateIsAcceptedForThatName) {
  CertOptions cert_options;
  cert_options.hosts = {"localhost"};
  HttpsServerOptions server_options;
  StartServer([](const ServerRequest& r, int) { return Ok(r.Header("Host")); },
              cert_options, server_options);
  MakeTransport();
  HttpRequest request = Get("/");
  request.url = Url("/", "localhost");

  absl::StatusOr<HttpResponse> result = SendSync(request);

  // localhost may resolve to ::1 first where the server only listens on
  // 127.0.0.1; the resolver's other address is then tried.
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->body, absl::StrCat("localhost:", server_->port()));
}

TEST_F(BeastTransportTest, ExpiredCertificateFails) {
  CertOptions cert_options;
  cert_options.expired = true;
  StartServer([](const ServerRequest&, int) { return Ok(); }, cert_options);
  MakeTransport();

  absl::StatusOr<HttpResponse> result = SendSync(Get("/"));

  ExpectFailure(result, absl::StatusCode::kUnavailable, SendState::kNotSent);
  EXPECT_NE(result.status().message().find("expired"), absl::string_view::npos)
      << result.status();
}

TEST_F(BeastTransportTest, HangingServerHitsDeadlineAsMaybeSent) {
  StartServer([](const ServerRequest&, int) {
    ServerResponse response;
    response.fault = ResponseFault::kHang;
    return response;
  });
  MakeTransport();
  HttpRequest request = Get("/hang");
  request.deadline = absl::Now() + absl::Milliseconds(300);

  ExpectFailure(SendSync(request), absl::StatusCode::kDeadlineExceeded,
                SendState::kMaybeSent);
}

TEST_F(BeastTransportTest, ResetConnectionIsMaybeSent) {
  StartServer([](const ServerRequest&, int) {
    ServerResponse response;
    response.fault = ResponseFault::kResetConnection;
    return response;
  });
  MakeTransport();

  absl::StatusOr<HttpResponse> result = SendSync(Get("/reset"));

  ASSERT_FALSE(result.ok());
  EXPECT_EQ(GetSendState(result.status()), SendState::kMaybeSent)
      << result.status();
}

TEST_F(BeastTransportTest, TruncatedBodyIsNeverAnOkResponse) {
  StartServer([](const ServerRequest&, int) {
    ServerResponse response = Ok(std::string(10000, 'x'));
    response.fault = ResponseFault::kTruncateBody;
    return response;
  });
  MakeTransport();

  absl::StatusOr<HttpResponse> result = SendSync(Get("/truncated"));

  ASSERT_FALSE(result.ok()) << "got a " << result->body.size() << "-byte body";
  EXPECT_EQ(GetSendState(result.status()), SendState::kMaybeSent)
      << result.status();
}

TEST_F(BeastTransportTest, ResponseOverBodyLimitFails) {
  StartServer(
      [](const ServerRequest&, int) { return Ok(std::string(4096, 'x')); });
  BeastTransportOptions options;
  options.max_response_body_bytes = 1024;
  MakeTransport(options);

  ExpectFailure(SendSync(Get("/big")), absl::StatusCode::kResourceExhausted,
                SendState::kMaybeSent);
}

TEST_F(BeastTransportTest, ResetBeforeReadFails) {
  HttpsServerOptions server_options;
  server_options.reset_before_read = [] { return true; };
  StartServer([](const ServerRequest&, int) { return Ok(); }, {},
              server_options);
  MakeTransport();

  absl::StatusOr<HttpResponse> result = SendSync(Get("/"));

  EXPECT_FALSE(result.ok());
  EXPECT_EQ(SeenCount(), 0u);
}

TEST_F(BeastTransportTest, HeaderWithCrLfIsRejectedBeforeConnecting) {
  StartServer([](const ServerRequest&, int) { return Ok(); });
  MakeTransport();
  HttpRequest request = Get("/");
  request.headers.emplace_back("X-Evil", "a\r\nX-Injected: 1");

  ExpectFailure(SendSync(request), absl::StatusCode::kInvalidArgument,
                SendState::kNotSent);
  EXPECT_EQ(SeenCount(), 0u);
  EXPECT_EQ(server_->tls_handshakes_completed(), 0u);
  EXPECT_EQ(transport_->Stats().requests_sent, 0u);
}

TEST_F(BeastTransportTest, NonHttpsUrlIsRejected) {
  StartServer([](const ServerRequest&, int) { return Ok(); });
  MakeTransport();
  HttpRequest request = Get("/");
  request.url = absl::StrCat("http://127.0.0.1:", server_->port(), "/");

  ExpectFailure(SendSync(request), absl::StatusCode::kInvalidArgument,
                SendState::kNotSent);
  EXPECT_EQ(server_->tls_handshakes_completed(), 0u);
}

TEST_F(BeastTransportTest, ConnectionRefusedIsUnavailableNotSent) {
  StartServer([](const ServerRequest&, int) { return Ok(); });
  MakeTransport();
  const std::string url = Url("/");
  server_->Stop();  // nothing listens on the port any more
  HttpRequest request = Get("/");
  request.url = url;

  ExpectFailure(SendSync(request), absl::StatusCode::kUnavailable,
                SendState::kNotSent);
}

// A request on a keep-alive connection that the server resets before
// answering is retried once on a fresh connection when idempotent.
TEST_F(BeastTransportTest,
       ReusedConnectionFailureRetriesIdempotentRequestOnce) {
  StartServer([](const ServerRequest&, int i) {
    ServerResponse response = Ok(std::to_string(i));
    if (i == 1) response.fault = ResponseFault::kResetConnection;
    return response;
  });
  MakeTransport();
  ASSERT_TRUE(SendSync(Get("/a")).ok());

  absl::StatusOr<HttpResponse> result = SendSync(Get("/b"));

  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->body, "2");  // the server saw the retry as request #2
  EXPECT_EQ(transport_->Stats().connections_opened, 2u);
}

TEST_F(BeastTransportTest, ReusedConnectionFailureDoesNotRetryPost) {
  StartServer([](const ServerRequest&, int i) {
    ServerResponse response = Ok();
    if (i == 1) response.fault = ResponseFault::kResetConnection;
    return response;
  });
  MakeTransport();
  ASSERT_TRUE(SendSync(Get("/a")).ok());
  HttpRequest post = Get("/invitations");
  post.method = "POST";
  post.body = "{}";

  absl::StatusOr<HttpResponse> result = SendSync(post);

  ASSERT_FALSE(result.ok());
  EXPECT_EQ(GetSendState(result.status()), SendState::kMaybeSent);
  EXPECT_EQ(SeenCount(), 2u);
}

// The server closes the idle keep-alive connection; the next request (a
// POST, which would not be retried) must notice and use a new connection.
TEST_F(BeastTransportTest, ConnectionClosedByServerWhileIdleIsNotReused) {
  HttpsServerOptions server_options;
  server_options.idle_timeout = absl::Milliseconds(50);
  StartServer([](const ServerRequest&, int) { return Ok(); }, {},
              server_options);
  MakeTransport();
  ASSERT_TRUE(SendSync(Get("/a")).ok());
  // Wait until the server has closed it (not a timing assertion: only a
  // wait for a state), then give the FIN time to cross loopback.
  for (int i = 0; i < 1000 && server_->open_connections() > 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_EQ(server_->open_connections(), 0u);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  HttpRequest post = Get("/invitations");
  post.method = "POST";

  absl::StatusOr<HttpResponse> result = SendSync(post);

  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(transport_->Stats().connections_opened, 2u);
  EXPECT_EQ(transport_->Stats().connections_reused, 0u);
}

TEST_F(BeastTransportTest, ConnectionCloseResponseIsNotReused) {
  StartServer([](const ServerRequest&, int) {
    ServerResponse response = Ok();
    response.headers.emplace_back("Connection", "close");
    return response;
  });
  MakeTransport();

  ASSERT_TRUE(SendSync(Get("/a")).ok());
  ASSERT_TRUE(SendSync(Get("/b")).ok());

  EXPECT_EQ(transport_->Stats().connections_opened, 2u);
  EXPECT_EQ(transport_->Stats().connections_reused, 0u);
}

TEST_F(BeastTransportTest, RequestBodyOverServerLimitGets413) {
  HttpsServerOptions server_options;
  server_options.max_request_body_bytes = 1024;
  StartServer([](const ServerRequest&, int) { return Ok(); }, {},
              server_options);
  MakeTransport();
  HttpRequest post = Get("/invitations");
  post.method = "POST";
  post.body = std::string(4096, 'x');

  absl::StatusOr<HttpResponse> result = SendSync(post);

  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->status, 413);
  EXPECT_EQ(SeenCount(), 0u);
}

// Helpers for tests that need one request parked in the server.
struct Parked {
  std::promise<void> arrived;
  std::atomic<bool> signalled{false};
  void Signal() {
    if (!signalled.exchange(true)) arrived.set_value();
  }
};

TEST_F(BeastTransportTest, QueuedRequestPastDeadlineIsNotSent) {
  Parked parked;
  StartServer([&parked](const ServerRequest& r, int) {
    ServerResponse response = Ok();
    if (r.target == "/hang") {
      response.fault = ResponseFault::kHang;
      parked.Signal();
    }
    return response;
  });
  BeastTransportOptions options;
  options.max_connections_per_host = 1;
  MakeTransport(options);
  auto hung = SendAsync(Get("/hang"));
  ASSERT_EQ(parked.arrived.get_future().wait_for(kHarnessTimeout),
            std::future_status::ready);
  HttpRequest queued = Get("/queued");
  queued.deadline = absl::Now() + absl::Milliseconds(200);

  ExpectFailure(SendSync(queued), absl::StatusCode::kDeadlineExceeded,
                SendState::kNotSent);
  server_->Stop();
  EXPECT_FALSE(Wait(hung).ok());
}

TEST_F(BeastTransportTest, ShutdownFailsQueuedRequestsWithCancelled) {
  Parked parked;
  StartServer([&parked](const ServerRequest& r, int) {
    ServerResponse response = Ok();
    if (r.target == "/hang") {
      response.fault = ResponseFault::kHang;
      parked.Signal();
    }
    return response;
  });
  BeastTransportOptions options;
  options.max_connections_per_host = 1;
  MakeTransport(options);
  auto hung = SendAsync(Get("/hang"));
  ASSERT_EQ(parked.arrived.get_future().wait_for(kHarnessTimeout),
            std::future_status::ready);
  auto queued = SendAsync(Get("/queued"));

  transport_->Shutdown();

  ExpectFailure(Wait(queued), absl::StatusCode::kCancelled,
                SendState::kNotSent);
  ExpectFailure(SendSync(Get("/after")), absl::StatusCode::kCancelled,
                SendState::kNotSent);
  server_->Stop();
  EXPECT_FALSE(Wait(hung).ok());
  EXPECT_EQ(SeenCount(), 1u);
}

TEST_F(BeastTransportTest, ServerStopReturnsWithHungConnection) {
  Parked parked;
  StartServer([&parked](const ServerRequest&, int) {
    ServerResponse response;
    response.fault = ResponseFault::kHang;
    parked.Signal();
    return response;
  });
  MakeTransport();
  auto hung = SendAsync(Get("/hang"));
  ASSERT_EQ(parked.arrived.get_future().wait_for(kHarnessTimeout),
            std::future_status::ready);

  server_->Stop();
  server_->Stop();  // idempotent

  absl::StatusOr<HttpResponse> result = Wait(hung);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(GetSendState(result.status()), SendState::kMaybeSent);
  EXPECT_EQ(server_->open_connections(), 0u);
}

TEST_F(BeastTransportTest, CreateRejectsUnloadableCa) {
  BeastTransportOptions options;
  options.ca_pem = "-----BEGIN CERTIFICATE-----\nnot base64\n";
  EXPECT_EQ(BeastTransport::Create(io_, options).status().code(),
            absl::StatusCode::kInvalidArgument);
  options.ca_pem.clear();
  options.ca_file = "/nonexistent/ca.pem";
  EXPECT_EQ(BeastTransport::Create(io_, options).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace guestinvitation::http
