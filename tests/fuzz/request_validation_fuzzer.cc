// Caller input: any bytes a client can send as a CreateInvitationRequest,
// and raw strings through the field rules. Validation must never crash and
// must never accept a value Graph forbids.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "server/service/field_rules.h"
#include "server/service/request_validation.h"

using namespace guestinvitation;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  v1::CreateInvitationRequest request;
  if (request.ParseFromString(text)) {
    (void)ValidateCreateInvitationRequest(request);
  }
  if (!CheckEmail(text).has_value()) {
    // Invariants of an accepted address.
    if (text.size() > kMaxEmailLength || text.find_first_of(" ,;<>\"\\()") != std::string::npos) {
      std::abort();
    }
  }
  (void)CheckRedirectUrl(text);
  (void)CheckLanguageTag(text);
  (void)CheckText(text, 256, true);
  (void)IsGuid(text);
  return 0;
}
