// Edge validation: every request is checked here before anything is sent to
// Graph. A failure is INVALID_ARGUMENT with one google.rpc.BadRequest field
// violation per problem and ErrorInfo reason REQUEST_INVALID.
#ifndef GUESTINVITATION_SERVER_SERVICE_REQUEST_VALIDATION_H_
#define GUESTINVITATION_SERVER_SERVICE_REQUEST_VALIDATION_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "google/rpc/error_details.pb.h"
#include "guestinvitation/v1/guest_invitation.pb.h"

namespace guestinvitation {

// Collects field violations; Status() is OK when there are none.
class FieldViolations {
 public:
  void Add(const std::string& field, const std::string& description);
  void AddIf(const std::string& field, const std::optional<std::string>& v) {
    if (v.has_value()) Add(field, *v);
  }
  bool empty() const { return bad_request_.field_violations_size() == 0; }
  absl::Status Status() const;

 private:
  google::rpc::BadRequest bad_request_;
};

absl::Status ValidateCreateInvitationRequest(
    const guestinvitation::v1::CreateInvitationRequest& request);

// Adds the CreateInvitation rules to `violations`, with field paths under
// `prefix` (e.g. "invitation." for bulk rows).
void CheckCreateInvitationRequest(
    const guestinvitation::v1::CreateInvitationRequest& request,
    const std::string& prefix, FieldViolations& violations);

// request_id: empty, or a UUID.
std::optional<std::string> CheckRequestId(const std::string& request_id);

}  // namespace guestinvitation

#endif  // GUESTINVITATION_SERVER_SERVICE_REQUEST_VALIDATION_H_
