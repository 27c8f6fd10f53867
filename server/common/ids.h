// Random identifiers: RFC 4122 version-4 UUIDs from OpenSSL's CSPRNG.
#ifndef GUESTINVITATION_SERVER_COMMON_IDS_H_
#define GUESTINVITATION_SERVER_COMMON_IDS_H_

#include <array>
#include <cstdint>
#include <string>

namespace guestinvitation {

// "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx", lower-case hex. Thread-safe.
// Used by the server (client-request-id, ids) and by guestctl (AIP-155
// request_id), so it lives in its own small library, gi_ids.
std::string NewUuid();

// 16 bytes as a version-4 UUID: the version and variant bits are forced,
// the rest is copied. Exposed for tests.
std::string FormatUuidV4(std::array<uint8_t, 16> bytes);

}  // namespace guestinvitation

#endif  // GUESTINVITATION_SERVER_COMMON_IDS_H_
