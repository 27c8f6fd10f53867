// One accepted HTTPS connection of HttpsServer: TLS handshake, then a
// keep-alive loop of read request -> handler -> (delay) -> respond or
// apply the requested socket fault (including trickled headers or body,
// paced by a timer). Runs on its own strand.
#ifndef GUESTINVITATION_TOOLS_GRAPH_EMULATOR_NET_SERVER_SESSION_H_
#define GUESTINVITATION_TOOLS_GRAPH_EMULATOR_NET_SERVER_SESSION_H_

#include <array>
#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "tools/graph_emulator/net/https_server.h"

namespace guestinvitation::emulator {

// What sessions share with the server; held by shared_ptr so a session
// that outlives Stop() (its last handler not yet destroyed) stays valid.
struct ServerShared {
  ServerShared(HttpsServerOptions opts, RequestHandler request_handler)
      : options(std::move(opts)), handler(std::move(request_handler)) {}
  const HttpsServerOptions options;
  const RequestHandler handler;
  boost::asio::ssl::context tls{boost::asio::ssl::context::tls_server};
  std::atomic<uint64_t> handshakes{0};
  std::atomic<uint64_t> open_connections{0};
};

class ServerSession : public std::enable_shared_from_this<ServerSession> {
 public:
  ServerSession(boost::asio::ip::tcp::socket socket,
                std::shared_ptr<ServerShared> shared);
  ~ServerSession();

  void Start();
  // Any thread: closes the socket and cancels timers; all pending work
  // then completes promptly with errors.
  void Close();

 private:
  using Response =
      boost::beast::http::response<boost::beast::http::string_body>;

  void OnHandshake(boost::system::error_code ec);
  void ReadRequest();
  void OnRequest(boost::system::error_code ec);
  ServerResponse CallHandler();
  void ApplyResponse();
  void Write(bool close_after, bool graceful);
  void WriteTrickled();
  void WriteNextPiece();
  void AfterWrite(boost::system::error_code ec, bool close_after,
                  bool graceful);
  void Hang();
  void ResetConnection();
  void GracefulClose();
  void Abort();

  const std::shared_ptr<ServerShared> shared_;
  boost::asio::ssl::stream<boost::beast::tcp_stream> stream_;
  boost::asio::steady_timer delay_timer_;
  boost::beast::flat_buffer buffer_;
  std::optional<
      boost::beast::http::request_parser<boost::beast::http::string_body>>
      parser_;
  ServerResponse pending_;
  std::optional<Response> response_;
  // A trickled response: the serialized bytes, how many are sent, and the
  // byte range [trickle_begin_, trickle_end_) sent in small pieces.
  std::string wire_;
  size_t wire_sent_ = 0;
  size_t trickle_begin_ = 0;
  size_t trickle_end_ = 0;
  bool trickle_close_after_ = false;
  std::array<char, 4096> drain_{};
  bool request_keep_alive_ = false;
  bool closed_ = false;  // strand only: no new operations once set
};

}  // namespace guestinvitation::emulator

#endif  // GUESTINVITATION_TOOLS_GRAPH_EMULATOR_NET_SERVER_SESSION_H_
