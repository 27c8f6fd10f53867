// State shared by the transport, its pools, connections and in-flight
// requests. Held by shared_ptr so async work never outlives what it uses,
// whatever order the owners are destroyed in.
#ifndef GUESTINVITATION_SERVER_HTTP_TRANSPORT_CONTEXT_H_
#define GUESTINVITATION_SERVER_HTTP_TRANSPORT_CONTEXT_H_

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/strand.hpp>
#include <cstdint>
#include <memory>
#include <utility>

#include "server/http/beast_transport.h"

namespace guestinvitation::http {

using Strand = boost::asio::strand<boost::asio::io_context::executor_type>;

struct TransportContext {
  TransportContext(boost::asio::io_context& io_context,
                   BeastTransportOptions transport_options,
                   std::unique_ptr<boost::asio::ssl::context> tls_context)
      : io(io_context),
        options(std::move(transport_options)),
        tls(std::move(tls_context)) {}

  boost::asio::io_context& io;
  const BeastTransportOptions options;
  const std::unique_ptr<boost::asio::ssl::context> tls;

  std::atomic<uint64_t> connections_opened{0};
  std::atomic<uint64_t> requests_sent{0};
  std::atomic<uint64_t> connections_reused{0};
};

}  // namespace guestinvitation::http

#endif  // GUESTINVITATION_SERVER_HTTP_TRANSPORT_CONTEXT_H_
