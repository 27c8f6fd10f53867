#include "tools/graph_emulator/net/https_server.h"

#include <openssl/ssl.h>

#include <algorithm>
#include <boost/asio/buffer.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "tools/graph_emulator/net/server_session.h"

namespace guestinvitation::emulator {
namespace {

namespace net = boost::asio;
using boost::system::error_code;
using tcp = net::ip::tcp;

// After Stop() closes everything, workers normally return at once; this is
// only a backstop so a bug elsewhere cannot turn Stop() into a hang.
constexpr auto kStopGrace = std::chrono::seconds(5);

absl::Status TlsSetupError(absl::string_view what, const error_code& ec) {
  return absl::InvalidArgumentError(
      absl::StrCat("HTTPS server: cannot load ", what, ": ", ec.message()));
}

absl::Status ConfigureServerTls(net::ssl::context& tls,
                                const HttpsServerOptions& options) {
  SSL_CTX_set_min_proto_version(tls.native_handle(), TLS1_2_VERSION);
  error_code ec;
  tls.use_certificate_chain(net::buffer(options.cert_chain_pem), ec);
  if (ec) return TlsSetupError("certificate chain", ec);
  tls.use_private_key(net::buffer(options.private_key_pem),
                      net::ssl::context::pem, ec);
  if (ec) return TlsSetupError("private key", ec);
  return absl::OkStatus();
}

class HttpsServerImpl final : public HttpsServer {
 public:
  HttpsServerImpl(HttpsServerOptions options, RequestHandler handler)
      : shared_(std::make_shared<ServerShared>(std::move(options),
                                               std::move(handler))) {}
  ~HttpsServerImpl() override { Stop(); }

  absl::Status Start() override;
  int port() const override { return port_; }
  void Stop() override;
  uint64_t tls_handshakes_completed() const override {
    return shared_->handshakes.load();
  }
  uint64_t open_connections() const override {
    return shared_->open_connections.load();
  }

 private:
  absl::Status Listen();
  void Accept();
  void OnAccept(error_code ec, tcp::socket socket);
  void RunWorker();
  void JoinWorkers();

  std::shared_ptr<ServerShared> shared_;
  // Declared after shared_ so it is destroyed first: handlers it still
  // holds release their sessions while shared_ is alive.
  net::io_context io_;
  net::strand<net::io_context::executor_type> accept_strand_{
      net::make_strand(io_)};
  tcp::acceptor acceptor_{accept_strand_};
  std::optional<net::executor_work_guard<net::io_context::executor_type>> work_;
  std::vector<std::thread> workers_;
  int port_ = 0;

  std::mutex mu_;
  std::condition_variable workers_done_;
  int running_workers_ = 0;
  bool started_ = false;
  bool stopping_ = false;
  std::vector<std::weak_ptr<ServerSession>> sessions_;
};

absl::Status HttpsServerImpl::Start() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (started_ || stopping_) {
      return absl::FailedPreconditionError("HTTPS server already started");
    }
    started_ = true;
  }
  if (!shared_->handler) return absl::InvalidArgumentError("no handler");
  absl::Status tls = ConfigureServerTls(shared_->tls, shared_->options);
  if (!tls.ok()) return tls;
  absl::Status listening = Listen();
  if (!listening.ok()) return listening;
  work_.emplace(io_.get_executor());
  Accept();
  const int threads = std::max(1, shared_->options.threads);
  running_workers_ = threads;
  for (int i = 0; i < threads; ++i) {
    workers_.emplace_back([this] { RunWorker(); });
  }
  return absl::OkStatus();
}

absl::Status HttpsServerImpl::Listen() {
  const HttpsServerOptions& options = shared_->options;
  error_code ec;
  tcp::resolver resolver(io_);
  auto endpoints =
      resolver.resolve(options.listen_host, std::to_string(options.listen_port),
                       tcp::resolver::passive, ec);
  if (ec || endpoints.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("HTTPS server: cannot resolve ", options.listen_host, ": ",
                     ec.message()));
  }
  const tcp::endpoint endpoint = endpoints.begin()->endpoint();
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    return absl::UnavailableError(
        absl::StrCat("HTTPS server: cannot listen on ", options.listen_host,
                     ":", options.listen_port, ": ", ec.message()));
  }
  port_ = acceptor_.local_endpoint(ec).port();
  return absl::OkStatus();
}

// Each connection gets its own strand.
void HttpsServerImpl::Accept() {
  acceptor_.async_accept(net::make_strand(io_),
                         [this](error_code ec, tcp::socket socket) {
                           OnAccept(ec, std::move(socket));
                         });
}

void HttpsServerImpl::OnAccept(error_code ec, tcp::socket socket) {
  if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
  if (!ec) {
    auto session = std::make_shared<ServerSession>(std::move(socket), shared_);
    std::lock_guard<std::mutex> lock(mu_);
    // Registered under the lock Stop() takes, so no session escapes it.
    if (stopping_) return;
    sessions_.erase(std::remove_if(sessions_.begin(), sessions_.end(),
                                   [](const auto& w) { return w.expired(); }),
                    sessions_.end());
    sessions_.push_back(session);
    session->Start();
  }
  Accept();
}

void HttpsServerImpl::RunWorker() {
  io_.run();
  std::lock_guard<std::mutex> lock(mu_);
  --running_workers_;
  workers_done_.notify_all();
}

void HttpsServerImpl::Stop() {
  std::vector<std::weak_ptr<ServerSession>> sessions;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) return;
    stopping_ = true;
    if (!started_) return;
    sessions.swap(sessions_);
  }
  net::post(accept_strand_, [this] {
    error_code ignored;
    acceptor_.close(ignored);
  });
  for (const auto& weak : sessions) {
    if (auto session = weak.lock()) session->Close();
  }
  work_.reset();
  JoinWorkers();
}

void HttpsServerImpl::JoinWorkers() {
  {
    std::unique_lock<std::mutex> lock(mu_);
    if (!workers_done_.wait_for(lock, kStopGrace,
                                [this] { return running_workers_ == 0; })) {
      io_.stop();
    }
  }
  for (std::thread& worker : workers_) worker.join();
  workers_.clear();
}

}  // namespace

std::unique_ptr<HttpsServer> HttpsServer::Create(HttpsServerOptions options,
                                                 RequestHandler handler) {
  return std::make_unique<HttpsServerImpl>(std::move(options),
                                           std::move(handler));
}

}  // namespace guestinvitation::emulator
