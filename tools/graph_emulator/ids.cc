#include "tools/graph_emulator/ids.h"

#include <cctype>

#include "absl/strings/ascii.h"

namespace guestinvitation::emulator {
namespace {

constexpr char kHex[] = "0123456789abcdef";
constexpr char kUrlSafe[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// Formats 16 bytes as a GUID, stamping the version/variant bits so the ids
// look like the v4 GUIDs Graph returns.
std::string FormatGuid(uint64_t hi, uint64_t lo) {
  hi = (hi & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL;
  lo = (lo & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;
  std::string out;
  out.reserve(36);
  for (int i = 0; i < 32; ++i) {
    if (i == 8 || i == 12 || i == 16 || i == 20) out.push_back('-');
    uint64_t word = i < 16 ? hi : lo;
    int shift = 60 - 4 * (i % 16);
    out.push_back(kHex[(word >> shift) & 0xF]);
  }
  return out;
}

template <typename Engine>
std::string Chars(Engine& engine, int length, const char* alphabet,
                  int alphabet_size) {
  std::string out;
  out.reserve(length);
  for (int i = 0; i < length; ++i) {
    out.push_back(alphabet[engine() % alphabet_size]);
  }
  return out;
}

}  // namespace

std::string IdGenerator::NewGuid() {
  uint64_t hi = rng_();
  uint64_t lo = rng_();
  return FormatGuid(hi, lo);
}

std::string IdGenerator::NewHex(int bytes) {
  return Chars(rng_, bytes * 2, kHex, 16);
}

std::string IdGenerator::NewToken(int length) {
  return Chars(rng_, length, kUrlSafe, 64);
}

std::string RandomGuid() {
  std::random_device device;
  std::mt19937_64 engine((static_cast<uint64_t>(device()) << 32) ^ device());
  uint64_t hi = engine();
  uint64_t lo = engine();
  return FormatGuid(hi, lo);
}

std::string RandomSecret(int length) {
  // Entra client secrets use letters, digits and "~._-"; using the same
  // alphabet exercises the callers' form encoding the same way.
  static constexpr char kSecretChars[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789~._-";
  std::random_device device;
  std::string out;
  out.reserve(length);
  for (int i = 0; i < length; ++i) {
    out.push_back(kSecretChars[device() % (sizeof(kSecretChars) - 1)]);
  }
  return out;
}

bool LooksLikeGuid(const std::string& text) {
  if (text.size() != 36) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    bool dash_position = i == 8 || i == 13 || i == 18 || i == 23;
    char c = text[i];
    if (dash_position ? c != '-'
                      : !absl::ascii_isxdigit(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return true;
}

}  // namespace guestinvitation::emulator
