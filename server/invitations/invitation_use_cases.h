// The business logic behind the RPCs, free of gRPC: plain classes over the
// GraphClient seam so unit tests drive them with a mock.
#ifndef GUESTINVITATION_SERVER_INVITATIONS_INVITATION_USE_CASES_H_
#define GUESTINVITATION_SERVER_INVITATIONS_INVITATION_USE_CASES_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "guestinvitation/v1/guest_invitation.pb.h"
#include "server/graph/graph_client.h"
#include "server/invitations/idempotency_cache.h"

namespace guestinvitation {

template <typename T>
using Done = std::function<void(absl::StatusOr<T>)>;

class InvitationUseCases {
 public:
  InvitationUseCases(std::shared_ptr<graph::GraphClient> graph,
                     std::shared_ptr<IdempotencyCache> idempotency);

  // Invites (once per request_id), then adds the guest to each group in
  // parallel. `request` must already be validated.
  void CreateInvitation(const v1::CreateInvitationRequest& request,
                        const graph::CallOptions& options,
                        Done<v1::CreateInvitationResponse> done);

 private:
  // Runs the invitation; when an earlier attempt with the same request_id
  // may already have invited the address, looks it up first and, if it
  // exists, re-invites without Microsoft's email so no second email goes out.
  void RunCreate(v1::CreateInvitationRequest request, bool maybe_applied_before,
                 const graph::CallOptions& options,
                 Done<v1::CreateInvitationResponse> done);
  void Invite(v1::CreateInvitationRequest request,
              const graph::CallOptions& options,
              Done<v1::CreateInvitationResponse> done);
  void AddToGroups(v1::CreateInvitationResponse response,
                   std::vector<std::string> group_ids,
                   const graph::CallOptions& options,
                   Done<v1::CreateInvitationResponse> done);

  std::shared_ptr<graph::GraphClient> graph_;
  std::shared_ptr<IdempotencyCache> idempotency_;
};

// A failed group add, as the OperationError reported in GroupResult.
v1::OperationError ToOperationError(const absl::Status& status);

}  // namespace guestinvitation

#endif  // GUESTINVITATION_SERVER_INVITATIONS_INVITATION_USE_CASES_H_
