#include "tools/graph_emulator/batch_random.h"

#include <utility>

#include "tools/graph_emulator/seeded_random.h"

namespace guestinvitation::emulator {

void BatchRandom::Rearm(uint64_t seed) {
  rng_.seed(seed ^ 0xB5AD4ECEDA1CE2A9ULL);
}

bool BatchRandom::Chance(double probability) {
  return ChanceDraw(rng_, probability);
}

void BatchRandom::Shuffle(std::vector<size_t>* order) {
  for (size_t i = order->size(); i > 1; --i) {
    size_t j = static_cast<size_t>(rng_() % i);
    std::swap((*order)[i - 1], (*order)[j]);
  }
}

}  // namespace guestinvitation::emulator
