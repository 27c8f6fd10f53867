#include "server/app/graph_stack.h"

#include "server/auth/caching_token_provider.h"
#include "server/auth/client_secret_token_source.h"
#include "server/graph/graph_client_impl.h"

namespace guestinvitation {

absl::StatusOr<GraphStack> BuildGraphStack(const ServerConfig& config,
                                           boost::asio::io_context& io,
                                           std::shared_ptr<Scheduler> scheduler) {
  http::BeastTransportOptions transport_options;
  transport_options.ca_file = config.ca_file;
  transport_options.ca_pem = config.extra_ca_pem;
  transport_options.max_connections_per_host =
      static_cast<size_t>(config.graph_max_connections);
  transport_options.step_timeout = config.graph_attempt_timeout;
  auto transport = http::BeastTransport::Create(io, transport_options);
  if (!transport.ok()) return transport.status();

  auth::ClientSecretOptions secret_options;
  secret_options.endpoint.authority_host = config.authority_host;
  secret_options.endpoint.tenant_id = config.tenant_id;
  secret_options.endpoint.client_id = config.client_id;
  secret_options.endpoint.graph_base_url = config.graph_base_url;
  secret_options.client_secret = config.client_secret;
  auto source = auth::ClientSecretTokenSource::Create(
      std::move(secret_options), *transport, scheduler);
  if (!source.ok()) return source.status();
  auto tokens = auth::CachingTokenProvider::Create(*source, scheduler);

  graph::GraphClientOptions graph_options;
  graph_options.graph_base_url = config.graph_base_url;
  graph_options.max_attempts = config.graph_max_attempts;
  graph_options.replication_retry_budget = config.replication_wait;
  graph_options.per_attempt_timeout = config.graph_attempt_timeout;
  auto graph = graph::GraphClientImpl::Create(graph_options, *transport, tokens,
                                              scheduler);
  if (!graph.ok()) return graph.status();

  GraphStack stack;
  stack.transport = *transport;
  stack.graph = std::shared_ptr<graph::GraphClient>(std::move(*graph));
  stack.prime_token = [tokens](std::function<void(absl::Status)> done) {
    tokens->Prime(std::move(done));
  };
  stack.stop = [tokens] { tokens->Shutdown(); };
  return stack;
}

}  // namespace guestinvitation
