// The human rendering of a failed call, for stderr.
#ifndef GUESTINVITATION_CLIENT_GUESTCTL_ERROR_FORMAT_H_
#define GUESTINVITATION_CLIENT_GUESTCTL_ERROR_FORMAT_H_

#include <string>

#include "client/error_details.h"

namespace guestinvitation::guestctl {

// error: INVALID_ARGUMENT (INVALID_EMAIL): <message>
//   - invited_user_email_address: <description>
//   retry after: 2.5s
//   graph_request_id: <id>
// The reason is left out when the server sent none; metadata helps
// support find the Graph request behind a failure.
std::string FormatErrorText(const client::RichError& error);

}  // namespace guestinvitation::guestctl

#endif  // GUESTINVITATION_CLIENT_GUESTCTL_ERROR_FORMAT_H_
