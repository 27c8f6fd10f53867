#include "tools/graph_emulator/latency.h"

#include <algorithm>
#include <cmath>

#include "tools/graph_emulator/seeded_random.h"

namespace guestinvitation::emulator {
namespace {

// The standard normal's 99th percentile: p99 = median * exp(kZ99 * sigma).
constexpr double kZ99 = 2.3263478740408408;
constexpr double kMaxMs = 10 * 60 * 1000;
constexpr double kPi = 3.14159265358979323846;

}  // namespace

const LatencyRule* FindLatencyRule(const std::vector<LatencyRule>& rules,
                                   const std::string& method,
                                   const std::string& path) {
  for (const LatencyRule& rule : rules) {
    if (rule.match.Matches(method, path)) return &rule;
  }
  return nullptr;
}

void LatencySampler::Seed(uint64_t seed) {
  // Its own stream, so latency draws do not shift fault or id decisions.
  rng_.seed(seed ^ 0xD1B54A32D192ED03ULL);
}

// Box-Muller from two platform-independent uniforms.
double LatencySampler::StandardNormal() {
  const double u1 = 1.0 - UnitDraw(rng_);  // (0, 1]: log() stays finite
  const double u2 = UnitDraw(rng_);
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * kPi * u2);
}

absl::Duration LatencySampler::Sample(const LatencyRule& rule) {
  if (rule.distribution == LatencyDistribution::kFixed) return rule.delay;
  double ms;
  if (ChanceDraw(rng_, rule.tail_probability)) {
    ms = rule.tail_min_ms +
         UnitDraw(rng_) * (rule.tail_max_ms - rule.tail_min_ms);
  } else {
    const double sigma = std::log(rule.p99_ms / rule.median_ms) / kZ99;
    ms = rule.median_ms * std::exp(sigma * StandardNormal());
  }
  return absl::Microseconds(
      std::llround(std::clamp(ms, 0.0, kMaxMs) * 1000.0));
}

}  // namespace guestinvitation::emulator
