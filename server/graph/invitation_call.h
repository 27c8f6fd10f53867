// POST /invitations without ever causing a second invitation email.
//
// The POST is not idempotent: a repeat can send Microsoft's email again.
// The retry loop retries it only when it certainly was not applied (429,
// nothing sent, 401). After an ambiguous outcome (transport failure after
// sending, 500/502/503/504/507, or a 2xx we cannot parse) this call looks
// the address up first: if the user exists, it re-POSTs with
// sendInvitationMessage=false (Graph returns the same user and a fresh
// redeem URL, and mails nobody); if not, it re-POSTs the original. A 4xx is
// never re-POSTed. Residual risk, accepted: a lookup that reads a replica
// which has not yet seen a just-created user makes us re-POST the original,
// which can mail a second time when the caller asked for an email.
#ifndef GUESTINVITATION_SERVER_GRAPH_INVITATION_CALL_H_
#define GUESTINVITATION_SERVER_GRAPH_INVITATION_CALL_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "guestinvitation/v1/guest_invitation.pb.h"
#include "server/graph/graph_call.h"
#include "server/graph/graph_client.h"

namespace guestinvitation::graph {

// Looks a user up by mail (GraphClient::FindUserByMail, bound to the
// caller's CallOptions).
using FindUserFn =
    std::function<void(const std::string& mail,
                       Callback<std::optional<guestinvitation::v1::Guest>>)>;

void RunCreateInvitation(std::shared_ptr<const GraphCallEnv> env,
                         std::string base_url,
                         guestinvitation::v1::CreateInvitationRequest request,
                         std::optional<std::string> reset_redemption_user_id,
                         std::shared_ptr<CallIdentity> identity,
                         FindUserFn find_user,
                         Callback<guestinvitation::v1::Invitation> done);

}  // namespace guestinvitation::graph

#endif  // GUESTINVITATION_SERVER_GRAPH_INVITATION_CALL_H_
