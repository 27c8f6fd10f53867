// The keep-alive pool for one origin (host:port): at most
// max_connections_per_host open, a FIFO of requests waiting for one, and up
// to max_idle_per_host idle connections that close after idle_timeout.
// All pool state lives on the pool's strand; connections do their I/O on
// their own strands.
#ifndef GUESTINVITATION_SERVER_HTTP_HOST_POOL_H_
#define GUESTINVITATION_SERVER_HTTP_HOST_POOL_H_

#include <boost/asio/steady_timer.hpp>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/http/connection.h"
#include "server/http/transport_context.h"
#include "server/http/url.h"

namespace guestinvitation::http {

struct Lease {
  std::shared_ptr<Connection> connection;
  bool reused = false;  // an idle keep-alive connection, already open
};
using LeaseCallback = std::function<void(absl::StatusOr<Lease>)>;

// What to do with a connection a request is done with.
enum class AfterUse { kKeep, kCloseGracefully, kAbort };

class HostPool : public std::enable_shared_from_this<HostPool> {
 public:
  HostPool(std::shared_ptr<TransportContext> ctx, Origin origin);

  // Any thread; never calls `cb` inline. On success `cb` runs on the
  // connection's strand (a new connection is not opened yet: the caller
  // opens it); on failure (deadline while queued, shutdown) it runs on the
  // pool strand with a kNotSent status.
  void Acquire(absl::Time deadline, LeaseCallback cb);
  // Any thread. Every leased connection comes back exactly once.
  void Release(std::shared_ptr<Connection> connection, AfterUse after);
  // For the one stale-connection retry: aborts `old` and returns a new,
  // unopened connection that takes over its slot (the open count is
  // unchanged, so the retry never queues behind other requests).
  std::shared_ptr<Connection> Replace(const std::shared_ptr<Connection>& old);
  // Fails waiters with CANCELLED, closes idle connections, and closes every
  // connection released afterwards.
  void Shutdown();

 private:
  struct Waiter {
    uint64_t id = 0;
    LeaseCallback cb;
    std::unique_ptr<boost::asio::steady_timer> timer;  // null: no deadline
  };

  std::shared_ptr<Connection> MakeConnection() const;
  void Enqueue(absl::Time deadline, LeaseCallback cb);
  void ServeWaiters();
  std::shared_ptr<Connection> TakeLiveIdle();
  void OnWaitExpired(uint64_t id);
  void Keep(std::shared_ptr<Connection> connection);
  void OnIdleExpired(const std::shared_ptr<Connection>& connection,
                     uint64_t generation);
  void Discard(const std::shared_ptr<Connection>& connection,
               Connection::CloseMode mode);
  void TrimIdle();
  void DoShutdown();

  const std::shared_ptr<TransportContext> ctx_;
  const Origin origin_;
  Strand strand_;
  // Strand-only state.
  std::deque<std::shared_ptr<Connection>> idle_;  // most recently used last
  std::deque<Waiter> waiters_;
  size_t open_ = 0;  // idle + leased
  uint64_t next_waiter_id_ = 0;
  bool shut_down_ = false;
};

}  // namespace guestinvitation::http

#endif  // GUESTINVITATION_SERVER_HTTP_HOST_POOL_H_
