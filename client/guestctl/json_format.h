// JSON renderings for --output=json: responses through protobuf's JSON
// mapping with the proto field names kept (scripts read
// "invited_user_id", not "invitedUserId"), and failures as an "error"
// object.
#ifndef GUESTINVITATION_CLIENT_GUESTCTL_JSON_FORMAT_H_
#define GUESTINVITATION_CLIENT_GUESTCTL_JSON_FORMAT_H_

#include <string>

#include "client/error_details.h"
#include "google/protobuf/message.h"

namespace guestinvitation::guestctl {

// One line of JSON. Fields at their default value are printed too, so a
// script sees the same keys whatever the values.
std::string MessageToJson(const google::protobuf::Message& message);

// {"error":{"code":"INVALID_ARGUMENT","reason":...,"message":...,
//  "domain":...,"field_violations":[{"field":...,"description":...}],
//  "metadata":{...},"retry_delay":"2.5s"}}; the last three only when
// present.
std::string ErrorToJson(const client::RichError& error);

}  // namespace guestinvitation::guestctl

#endif  // GUESTINVITATION_CLIENT_GUESTCTL_JSON_FORMAT_H_
