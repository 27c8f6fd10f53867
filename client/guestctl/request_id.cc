#include "client/guestctl/request_id.h"

#include <random>

#include "absl/strings/str_cat.h"

namespace guestinvitation::guestctl {

FlagSpec RequestIdFlag() {
  return {"request-id", "UUID",
          "Idempotency key; a retry with the same one is not done twice "
          "(default: a new UUID, printed on stderr)"};
}

std::string FormatUuidV4(std::array<uint8_t, 16> bytes) {
  bytes[6] = static_cast<uint8_t>((bytes[6] & 0x0f) | 0x40);  // version 4
  bytes[8] = static_cast<uint8_t>((bytes[8] & 0x3f) | 0x80);  // RFC 4122
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[bytes[i] >> 4]);
    out.push_back(kHex[bytes[i] & 0x0f]);
  }
  return out;
}

std::string NewRandomRequestId() {
  // One id per process: std::random_device (the OS source) directly, no
  // need for a seeded engine.
  std::random_device source;
  std::array<uint8_t, 16> bytes{};
  for (size_t i = 0; i < bytes.size(); i += 4) {
    const uint32_t word = source();
    for (size_t j = 0; j < 4; ++j) {
      bytes[i + j] = static_cast<uint8_t>(word >> (8 * j));
    }
  }
  return FormatUuidV4(bytes);
}

std::string TakeRequestId(CommandContext& context) {
  if (context.flags.Has("request-id")) {
    return context.flags.Value("request-id");
  }
  std::string id = context.new_request_id();
  context.printer.Note(absl::StrCat(
      "request_id: ", id, " (to retry safely, pass --request-id=", id, ")"));
  return id;
}

}  // namespace guestinvitation::guestctl
