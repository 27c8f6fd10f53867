// A synchronous C++ client for guestinvitation.v1.GuestInvitationService:
// one method per RPC, each returning absl::StatusOr with the server's rich
// error details kept (see error_details.h), plus grpc.health.v1 Check.
#ifndef GUESTINVITATION_CLIENT_GUEST_INVITATION_CLIENT_H_
#define GUESTINVITATION_CLIENT_GUEST_INVITATION_CLIENT_H_

#include <memory>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "client/client_options.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/client_context.h"
#include "guestinvitation/v1/guest_invitation.grpc.pb.h"

namespace guestinvitation::client {

namespace v1 = ::guestinvitation::v1;
using HealthCheckResponse = ::grpc::health::v1::HealthCheckResponse;

class GuestInvitationClient {
 public:
  using Stub = v1::GuestInvitationService::StubInterface;
  using HealthStub = ::grpc::health::v1::Health::StubInterface;

  // Connects as `options` says. Fails on unreadable CA files and invalid
  // metadata; never on an unreachable server (calls report that).
  static absl::StatusOr<std::unique_ptr<GuestInvitationClient>> Create(
      const ClientOptions& options);

  // Over given stubs: tests pass gMock stubs here.
  GuestInvitationClient(std::unique_ptr<Stub> stub,
                        std::unique_ptr<HealthStub> health_stub,
                        ClientOptions options);

  absl::StatusOr<v1::CreateInvitationResponse> CreateInvitation(
      const v1::CreateInvitationRequest& request, const CallOptions& call = {});
  absl::StatusOr<v1::GetGuestResponse> GetGuest(
      const v1::GetGuestRequest& request, const CallOptions& call = {});
  absl::StatusOr<v1::ListGuestsResponse> ListGuests(
      const v1::ListGuestsRequest& request, const CallOptions& call = {});
  absl::StatusOr<v1::AddGuestToGroupsResponse> AddGuestToGroups(
      const v1::AddGuestToGroupsRequest& request, const CallOptions& call = {});
  absl::StatusOr<v1::ResendInvitationResponse> ResendInvitation(
      const v1::ResendInvitationRequest& request, const CallOptions& call = {});
  absl::StatusOr<v1::ResetRedemptionResponse> ResetRedemption(
      const v1::ResetRedemptionRequest& request, const CallOptions& call = {});
  absl::StatusOr<v1::DisableGuestResponse> DisableGuest(
      const v1::DisableGuestRequest& request, const CallOptions& call = {});
  absl::StatusOr<v1::DeleteGuestResponse> DeleteGuest(
      const v1::DeleteGuestRequest& request, const CallOptions& call = {});

  // grpc.health.v1.Health/Check; `service` "" asks about the whole server.
  absl::StatusOr<HealthCheckResponse> HealthCheck(absl::string_view service,
                                                  const CallOptions& call = {});

  // For streaming calls (BulkCreateInvitations), which have no wrapper here:
  // a context with this client's deadline and metadata, and the raw stub.
  std::unique_ptr<grpc::ClientContext> NewContext(
      const CallOptions& call) const;
  Stub& stub() { return *stub_; }

 private:
  template <typename S, typename Request, typename Response>
  absl::StatusOr<Response> Unary(S& stub,
                                 grpc::Status (S::*method)(grpc::ClientContext*,
                                                           const Request&,
                                                           Response*),
                                 const Request& request,
                                 const CallOptions& call);

  std::unique_ptr<Stub> stub_;
  std::unique_ptr<HealthStub> health_stub_;
  ClientOptions options_;
};

}  // namespace guestinvitation::client

#endif  // GUESTINVITATION_CLIENT_GUEST_INVITATION_CLIENT_H_
