// Percent-encoding for URL query values and x-www-form-urlencoded bodies.
#ifndef GUESTINVITATION_SERVER_AUTH_FORM_ENCODING_H_
#define GUESTINVITATION_SERVER_AUTH_FORM_ENCODING_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"

namespace guestinvitation::auth {

using FormParams = std::vector<std::pair<std::string, std::string>>;

// Encodes every byte except RFC 3986 unreserved characters
// (A-Z a-z 0-9 - . _ ~) as %XX. Safe in a query value, a path segment and
// a form field alike, so one function serves all three.
std::string PercentEncode(absl::string_view text);

// "k1=v1&k2=v2" with keys and values percent-encoded, in the given order.
std::string FormEncode(const FormParams& params);

}  // namespace guestinvitation::auth

#endif  // GUESTINVITATION_SERVER_AUTH_FORM_ENCODING_H_
