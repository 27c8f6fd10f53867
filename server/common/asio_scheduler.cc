#include "server/common/asio_scheduler.h"

#include <memory>

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include "absl/time/clock.h"

namespace guestinvitation {

absl::Time AsioScheduler::Now() { return absl::Now(); }

void AsioScheduler::RunAfter(absl::Duration delay, std::function<void()> fn) {
  if (delay <= absl::ZeroDuration()) {
    boost::asio::post(io_, std::move(fn));
    return;
  }
  auto timer = std::make_shared<boost::asio::steady_timer>(
      io_, absl::ToChronoNanoseconds(delay));
  timer->async_wait([timer, fn = std::move(fn)](boost::system::error_code ec) {
    if (!ec) fn();
  });
}

}  // namespace guestinvitation
