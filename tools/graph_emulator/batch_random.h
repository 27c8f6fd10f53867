// The seeded choices of JSON batching: the shuffled response order and the
// "applied but reported 429" items. Its own stream, so batching does not
// shift ids or fault decisions.
#ifndef GUESTINVITATION_TOOLS_GRAPH_EMULATOR_BATCH_RANDOM_H_
#define GUESTINVITATION_TOOLS_GRAPH_EMULATOR_BATCH_RANDOM_H_

#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

namespace guestinvitation::emulator {

class BatchRandom {
 public:
  void Rearm(uint64_t seed);
  // True with `probability` (0 never draws, 1 always true).
  bool Chance(double probability);
  // Fisher-Yates with a plain modulo, so the order is the same on every
  // standard library (std::shuffle's is implementation-defined).
  void Shuffle(std::vector<size_t>* order);

 private:
  std::mt19937_64 rng_{0};
};

}  // namespace guestinvitation::emulator

#endif  // GUESTINVITATION_TOOLS_GRAPH_EMULATOR_BATCH_RANDOM_H_
