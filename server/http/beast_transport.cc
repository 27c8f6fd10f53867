#include "server/http/beast_transport.h"

#include <boost/asio/post.hpp>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>

#include "server/http/header_check.h"
#include "server/http/host_pool.h"
#include "server/http/request_builder.h"
#include "server/http/request_op.h"
#include "server/http/tls_client.h"
#include "server/http/transport_context.h"
#include "server/http/transport_error.h"
#include "server/http/url.h"

namespace guestinvitation::http {
namespace {

class BeastTransportImpl final : public BeastTransport {
 public:
  explicit BeastTransportImpl(std::shared_ptr<TransportContext> ctx)
      : ctx_(std::move(ctx)) {}
  // Pools and requests keep what they need alive; closing idle connections
  // here just avoids waiting for their idle timers.
  ~BeastTransportImpl() override { Shutdown(); }

  void Send(HttpRequest request, ResponseCallback done) override;
  TransportStats Stats() const override;
  void Shutdown() override;

 private:
  std::shared_ptr<HostPool> PoolFor(const Origin& origin);
  void FailSoon(ResponseCallback done, absl::Status status);

  const std::shared_ptr<TransportContext> ctx_;
  std::mutex mu_;
  bool shut_down_ = false;
  // One pool per origin, never removed: the service talks to a handful of
  // hosts (Graph and the token endpoint).
  std::unordered_map<std::string, std::shared_ptr<HostPool>> pools_;
};

void BeastTransportImpl::Send(HttpRequest request, ResponseCallback done) {
  absl::StatusOr<ParsedUrl> url = ParseHttpsUrl(request.url);
  if (!url.ok()) return FailSoon(std::move(done), url.status());
  absl::Status head = ValidateRequestHead(request);
  if (!head.ok()) return FailSoon(std::move(done), std::move(head));
  std::shared_ptr<HostPool> pool = PoolFor(url->origin);
  if (!pool) {
    return FailSoon(
        std::move(done),
        TransportError(absl::StatusCode::kCancelled,
                       "HTTP transport is shut down", SendState::kNotSent));
  }
  auto op = std::make_shared<RequestOp>(
      ctx_, std::move(pool), url->origin.host,
      BuildBeastRequest(request, *url, ctx_->options.user_agent),
      request.deadline, std::move(done));
  op->Start();
}

std::shared_ptr<HostPool> BeastTransportImpl::PoolFor(const Origin& origin) {
  std::lock_guard<std::mutex> lock(mu_);
  if (shut_down_) return nullptr;
  std::shared_ptr<HostPool>& pool = pools_[origin.Key()];
  if (!pool) pool = std::make_shared<HostPool>(ctx_, origin);
  return pool;
}

void BeastTransportImpl::FailSoon(ResponseCallback done, absl::Status status) {
  boost::asio::post(
      ctx_->io, [done = std::move(done), status = std::move(status)]() mutable {
        done(std::move(status));
      });
}

TransportStats BeastTransportImpl::Stats() const {
  TransportStats stats;
  stats.connections_opened = ctx_->connections_opened.load();
  stats.requests_sent = ctx_->requests_sent.load();
  stats.connections_reused = ctx_->connections_reused.load();
  return stats;
}

void BeastTransportImpl::Shutdown() {
  std::lock_guard<std::mutex> lock(mu_);
  shut_down_ = true;
  for (auto& [key, pool] : pools_) pool->Shutdown();
}

absl::Status ValidateOptions(const BeastTransportOptions& options) {
  if (options.max_connections_per_host == 0) {
    return absl::InvalidArgumentError("max_connections_per_host must be >= 1");
  }
  if (options.step_timeout <= absl::ZeroDuration() ||
      options.idle_timeout <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError(
        "step_timeout and idle_timeout must be positive");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::shared_ptr<BeastTransport>> BeastTransport::Create(
    boost::asio::io_context& io, BeastTransportOptions options) {
  absl::Status valid = ValidateOptions(options);
  if (!valid.ok()) return valid;
  auto tls = MakeClientTlsContext(options.ca_file, options.ca_pem);
  if (!tls.ok()) return tls.status();
  auto ctx = std::make_shared<TransportContext>(io, std::move(options),
                                                *std::move(tls));
  return std::shared_ptr<BeastTransport>(
      std::make_shared<BeastTransportImpl>(std::move(ctx)));
}

}  // namespace guestinvitation::http
