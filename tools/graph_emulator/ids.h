// Identifiers the emulator hands out (object ids, tokens, redeem tickets).
// They come from a seeded generator so that a run with the same seed and the
// same request sequence produces the same ids, which keeps test failures
// reproducible.
#ifndef GUESTINVITATION_TOOLS_GRAPH_EMULATOR_IDS_H_
#define GUESTINVITATION_TOOLS_GRAPH_EMULATOR_IDS_H_

#include <cstdint>
#include <random>
#include <string>

namespace guestinvitation::emulator {

class IdGenerator {
 public:
  explicit IdGenerator(uint64_t seed) : rng_(seed) {}

  // A random (version 4 shaped) GUID in Graph's lowercase 8-4-4-4-12 form.
  std::string NewGuid();
  // `bytes` random bytes as lowercase hex.
  std::string NewHex(int bytes);
  // `length` characters from the URL-safe base64 alphabet.
  std::string NewToken(int length);

 private:
  std::mt19937_64 rng_;
};

// The same formats from a non-deterministic source, for credentials that
// must not be guessable from a seed.
std::string RandomGuid();
std::string RandomSecret(int length);

// True for a GUID in 8-4-4-4-12 hex form (any case).
bool LooksLikeGuid(const std::string& text);

}  // namespace guestinvitation::emulator

#endif  // GUESTINVITATION_TOOLS_GRAPH_EMULATOR_IDS_H_
