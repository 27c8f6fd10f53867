// HttpTransport over Boost.Beast + OpenSSL: TLS 1.2+ with SNI and hostname
// verification against the system trust store plus an optional extra CA,
// a bounded keep-alive connection pool per host, a deadline on every step,
// and a response size limit.
#ifndef GUESTINVITATION_SERVER_HTTP_BEAST_TRANSPORT_H_
#define GUESTINVITATION_SERVER_HTTP_BEAST_TRANSPORT_H_

#include <cstddef>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/http/http_transport.h"

namespace guestinvitation::http {

struct BeastTransportOptions {
  // PEM file with extra trusted CA certificates (added to the system store).
  std::string ca_file;
  // PEM text with extra trusted CAs (used by --dev and tests), added too.
  std::string ca_pem;
  // Max open connections per host:port (idle + busy). Requests beyond it
  // queue until a connection frees up or their deadline passes.
  size_t max_connections_per_host = 32;
  // Max idle connections kept per host; idle ones close after idle_timeout.
  size_t max_idle_per_host = 16;
  absl::Duration idle_timeout = absl::Seconds(60);
  // Per-step cap (resolve, connect, handshake, write, read), additionally
  // bounded by each request's deadline.
  absl::Duration step_timeout = absl::Seconds(30);
  size_t max_response_body_bytes = 4 * 1024 * 1024;
  std::string user_agent = "guestinvitation/0.1";
};

struct TransportStats {
  uint64_t connections_opened = 0;  // TCP + TLS handshakes performed
  uint64_t requests_sent = 0;
  uint64_t connections_reused = 0;
};

class BeastTransport : public HttpTransport {
 public:
  // Fails if the CA file/PEM cannot be loaded. `io` must outlive the
  // transport and all its callbacks; it may be run by several threads.
  // Send, Stats and Shutdown are thread-safe.
  static absl::StatusOr<std::shared_ptr<BeastTransport>> Create(
      boost::asio::io_context& io, BeastTransportOptions options);
  ~BeastTransport() override = default;

  virtual TransportStats Stats() const = 0;
  // Closes idle connections and fails queued requests (used at shutdown).
  virtual void Shutdown() = 0;
};

}  // namespace guestinvitation::http

#endif  // GUESTINVITATION_SERVER_HTTP_BEAST_TRANSPORT_H_
