// Added latency: which latency rule applies to a request, and a seeded draw
// from its distribution (fixed, or log-normal with a uniform tail).
#ifndef GUESTINVITATION_TOOLS_GRAPH_EMULATOR_LATENCY_H_
#define GUESTINVITATION_TOOLS_GRAPH_EMULATOR_LATENCY_H_

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "tools/graph_emulator/emulator_config.h"

namespace guestinvitation::emulator {

// The first rule matching the request, or nullptr.
const LatencyRule* FindLatencyRule(const std::vector<LatencyRule>& rules,
                                   const std::string& method,
                                   const std::string& path);

class LatencySampler {
 public:
  void Seed(uint64_t seed);
  // One draw; a fixed rule draws nothing from the generator. Never
  // negative, never above the config's 10-minute cap.
  absl::Duration Sample(const LatencyRule& rule);

 private:
  double StandardNormal();
  std::mt19937_64 rng_{0};
};

}  // namespace guestinvitation::emulator

#endif  // GUESTINVITATION_TOOLS_GRAPH_EMULATOR_LATENCY_H_
