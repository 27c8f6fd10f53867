#include "server/http/connection.h"

#include <sys/socket.h>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <cerrno>
#include <utility>

#include "server/http/tls_client.h"

namespace guestinvitation::http {
namespace net = boost::asio;
namespace beast = boost::beast;
namespace beast_http = boost::beast::http;
using boost::system::error_code;

namespace {

// Response headers beyond this are refused (Beast's default is 8 KiB,
// which some Graph responses with long URLs in Location can approach).
constexpr uint32_t kMaxResponseHeaderBytes = 64 * 1024;
// A peer that does not answer our close_notify is not worth waiting for.
constexpr absl::Duration kGracefulCloseCap = absl::Seconds(2);
// 1xx responses tolerated before a final one; more is a misbehaving server.
constexpr int kMaxInterimResponses = 8;

}  // namespace

Connection::Connection(std::shared_ptr<TransportContext> ctx, Origin origin,
                       const Strand& pool_strand)
    : ctx_(std::move(ctx)),
      origin_(std::move(origin)),
      strand_(net::make_strand(ctx_->io)),
      resolver_(strand_),
      resolve_timer_(strand_),
      stream_(strand_, *ctx_->tls),
      idle_timer_(pool_strand) {}

bool Connection::ArmStep() {
  step_budget_ =
      ComputeStepBudget(absl::Now(), deadline_, ctx_->options.step_timeout);
  if (step_budget_.expired()) return false;
  tcp().expires_after(step_budget_.ToChrono());
  return true;
}

IoOutcome Connection::Outcome(error_code ec, TransportStep step) {
  IoOutcome out;
  out.ec = ec;
  out.failure.step = step;
  out.failure.deadline_reached =
      ec == beast::error::timeout && step_budget_.limited_by_deadline;
  if (ec && step == TransportStep::kTlsHandshake) {
    out.failure.tls_verify_error = VerifyFailureReason(stream_.native_handle());
  }
  return out;
}

void Connection::Open(absl::Time deadline, OpenCallback cb) {
  net::dispatch(strand_, [self = shared_from_this(), deadline,
                          cb = std::move(cb)]() mutable {
    self->deadline_ = deadline;
    self->open_cb_ = std::move(cb);
    self->Resolve();
  });
}

// The resolver has no built-in timeout, so a strand timer cancels it.
void Connection::Resolve() {
  step_budget_ =
      ComputeStepBudget(absl::Now(), deadline_, ctx_->options.step_timeout);
  if (step_budget_.expired()) {
    return FinishOpen(beast::error::timeout, TransportStep::kResolve);
  }
  resolve_timer_.expires_after(step_budget_.ToChrono());
  resolve_timer_.async_wait([self = shared_from_this()](error_code ec) {
    if (ec) return;
    self->resolve_timed_out_ = true;
    self->resolver_.cancel();
  });
  resolver_.async_resolve(
      origin_.host, origin_.port,
      [self = shared_from_this()](
          error_code ec, const net::ip::tcp::resolver::results_type& results) {
        self->OnResolved(ec, results);
      });
}

void Connection::OnResolved(
    error_code ec, const net::ip::tcp::resolver::results_type& results) {
  resolve_timer_.cancel();
  if (ec == net::error::operation_aborted && resolve_timed_out_) {
    ec = beast::error::timeout;
  }
  if (ec) return FinishOpen(ec, TransportStep::kResolve);
  if (!ArmStep())
    return FinishOpen(beast::error::timeout, TransportStep::kConnect);
  tcp().async_connect(
      results, [self = shared_from_this()](error_code ec,
                                           const net::ip::tcp::endpoint&) {
        self->OnConnected(ec);
      });
}

void Connection::OnConnected(error_code ec) {
  if (ec) return FinishOpen(ec, TransportStep::kConnect);
  ec = ConfigurePeerCheck(stream_.native_handle(), origin_);
  if (ec) return FinishOpen(ec, TransportStep::kTlsHandshake);
  if (!ArmStep()) {
    return FinishOpen(beast::error::timeout, TransportStep::kTlsHandshake);
  }
  stream_.async_handshake(
      net::ssl::stream_base::client,
      [self = shared_from_this()](error_code ec) { self->OnHandshake(ec); });
}

void Connection::OnHandshake(error_code ec) {
  if (!ec) ++ctx_->connections_opened;
  FinishOpen(ec, TransportStep::kTlsHandshake);
}

void Connection::FinishOpen(error_code ec, TransportStep step) {
  tcp().expires_never();
  OpenCallback cb = std::exchange(open_cb_, nullptr);
  if (cb) cb(Outcome(ec, step));
}

void Connection::Exchange(const BeastRequest& request, absl::Time deadline,
                          ExchangeCallback cb) {
  net::dispatch(strand_, [self = shared_from_this(), &request, deadline,
                          cb = std::move(cb)]() mutable {
    self->request_ = &request;
    self->deadline_ = deadline;
    self->exchange_cb_ = std::move(cb);
    self->response_started_ = false;
    self->reusable_ = false;
    self->interim_responses_ = 0;
    self->Write();
  });
}

void Connection::Write() {
  if (!ArmStep())
    return FinishExchange(beast::error::timeout, TransportStep::kWrite);
  beast_http::async_write(
      stream_, *request_,
      [self = shared_from_this()](error_code ec, std::size_t) {
        if (ec) return self->FinishExchange(ec, TransportStep::kWrite);
        self->Read();
      });
}

void Connection::Read() {
  parser_.emplace();
  parser_->body_limit(ctx_->options.max_response_body_bytes);
  parser_->header_limit(kMaxResponseHeaderBytes);
  // A HEAD response announces a body it does not send.
  if (request_->method() == beast_http::verb::head) parser_->skip(true);
  if (!ArmStep())
    return FinishExchange(beast::error::timeout, TransportStep::kRead);
  beast_http::async_read(stream_, buffer_, *parser_,
                         [self = shared_from_this()](
                             error_code ec, std::size_t) { self->OnRead(ec); });
}

void Connection::OnRead(error_code ec) {
  response_started_ =
      response_started_ || parser_->got_some() || buffer_.size() > 0;
  if (ec) return FinishExchange(ec, TransportStep::kRead);
  const unsigned status = parser_->get().result_int();
  // 1xx (other than 101, which we never ask for) precede the real answer.
  if (status >= 100 && status < 200 && status != 101) {
    if (++interim_responses_ > kMaxInterimResponses) {
      return FinishExchange(beast_http::error::bad_status,
                            TransportStep::kRead);
    }
    return Read();
  }
  // Bytes beyond the response mean the framing is not what we think: do not
  // reuse the connection.
  reusable_ =
      parser_->get().keep_alive() && status != 101 && buffer_.size() == 0;
  FinishExchange({}, TransportStep::kRead);
}

void Connection::FinishExchange(error_code ec, TransportStep step) {
  tcp().expires_never();
  ExchangeOutcome out;
  out.io = Outcome(ec, step);
  out.response_started = response_started_;
  if (!ec) out.response = ToHttpResponse(parser_->release());
  parser_.reset();
  request_ = nullptr;
  ExchangeCallback cb = std::exchange(exchange_cb_, nullptr);
  if (cb) cb(std::move(out));
}

void Connection::Close(CloseMode mode) {
  net::dispatch(strand_, [self = shared_from_this(), mode] {
    if (mode == CloseMode::kAbort) return self->Abort();
    const absl::Time now = absl::Now();
    self->step_budget_ = ComputeStepBudget(now, now + kGracefulCloseCap,
                                           self->ctx_->options.step_timeout);
    self->tcp().expires_after(self->step_budget_.ToChrono());
    // stream_truncated / eof here only mean the peer closed first: expected,
    // not an error, and nothing to report either way.
    self->stream_.async_shutdown([self](error_code) { self->Abort(); });
  });
}

void Connection::Abort() {
  resolver_.cancel();
  resolve_timer_.cancel();
  tcp().close();
}

bool Connection::PeerClosed() {
  auto& socket = stream_.next_layer().socket();
  if (!socket.is_open()) return true;
  char byte = 0;
  const ssize_t n =
      ::recv(socket.native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  // n == 0 is a FIN; n > 0 is bytes nobody asked for on an idle HTTP/1.1
  // connection (typically a TLS close_notify alert). Either way, not reusable.
  if (n >= 0) return true;
  return errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR;
}

}  // namespace guestinvitation::http
