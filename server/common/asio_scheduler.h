// Scheduler backed by a Boost.Asio io_context (steady timers).
#ifndef GUESTINVITATION_SERVER_COMMON_ASIO_SCHEDULER_H_
#define GUESTINVITATION_SERVER_COMMON_ASIO_SCHEDULER_H_

#include <boost/asio/io_context.hpp>

#include "server/common/scheduler.h"

namespace guestinvitation {

class AsioScheduler : public Scheduler {
 public:
  explicit AsioScheduler(boost::asio::io_context& io) : io_(io) {}
  absl::Time Now() override;
  void RunAfter(absl::Duration delay, std::function<void()> fn) override;

 private:
  boost::asio::io_context& io_;
};

}  // namespace guestinvitation

#endif  // GUESTINVITATION_SERVER_COMMON_ASIO_SCHEDULER_H_
