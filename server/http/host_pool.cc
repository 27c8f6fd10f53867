#include "server/http/host_pool.h"

#include <algorithm>
#include <boost/asio/post.hpp>
#include <utility>

#include "absl/strings/str_cat.h"
#include "server/http/step_budget.h"
#include "server/http/transport_error.h"

namespace guestinvitation::http {
namespace net = boost::asio;

HostPool::HostPool(std::shared_ptr<TransportContext> ctx, Origin origin)
    : ctx_(std::move(ctx)),
      origin_(std::move(origin)),
      strand_(net::make_strand(ctx_->io)) {}

std::shared_ptr<Connection> HostPool::MakeConnection() const {
  return std::make_shared<Connection>(ctx_, origin_, strand_);
}

void HostPool::Acquire(absl::Time deadline, LeaseCallback cb) {
  net::post(strand_, [self = shared_from_this(), deadline,
                      cb = std::move(cb)]() mutable {
    if (self->shut_down_) {
      return cb(TransportError(absl::StatusCode::kCancelled,
                               "HTTP transport is shutting down",
                               SendState::kNotSent));
    }
    if (absl::Now() >= deadline) {
      return cb(TransportError(absl::StatusCode::kDeadlineExceeded,
                               "request deadline expired before sending",
                               SendState::kNotSent));
    }
    self->Enqueue(deadline, std::move(cb));
  });
}

// Every request queues, even briefly, so the FIFO order is the only order.
void HostPool::Enqueue(absl::Time deadline, LeaseCallback cb) {
  Waiter waiter{++next_waiter_id_, std::move(cb), nullptr};
  if (deadline != absl::InfiniteFuture()) {
    waiter.timer = std::make_unique<net::steady_timer>(strand_);
    waiter.timer->expires_after(
        ComputeStepBudget(absl::Now(), deadline, absl::InfiniteDuration())
            .ToChrono());
    waiter.timer->async_wait([self = shared_from_this(),
                              id = waiter.id](boost::system::error_code ec) {
      if (!ec) self->OnWaitExpired(id);
    });
  }
  waiters_.push_back(std::move(waiter));
  ServeWaiters();
}

void HostPool::ServeWaiters() {
  while (!waiters_.empty()) {
    Lease lease{TakeLiveIdle(), true};
    if (!lease.connection) {
      if (open_ >= ctx_->options.max_connections_per_host) return;
      ++open_;
      lease = Lease{MakeConnection(), false};
    }
    Waiter waiter = std::move(waiters_.front());
    waiters_.pop_front();
    if (waiter.timer) waiter.timer->cancel();
    const Strand& conn_strand = lease.connection->strand();
    net::post(conn_strand,
              [cb = std::move(waiter.cb), lease = std::move(lease)]() mutable {
                cb(std::move(lease));
              });
  }
}

std::shared_ptr<Connection> HostPool::TakeLiveIdle() {
  while (!idle_.empty()) {
    std::shared_ptr<Connection> connection = std::move(idle_.back());
    idle_.pop_back();
    connection->idle_timer().cancel();
    if (!connection->PeerClosed()) return connection;
    Discard(connection, Connection::CloseMode::kAbort);
  }
  return nullptr;
}

void HostPool::OnWaitExpired(uint64_t id) {
  auto it = std::find_if(waiters_.begin(), waiters_.end(),
                         [id](const Waiter& w) { return w.id == id; });
  if (it == waiters_.end()) return;  // served just before the timer ran
  LeaseCallback cb = std::move(it->cb);
  waiters_.erase(it);
  cb(TransportError(
      absl::StatusCode::kDeadlineExceeded,
      absl::StrCat("request deadline expired while waiting for a connection "
                   "to ",
                   origin_.Key(), " (pool limit ",
                   ctx_->options.max_connections_per_host, ")"),
      SendState::kNotSent));
}

void HostPool::Release(std::shared_ptr<Connection> connection, AfterUse after) {
  net::post(strand_, [self = shared_from_this(),
                      connection = std::move(connection), after]() mutable {
    if (after == AfterUse::kKeep && !self->shut_down_) {
      self->Keep(std::move(connection));
    } else {
      self->Discard(connection, after == AfterUse::kAbort
                                    ? Connection::CloseMode::kAbort
                                    : Connection::CloseMode::kGraceful);
    }
    self->ServeWaiters();
    self->TrimIdle();
  });
}

void HostPool::Keep(std::shared_ptr<Connection> connection) {
  const uint64_t generation = ++connection->idle_generation;
  connection->idle_timer().expires_after(
      ComputeStepBudget(absl::Now(), absl::InfiniteFuture(),
                        ctx_->options.idle_timeout)
          .ToChrono());
  connection->idle_timer().async_wait(
      [self = shared_from_this(), connection,
       generation](boost::system::error_code ec) {
        if (!ec) self->OnIdleExpired(connection, generation);
      });
  idle_.push_back(std::move(connection));
}

void HostPool::OnIdleExpired(const std::shared_ptr<Connection>& connection,
                             uint64_t generation) {
  // A stale timer (the connection was leased and came back since) is
  // recognised by its generation.
  if (connection->idle_generation != generation) return;
  auto it = std::find(idle_.begin(), idle_.end(), connection);
  if (it == idle_.end()) return;
  idle_.erase(it);
  Discard(connection, Connection::CloseMode::kGraceful);
}

void HostPool::Discard(const std::shared_ptr<Connection>& connection,
                       Connection::CloseMode mode) {
  --open_;
  connection->Close(mode);
}

// Oldest idle connections go first: the newest are least likely to have
// been closed by the server.
void HostPool::TrimIdle() {
  while (idle_.size() > ctx_->options.max_idle_per_host) {
    std::shared_ptr<Connection> oldest = std::move(idle_.front());
    idle_.pop_front();
    oldest->idle_timer().cancel();
    Discard(oldest, Connection::CloseMode::kGraceful);
  }
}

std::shared_ptr<Connection> HostPool::Replace(
    const std::shared_ptr<Connection>& old) {
  old->Close(Connection::CloseMode::kAbort);
  return MakeConnection();
}

void HostPool::Shutdown() {
  net::post(strand_, [self = shared_from_this()] { self->DoShutdown(); });
}

void HostPool::DoShutdown() {
  shut_down_ = true;
  std::deque<Waiter> waiters = std::move(waiters_);
  waiters_.clear();
  for (Waiter& waiter : waiters) {
    if (waiter.timer) waiter.timer->cancel();
    waiter.cb(TransportError(absl::StatusCode::kCancelled,
                             "HTTP transport shut down while the request "
                             "waited for a connection",
                             SendState::kNotSent));
  }
  while (!idle_.empty()) {
    std::shared_ptr<Connection> connection = std::move(idle_.back());
    idle_.pop_back();
    connection->idle_timer().cancel();
    Discard(connection, Connection::CloseMode::kGraceful);
  }
}

}  // namespace guestinvitation::http
