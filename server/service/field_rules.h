// Checks for single request fields. Each returns nullopt when the value is
// acceptable, else a description for google.rpc.BadRequest that never
// echoes the value itself (input may be hostile or personal data).
#ifndef GUESTINVITATION_SERVER_SERVICE_FIELD_RULES_H_
#define GUESTINVITATION_SERVER_SERVICE_FIELD_RULES_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace guestinvitation {

inline constexpr size_t kMaxEmailLength = 254;
inline constexpr size_t kMaxLocalPartLength = 64;
inline constexpr size_t kMaxUrlLength = 2048;
inline constexpr size_t kMaxDisplayNameLength = 256;
inline constexpr size_t kMaxMessageBodyLength = 10000;
inline constexpr size_t kMaxLanguageTagLength = 35;
inline constexpr size_t kMaxGroupIds = 20;
inline constexpr size_t kMaxSponsors = 5;
inline constexpr size_t kMaxCcRecipients = 1;

// Graph's rules for invitedUserEmailAddress plus RFC 5321 lengths.
std::optional<std::string> CheckEmail(absl::string_view email);

// Absolute https URL (http only for loopback hosts), no user-info, no
// whitespace or control characters, bounded length.
std::optional<std::string> CheckRedirectUrl(absl::string_view url);

// A GUID in 8-4-4-4-12 hex form.
bool IsGuid(absl::string_view text);

// Free text shown to people: bounded, no control characters except
// newline/tab when `multiline`.
std::optional<std::string> CheckText(absl::string_view text, size_t max_len,
                                     bool multiline);

// ISO 639 language tag such as "en" or "en-US".
std::optional<std::string> CheckLanguageTag(absl::string_view tag);

}  // namespace guestinvitation

#endif  // GUESTINVITATION_SERVER_SERVICE_FIELD_RULES_H_
