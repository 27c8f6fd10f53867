// Random identifiers: RFC 4122 version-4 UUIDs from OpenSSL's CSPRNG.
#ifndef GUESTINVITATION_SERVER_COMMON_IDS_H_
#define GUESTINVITATION_SERVER_COMMON_IDS_H_

#include <string>

namespace guestinvitation {

// "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx", lower-case hex. Thread-safe.
std::string NewUuid();

}  // namespace guestinvitation

#endif  // GUESTINVITATION_SERVER_COMMON_IDS_H_
