// gRPC callback handlers for guestinvitation.v1.GuestInvitationService.
// Each handler validates, hands the work to the use cases (which run on the
// io_context), and returns its reactor at once: no gRPC thread ever waits
// on HTTP. Finish is called exactly once, from the completion.
#ifndef GUESTINVITATION_SERVER_SERVICE_GUEST_INVITATION_SERVICE_H_
#define GUESTINVITATION_SERVER_SERVICE_GUEST_INVITATION_SERVICE_H_

#include <memory>

#include "absl/time/time.h"
#include "guestinvitation/v1/guest_invitation.grpc.pb.h"
#include "server/invitations/invitation_use_cases.h"

namespace guestinvitation {

struct ServiceOptions {
  // Applied when the caller sent no deadline.
  absl::Duration default_deadline = absl::Seconds(60);
};

class GuestInvitationServiceImpl final
    : public v1::GuestInvitationService::CallbackService {
 public:
  GuestInvitationServiceImpl(std::shared_ptr<InvitationUseCases> use_cases,
                             ServiceOptions options);

  grpc::ServerUnaryReactor* CreateInvitation(
      grpc::CallbackServerContext* context,
      const v1::CreateInvitationRequest* request,
      v1::CreateInvitationResponse* response) override;

  // Built by later work; until then they answer UNIMPLEMENTED with an
  // ErrorInfo so callers can tell "not yet" from "not found".
  grpc::ServerUnaryReactor* GetGuest(grpc::CallbackServerContext* context,
                                     const v1::GetGuestRequest* request,
                                     v1::GetGuestResponse* response) override;
  grpc::ServerUnaryReactor* ListGuests(grpc::CallbackServerContext* context,
                                       const v1::ListGuestsRequest* request,
                                       v1::ListGuestsResponse* response) override;
  grpc::ServerUnaryReactor* AddGuestToGroups(
      grpc::CallbackServerContext* context,
      const v1::AddGuestToGroupsRequest* request,
      v1::AddGuestToGroupsResponse* response) override;
  grpc::ServerUnaryReactor* ResendInvitation(
      grpc::CallbackServerContext* context,
      const v1::ResendInvitationRequest* request,
      v1::ResendInvitationResponse* response) override;
  grpc::ServerUnaryReactor* ResetRedemption(
      grpc::CallbackServerContext* context,
      const v1::ResetRedemptionRequest* request,
      v1::ResetRedemptionResponse* response) override;
  grpc::ServerUnaryReactor* DisableGuest(
      grpc::CallbackServerContext* context,
      const v1::DisableGuestRequest* request,
      v1::DisableGuestResponse* response) override;
  grpc::ServerUnaryReactor* DeleteGuest(grpc::CallbackServerContext* context,
                                        const v1::DeleteGuestRequest* request,
                                        v1::DeleteGuestResponse* response) override;

 private:
  grpc::ServerUnaryReactor* NotYet(grpc::CallbackServerContext* context,
                                   const char* method);

  std::shared_ptr<InvitationUseCases> use_cases_;
  ServiceOptions options_;
};

}  // namespace guestinvitation

#endif  // GUESTINVITATION_SERVER_SERVICE_GUEST_INVITATION_SERVICE_H_
