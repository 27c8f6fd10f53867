// Builds the outbound stack: HTTPS transport -> token provider -> Graph
// client, from the server config.
#ifndef GUESTINVITATION_SERVER_APP_GRAPH_STACK_H_
#define GUESTINVITATION_SERVER_APP_GRAPH_STACK_H_

#include <functional>
#include <memory>

#include <boost/asio/io_context.hpp>

#include "absl/status/statusor.h"
#include "server/common/scheduler.h"
#include "server/config/server_config.h"
#include "server/graph/graph_client.h"
#include "server/http/beast_transport.h"

namespace guestinvitation {

struct GraphStack {
  std::shared_ptr<http::BeastTransport> transport;
  std::shared_ptr<graph::GraphClient> graph;
  // Fetches the first token (health turns SERVING when it succeeds).
  std::function<void(std::function<void(absl::Status)>)> prime_token;
  // Stops proactive token refresh timers.
  std::function<void()> stop;
};

absl::StatusOr<GraphStack> BuildGraphStack(const ServerConfig& config,
                                           boost::asio::io_context& io,
                                           std::shared_ptr<Scheduler> scheduler);

}  // namespace guestinvitation

#endif  // GUESTINVITATION_SERVER_APP_GRAPH_STACK_H_
