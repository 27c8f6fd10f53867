// Pure conversions between the API's protos and Graph's JSON. No I/O, no
// logging; golden-tested. Parsers accept everything Graph has been seen to
// send (nulls anywhere, the old beta invitedUser array, the ccRecipients
// placeholder, unknown enum strings) and reject only what leaves us without
// the one value we must have. Error messages describe structure only: they
// never quote the body, which may hold a redeem URL.
#ifndef GUESTINVITATION_SERVER_GRAPH_GRAPH_JSON_H_
#define GUESTINVITATION_SERVER_GRAPH_GRAPH_JSON_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "guestinvitation/v1/guest_invitation.pb.h"
#include "server/graph/graph_client.h"

namespace guestinvitation::graph {

// The POST /invitations body. Optional fields appear only when set;
// sendInvitationMessage is always explicit, because "no email" must never
// depend on Graph's default. With `reset_redemption_user_id`, adds
// resetRedemption=true and invitedUser.id.
std::string BuildInvitationBody(
    const guestinvitation::v1::CreateInvitationRequest& request,
    const std::optional<std::string>& reset_redemption_user_id);

// {"@odata.id": "<directory object URL>"} for POST .../members/$ref.
std::string BuildMemberRefBody(absl::string_view directory_object_url);

// {"accountEnabled": enabled} for PATCH /users/{id}.
std::string BuildAccountEnabledBody(bool enabled);

// A 201 invitation. INVALID_ARGUMENT when the body is not a JSON object or
// has no invitedUser.id (object, or array of objects in old beta).
absl::StatusOr<guestinvitation::v1::Invitation> ParseInvitation(
    absl::string_view body);

// One user object. INVALID_ARGUMENT when not an object or without id.
absl::StatusOr<guestinvitation::v1::Guest> ParseUser(absl::string_view body);

// A users collection page: "value" (array of users) and "@odata.nextLink".
absl::StatusOr<UserPage> ParseUserPage(absl::string_view body);

// Graph enum strings. Case-insensitive; externalUserState also ignores
// spaces ("Pending Acceptance" appears in Microsoft's docs). Unknown or
// absent -> *_UNSPECIFIED.
guestinvitation::v1::InvitationStatus ParseInvitationStatus(
    absl::string_view text);
guestinvitation::v1::ExternalUserState ParseExternalUserState(
    absl::string_view text);
guestinvitation::v1::InvitedUserType ParseUserType(absl::string_view text);

// ISO 8601 / RFC 3339 ("2021-12-09T17:41:54Z", fractional seconds, offsets;
// no zone means UTC). False when unparsable or outside Timestamp's range.
bool ParseGraphTime(absl::string_view text,
                    google::protobuf::Timestamp* timestamp);

}  // namespace guestinvitation::graph

#endif  // GUESTINVITATION_SERVER_GRAPH_GRAPH_JSON_H_
