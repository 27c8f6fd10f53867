#include "server/retry/random_source.h"

#include <algorithm>
#include <memory>
#include <mutex>
#include <random>

namespace guestinvitation::retry {
namespace {

struct LockedEngine {
  std::mutex mu;
  std::mt19937_64 engine;  // guarded by mu
};

}  // namespace

RandomSource DefaultRandomSource() {
  auto state = std::make_shared<LockedEngine>();
  std::random_device device;
  std::seed_seq seed{device(), device(), device(), device()};
  state->engine.seed(seed);
  return [state] {
    std::uniform_real_distribution<double> dist(0.0, 1.0);
    std::lock_guard<std::mutex> lock(state->mu);
    return dist(state->engine);
  };
}

RandomSource FixedRandomSource(double value) {
  const double clamped = std::clamp(value, 0.0, 1.0);
  return [clamped] { return clamped; };
}

}  // namespace guestinvitation::retry
