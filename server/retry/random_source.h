// Injectable source of uniform random numbers, so backoff jitter is
// deterministic in tests and thread-safe in the server.
#ifndef GUESTINVITATION_SERVER_RETRY_RANDOM_SOURCE_H_
#define GUESTINVITATION_SERVER_RETRY_RANDOM_SOURCE_H_

#include <functional>

namespace guestinvitation::retry {

// Returns a value in [0, 1]. Must be callable from any thread.
using RandomSource = std::function<double()>;

// A mutex-guarded mt19937_64 seeded from std::random_device. Each call of
// this function returns a source with its own generator.
RandomSource DefaultRandomSource();

// Always returns `value` (clamped to [0, 1]); for tests.
RandomSource FixedRandomSource(double value);

}  // namespace guestinvitation::retry

#endif  // GUESTINVITATION_SERVER_RETRY_RANDOM_SOURCE_H_
