// Platform-independent draws from a seeded std::mt19937_64 (the standard
// distributions are implementation-defined, so runs would differ between
// standard libraries).
#ifndef GUESTINVITATION_TOOLS_GRAPH_EMULATOR_SEEDED_RANDOM_H_
#define GUESTINVITATION_TOOLS_GRAPH_EMULATOR_SEEDED_RANDOM_H_

#include <cstdint>
#include <random>

#include "tools/graph_emulator/emulator_config.h"

namespace guestinvitation::emulator {

// 53 random bits as a double in [0, 1).
inline double UnitDraw(std::mt19937_64& rng) {
  return static_cast<double>(rng() >> 11) * 0x1.0p-53;
}

// True with `probability` (always for >= 1, never for <= 0).
inline bool ChanceDraw(std::mt19937_64& rng, double probability) {
  if (probability >= 1.0) return true;
  if (probability <= 0.0) return false;
  return UnitDraw(rng) < probability;
}

// One of the four Retry-After forms, evenly (the "mix" setting of
// throttling and chaos).
inline RetryAfterForm RetryAfterFormDraw(std::mt19937_64& rng) {
  static constexpr RetryAfterForm kForms[] = {
      RetryAfterForm::kInteger, RetryAfterForm::kFractional,
      RetryAfterForm::kHttpDate, RetryAfterForm::kAbsent};
  return kForms[rng() % 4];
}

}  // namespace guestinvitation::emulator

#endif  // GUESTINVITATION_TOOLS_GRAPH_EMULATOR_SEEDED_RANDOM_H_
