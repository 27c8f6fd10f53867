// One keep-alive TLS connection to an origin. All of its I/O runs on its
// own strand, so an io_context run by several threads never touches the
// stream concurrently. Every step is bounded by min(step_timeout, deadline).
#ifndef GUESTINVITATION_SERVER_HTTP_CONNECTION_H_
#define GUESTINVITATION_SERVER_HTTP_CONNECTION_H_

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/system/error_code.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

#include "absl/time/time.h"
#include "server/http/request_builder.h"
#include "server/http/step_budget.h"
#include "server/http/transport_context.h"
#include "server/http/transport_error.h"
#include "server/http/url.h"

namespace guestinvitation::http {

struct IoOutcome {
  boost::system::error_code ec;
  IoFailure failure;
};

struct ExchangeOutcome {
  IoOutcome io;
  // Some response byte arrived: the server certainly saw the request, so
  // the failure is not a stale keep-alive connection.
  bool response_started = false;
  HttpResponse response;  // valid when !io.ec
};

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  using OpenCallback = std::function<void(IoOutcome)>;
  using ExchangeCallback = std::function<void(ExchangeOutcome)>;
  enum class CloseMode { kGraceful, kAbort };

  // `pool_strand` runs the idle timer: idle connections belong to the pool.
  Connection(std::shared_ptr<TransportContext> ctx, Origin origin,
             const Strand& pool_strand);

  // Resolve, TCP connect, TLS handshake. `cb` runs on this strand.
  void Open(absl::Time deadline, OpenCallback cb);
  // Writes `request` and reads one final response; the caller keeps
  // `request` alive until `cb`, which runs on this strand.
  void Exchange(const BeastRequest& request, absl::Time deadline,
                ExchangeCallback cb);
  // Any thread. kGraceful sends TLS close_notify (bounded wait) first.
  void Close(CloseMode mode);

  // Pool strand, idle connections only: a cheap non-blocking peek that sees
  // a FIN, a reset or unsolicited bytes (e.g. close_notify) from the peer.
  bool PeerClosed();
  // After a successful Exchange: the response allows another request.
  bool reusable() const { return reusable_; }
  const Strand& strand() const { return strand_; }
  // Owned by the pool (pool strand only).
  boost::asio::steady_timer& idle_timer() { return idle_timer_; }
  uint64_t idle_generation = 0;

 private:
  boost::beast::tcp_stream& tcp() { return stream_.next_layer(); }
  bool ArmStep();
  IoOutcome Outcome(boost::system::error_code ec, TransportStep step);
  void Resolve();
  void OnResolved(boost::system::error_code ec,
                  const boost::asio::ip::tcp::resolver::results_type& results);
  void OnConnected(boost::system::error_code ec);
  void OnHandshake(boost::system::error_code ec);
  void FinishOpen(boost::system::error_code ec, TransportStep step);
  void Write();
  void Read();
  void OnRead(boost::system::error_code ec);
  void FinishExchange(boost::system::error_code ec, TransportStep step);
  void Abort();

  const std::shared_ptr<TransportContext> ctx_;
  const Origin origin_;
  Strand strand_;
  boost::asio::ip::tcp::resolver resolver_;
  boost::asio::steady_timer resolve_timer_;
  boost::asio::ssl::stream<boost::beast::tcp_stream> stream_;
  boost::beast::flat_buffer buffer_;
  std::optional<
      boost::beast::http::response_parser<boost::beast::http::string_body>>
      parser_;
  boost::asio::steady_timer idle_timer_;

  absl::Time deadline_ = absl::InfiniteFuture();
  StepBudget step_budget_;
  bool resolve_timed_out_ = false;
  bool response_started_ = false;
  bool reusable_ = false;
  int interim_responses_ = 0;
  const BeastRequest* request_ = nullptr;
  OpenCallback open_cb_;
  ExchangeCallback exchange_cb_;
};

}  // namespace guestinvitation::http

#endif  // GUESTINVITATION_SERVER_HTTP_CONNECTION_H_
