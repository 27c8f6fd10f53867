// Human-readable renderings of responses, one "key: value" per line so the
// output also greps well.
#ifndef GUESTINVITATION_CLIENT_GUESTCTL_TEXT_FORMAT_H_
#define GUESTINVITATION_CLIENT_GUESTCTL_TEXT_FORMAT_H_

#include <string>

#include "absl/strings/string_view.h"
#include "google/protobuf/repeated_ptr_field.h"
#include "guestinvitation/v1/guest_invitation.pb.h"

namespace guestinvitation::guestctl {

namespace v1 = ::guestinvitation::v1;
using GroupResults = google::protobuf::RepeatedPtrField<v1::GroupResult>;

// The enum value name without its type prefix: "PENDING_ACCEPTANCE".
std::string ShortEnumName(absl::string_view full_name,
                          absl::string_view prefix);

std::string FormatInvitation(const v1::Invitation& invitation);
// One line per group: "group ID: ADDED" or
// "group ID: FAILED NOT_FOUND (GROUP_NOT_FOUND): message".
std::string FormatGroupResults(const GroupResults& results);
std::string FormatGuest(const v1::Guest& guest);
// An aligned table with a header row; "no guests" when empty.
std::string FormatGuestTable(
    const google::protobuf::RepeatedPtrField<v1::Guest>& guests);

}  // namespace guestinvitation::guestctl

#endif  // GUESTINVITATION_CLIENT_GUESTCTL_TEXT_FORMAT_H_
