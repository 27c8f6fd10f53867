// A small HTTPS/1.1 server (Boost.Beast + OpenSSL) that hands each request to
// a synchronous handler. It knows nothing about Graph; the emulator's Graph
// semantics live in GraphEmulator. Faults that only a socket can produce
// (delays, resets, truncation, hangs, trickled bytes) are asked for in the
// response.
#ifndef GUESTINVITATION_TOOLS_GRAPH_EMULATOR_NET_HTTPS_SERVER_H_
#define GUESTINVITATION_TOOLS_GRAPH_EMULATOR_NET_HTTPS_SERVER_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "server/http/http_types.h"

namespace guestinvitation::emulator {

struct ServerRequest {
  std::string method;
  std::string target;  // path + query, as received (percent-encoded)
  http::Headers headers;
  std::string body;
  std::string Header(absl::string_view name) const {
    return http::FindHeader(headers, name).value_or("");
  }
};

enum class ResponseFault {
  kNone,
  // Close the TCP connection abruptly (RST) instead of answering.
  kResetConnection,
  // Send the headers with the full Content-Length but only half the body,
  // then close.
  kTruncateBody,
  // Never answer; keep the connection open until the client gives up or
  // the server stops.
  kHang,
  // Send the status line and headers in pieces of trickle_chunk_bytes with
  // trickle_interval after each piece, then the body at once.
  kSlowHeaders,
  // Send the headers at once, then the body in pieces of
  // trickle_chunk_bytes with trickle_interval after each piece.
  kSlowBody,
};

struct ServerResponse {
  int status = 200;
  http::Headers headers;  // Content-Length is set by the server
  std::string body;
  absl::Duration delay = absl::ZeroDuration();  // before sending anything
  ResponseFault fault = ResponseFault::kNone;
  // kSlowHeaders / kSlowBody only.
  size_t trickle_chunk_bytes = 0;
  absl::Duration trickle_interval = absl::ZeroDuration();
};

// Carries the socket-level fault of `from` (and its pacing) over to `to`,
// e.g. from a $batch item to the envelope that shares its connection.
inline void CopySocketFault(const ServerResponse& from, ServerResponse* to) {
  to->fault = from.fault;
  to->trickle_chunk_bytes = from.trickle_chunk_bytes;
  to->trickle_interval = from.trickle_interval;
}

// Called on a server worker thread, possibly concurrently: must be
// thread-safe when threads > 1.
using RequestHandler = std::function<ServerResponse(const ServerRequest&)>;

struct HttpsServerOptions {
  std::string listen_host = "127.0.0.1";
  int listen_port = 0;  // 0 = pick a free port
  std::string cert_chain_pem;
  std::string private_key_pem;
  int threads = 2;
  size_t max_request_body_bytes = 1024 * 1024;  // larger bodies get 413
  // Keep-alive connections idle this long are closed (with close_notify).
  absl::Duration idle_timeout = absl::Seconds(60);
  // Fault hook, asked once per connection right after the TLS handshake:
  // returning true resets the connection (RST) before any request is read.
  std::function<bool()> reset_before_read;
};

class HttpsServer {
 public:
  static std::unique_ptr<HttpsServer> Create(HttpsServerOptions options,
                                             RequestHandler handler);
  virtual ~HttpsServer() = default;
  // Binds, listens and starts the worker threads.
  virtual absl::Status Start() = 0;
  // The bound port (valid after Start).
  virtual int port() const = 0;
  // Stops accepting, closes connections, joins threads. Idempotent. Must
  // not be called from a handler (it joins the thread running it).
  virtual void Stop() = 0;
  virtual uint64_t tls_handshakes_completed() const = 0;
  // Connections accepted and not yet fully closed.
  virtual uint64_t open_connections() const = 0;
};

}  // namespace guestinvitation::emulator

#endif  // GUESTINVITATION_TOOLS_GRAPH_EMULATOR_NET_HTTPS_SERVER_H_
