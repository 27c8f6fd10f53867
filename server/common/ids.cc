#include "server/common/ids.h"

#include <openssl/rand.h>

#include <random>

#include "absl/strings/str_format.h"

namespace guestinvitation {

std::string NewUuid() {
  std::array<uint8_t, 16> b{};
  if (RAND_bytes(b.data(), static_cast<int>(b.size())) != 1) {
    // The CSPRNG failing is near impossible; ids stay unique enough for
    // correlation from a per-thread generator.
    thread_local std::mt19937_64 gen{std::random_device{}()};
    for (auto& x : b) x = static_cast<uint8_t>(gen());
  }
  return FormatUuidV4(b);
}

std::string FormatUuidV4(std::array<uint8_t, 16> b) {
  b[6] = (b[6] & 0x0f) | 0x40;  // version 4
  b[8] = (b[8] & 0x3f) | 0x80;  // RFC 4122 variant
  return absl::StrFormat(
      "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
      b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11],
      b[12], b[13], b[14], b[15]);
}

}  // namespace guestinvitation
