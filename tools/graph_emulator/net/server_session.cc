#include "tools/graph_emulator/net/server_session.h"

#include <boost/asio/buffer.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <algorithm>
#include <boost/asio/write.hpp>
#include <exception>
#include <sstream>
#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "server/http/header_check.h"

namespace guestinvitation::emulator {
namespace net = boost::asio;
namespace beast = boost::beast;
namespace beast_http = boost::beast::http;
using boost::system::error_code;

namespace {

constexpr auto kHandshakeTimeout = std::chrono::seconds(10);
constexpr auto kWriteTimeout = std::chrono::seconds(30);
constexpr auto kShutdownTimeout = std::chrono::seconds(5);
constexpr uint32_t kMaxRequestHeaderBytes = 64 * 1024;

bool IsFramingHeader(absl::string_view name) {
  return absl::EqualsIgnoreCase(name, "Content-Length") ||
         absl::EqualsIgnoreCase(name, "Transfer-Encoding") ||
         absl::EqualsIgnoreCase(name, "Connection");
}

// The server owns framing; handler headers that are unsafe to write
// verbatim are dropped rather than sent.
beast_http::response<beast_http::string_body> BuildResponse(
    const ServerResponse& in, bool keep_alive, bool truncate_body) {
  beast_http::response<beast_http::string_body> out;
  out.version(11);
  out.result(static_cast<unsigned>(in.status));
  bool handler_wants_close = false;
  for (const auto& [name, value] : in.headers) {
    if (absl::EqualsIgnoreCase(name, "Connection")) {
      handler_wants_close =
          absl::StrContains(absl::AsciiStrToLower(value), "close");
    }
    if (IsFramingHeader(name) || !http::IsValidToken(name) ||
        !http::IsValidHeaderValue(value)) {
      continue;
    }
    out.insert(name, value);
  }
  out.keep_alive(keep_alive && !handler_wants_close && !truncate_body);
  out.body() = in.body;
  out.content_length(in.body.size());
  // Content-Length keeps announcing the full body: that is the fault.
  if (truncate_body) out.body().resize(in.body.size() / 2);
  return out;
}

ServerRequest ToServerRequest(
    beast_http::request<beast_http::string_body>&& in) {
  ServerRequest out;
  out.method = std::string(in.method_string());
  out.target = std::string(in.target());
  for (const auto& field : in) {
    out.headers.emplace_back(std::string(field.name_string()),
                             std::string(field.value()));
  }
  out.body = std::move(in.body());
  return out;
}

}  // namespace

ServerSession::ServerSession(net::ip::tcp::socket socket,
                             std::shared_ptr<ServerShared> shared)
    : shared_(std::move(shared)),
      stream_(std::move(socket), shared_->tls),
      delay_timer_(stream_.get_executor()) {
  ++shared_->open_connections;
}

ServerSession::~ServerSession() { --shared_->open_connections; }

void ServerSession::Start() {
  net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
    self->stream_.next_layer().expires_after(kHandshakeTimeout);
    self->stream_.async_handshake(
        net::ssl::stream_base::server,
        [self](error_code ec) { self->OnHandshake(ec); });
  });
}

void ServerSession::OnHandshake(error_code ec) {
  if (ec) return Abort();
  ++shared_->handshakes;
  const auto& reset_hook = shared_->options.reset_before_read;
  if (reset_hook && reset_hook()) return ResetConnection();
  ReadRequest();
}

void ServerSession::ReadRequest() {
  if (closed_) return;
  parser_.emplace();
  parser_->body_limit(shared_->options.max_request_body_bytes);
  parser_->header_limit(kMaxRequestHeaderBytes);
  stream_.next_layer().expires_after(
      absl::ToChronoNanoseconds(shared_->options.idle_timeout));
  beast_http::async_read(stream_, buffer_, *parser_,
                         [self = shared_from_this()](error_code ec, size_t) {
                           self->OnRequest(ec);
                         });
}

void ServerSession::OnRequest(error_code ec) {
  if (closed_) return;
  if (ec == beast_http::error::body_limit) {
    pending_ = ServerResponse{413, {}, "request body too large"};
    request_keep_alive_ = false;
    return Write(/*close_after=*/true, /*graceful=*/true);
  }
  // The client closed with close_notify, or the keep-alive idle timeout.
  if (ec == beast_http::error::end_of_stream || ec == net::error::eof ||
      ec == beast::error::timeout) {
    return GracefulClose();
  }
  if (ec) return Abort();
  stream_.next_layer().expires_never();
  request_keep_alive_ = parser_->get().keep_alive();
  pending_ = CallHandler();
  if (pending_.delay <= absl::ZeroDuration()) return ApplyResponse();
  delay_timer_.expires_after(absl::ToChronoNanoseconds(pending_.delay));
  delay_timer_.async_wait([self = shared_from_this()](error_code ec) {
    if (!ec) self->ApplyResponse();
  });
}

ServerResponse ServerSession::CallHandler() {
  ServerRequest request = ToServerRequest(parser_->release());
  try {
    return shared_->handler(request);
  } catch (const std::exception&) {
    // A throwing handler is a bug in the emulator; answer rather than
    // take the server thread down.
    return ServerResponse{500, {}, "handler failed"};
  }
}

void ServerSession::ApplyResponse() {
  if (closed_) return;
  switch (pending_.fault) {
    case ResponseFault::kNone:
      return Write(/*close_after=*/false, /*graceful=*/true);
    case ResponseFault::kResetConnection:
      return ResetConnection();
    case ResponseFault::kTruncateBody:
      return Write(/*close_after=*/true, /*graceful=*/false);
    case ResponseFault::kHang:
      return Hang();
    case ResponseFault::kSlowHeaders:
    case ResponseFault::kSlowBody:
      return WriteTrickled();
  }
}

void ServerSession::Write(bool close_after, bool graceful) {
  const bool truncate = pending_.fault == ResponseFault::kTruncateBody;
  response_.emplace(BuildResponse(pending_, request_keep_alive_, truncate));
  close_after = close_after || !response_->keep_alive();
  stream_.next_layer().expires_after(kWriteTimeout);
  beast_http::async_write(stream_, *response_,
                          [self = shared_from_this(), close_after, graceful](
                              error_code ec, size_t) {
                            self->AfterWrite(ec, close_after, graceful);
                          });
}

void ServerSession::AfterWrite(error_code ec, bool close_after,
                               bool graceful) {
  response_.reset();
  if (ec) return Abort();
  if (!close_after) return ReadRequest();
  if (graceful) return GracefulClose();
  Abort();
}

// Serializes the whole response, then writes it piece by piece: the
// trickled range in pieces of trickle_chunk_bytes, everything else at once,
// with a timer pause after each piece but the last. Each piece is its own
// TLS record, so a client sees the bytes arrive in that order.
void ServerSession::WriteTrickled() {
  response_.emplace(BuildResponse(pending_, request_keep_alive_, false));
  trickle_close_after_ = !response_->keep_alive();
  std::ostringstream out;
  out << *response_;
  wire_ = out.str();
  const size_t header_end = wire_.find("\r\n\r\n");
  const size_t body_begin =
      header_end == std::string::npos ? wire_.size() : header_end + 4;
  const bool slow_headers = pending_.fault == ResponseFault::kSlowHeaders;
  trickle_begin_ = slow_headers ? 0 : body_begin;
  trickle_end_ = slow_headers ? body_begin : wire_.size();
  wire_sent_ = 0;
  WriteNextPiece();
}

void ServerSession::WriteNextPiece() {
  if (closed_) return;
  if (wire_sent_ >= wire_.size()) {
    wire_.clear();
    return AfterWrite({}, trickle_close_after_, /*graceful=*/true);
  }
  size_t end = wire_.size();
  if (wire_sent_ < trickle_begin_) {
    end = trickle_begin_;
  } else if (wire_sent_ < trickle_end_) {
    end = std::min(trickle_end_,
                   wire_sent_ + std::max<size_t>(1, pending_.trickle_chunk_bytes));
  }
  stream_.next_layer().expires_after(kWriteTimeout);
  net::async_write(
      stream_, net::buffer(wire_.data() + wire_sent_, end - wire_sent_),
      [self = shared_from_this(), end](error_code ec, size_t) {
        if (ec) return self->AfterWrite(ec, true, false);
        self->wire_sent_ = end;
        if (end >= self->wire_.size() ||
            self->pending_.trickle_interval <= absl::ZeroDuration()) {
          return self->WriteNextPiece();
        }
        self->stream_.next_layer().expires_never();
        self->delay_timer_.expires_after(
            absl::ToChronoNanoseconds(self->pending_.trickle_interval));
        self->delay_timer_.async_wait([self](error_code wait_ec) {
          if (!wait_ec) self->WriteNextPiece();
        });
      });
}

// Keeps a read pending (discarding whatever arrives) so the session lives
// until the client gives up or the server stops, without answering.
void ServerSession::Hang() {
  if (closed_) return;
  stream_.next_layer().expires_never();
  stream_.async_read_some(net::buffer(drain_),
                          [self = shared_from_this()](error_code ec, size_t) {
                            if (ec) return self->Abort();
                            self->Hang();
                          });
}

// SO_LINGER with a zero timeout makes close() send RST instead of FIN.
void ServerSession::ResetConnection() {
  error_code ignored;
  stream_.next_layer().socket().set_option(net::socket_base::linger(true, 0),
                                           ignored);
  Abort();
}

void ServerSession::GracefulClose() {
  if (closed_) return;
  stream_.next_layer().expires_after(kShutdownTimeout);
  // Whatever the outcome (stream_truncated is common), the socket goes.
  stream_.async_shutdown(
      [self = shared_from_this()](error_code) { self->Abort(); });
}

void ServerSession::Abort() {
  closed_ = true;
  delay_timer_.cancel();
  stream_.next_layer().close();
}

void ServerSession::Close() {
  net::dispatch(stream_.get_executor(),
                [self = shared_from_this()] { self->Abort(); });
}

}  // namespace guestinvitation::emulator
