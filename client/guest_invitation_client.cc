#include "client/guest_invitation_client.h"

#include <chrono>
#include <string>
#include <utility>

#include "client/channel.h"
#include "client/error_details.h"

namespace guestinvitation::client {

absl::StatusOr<std::unique_ptr<GuestInvitationClient>>
GuestInvitationClient::Create(const ClientOptions& options) {
  auto channel = MakeChannel(options);
  if (!channel.ok()) return channel.status();
  return std::make_unique<GuestInvitationClient>(
      v1::GuestInvitationService::NewStub(*channel),
      ::grpc::health::v1::Health::NewStub(*channel), options);
}

GuestInvitationClient::GuestInvitationClient(
    std::unique_ptr<Stub> stub, std::unique_ptr<HealthStub> health_stub,
    ClientOptions options)
    : stub_(std::move(stub)),
      health_stub_(std::move(health_stub)),
      options_(std::move(options)) {}

std::unique_ptr<grpc::ClientContext> GuestInvitationClient::NewContext(
    const CallOptions& call) const {
  auto context = std::make_unique<grpc::ClientContext>();
  const absl::Duration timeout =
      call.timeout.value_or(options_.default_timeout);
  if (timeout != absl::InfiniteDuration()) {
    context->set_deadline(std::chrono::system_clock::now() +
                          absl::ToChronoNanoseconds(timeout));
  }
  for (const auto& [key, value] : options_.metadata) {
    context->AddMetadata(key, value);
  }
  for (const auto& [key, value] : call.metadata) {
    context->AddMetadata(key, value);
  }
  return context;
}

template <typename S, typename Request, typename Response>
absl::StatusOr<Response> GuestInvitationClient::Unary(
    S& stub,
    grpc::Status (S::*method)(grpc::ClientContext*, const Request&, Response*),
    const Request& request, const CallOptions& call) {
  // Per-call metadata is checked here; the options' metadata was checked
  // when the channel was made.
  if (auto valid = ValidateMetadata(call.metadata); !valid.ok()) return valid;
  auto context = NewContext(call);
  Response response;
  const grpc::Status status = (stub.*method)(context.get(), request, &response);
  if (!status.ok()) return FromGrpcStatus(status);
  return response;
}

absl::StatusOr<v1::CreateInvitationResponse>
GuestInvitationClient::CreateInvitation(
    const v1::CreateInvitationRequest& request, const CallOptions& call) {
  return Unary(*stub_, &Stub::CreateInvitation, request, call);
}

absl::StatusOr<v1::GetGuestResponse> GuestInvitationClient::GetGuest(
    const v1::GetGuestRequest& request, const CallOptions& call) {
  return Unary(*stub_, &Stub::GetGuest, request, call);
}

absl::StatusOr<v1::ListGuestsResponse> GuestInvitationClient::ListGuests(
    const v1::ListGuestsRequest& request, const CallOptions& call) {
  return Unary(*stub_, &Stub::ListGuests, request, call);
}

absl::StatusOr<v1::AddGuestToGroupsResponse>
GuestInvitationClient::AddGuestToGroups(
    const v1::AddGuestToGroupsRequest& request, const CallOptions& call) {
  return Unary(*stub_, &Stub::AddGuestToGroups, request, call);
}

absl::StatusOr<v1::ResendInvitationResponse>
GuestInvitationClient::ResendInvitation(
    const v1::ResendInvitationRequest& request, const CallOptions& call) {
  return Unary(*stub_, &Stub::ResendInvitation, request, call);
}

absl::StatusOr<v1::ResetRedemptionResponse>
GuestInvitationClient::ResetRedemption(
    const v1::ResetRedemptionRequest& request, const CallOptions& call) {
  return Unary(*stub_, &Stub::ResetRedemption, request, call);
}

absl::StatusOr<v1::DisableGuestResponse> GuestInvitationClient::DisableGuest(
    const v1::DisableGuestRequest& request, const CallOptions& call) {
  return Unary(*stub_, &Stub::DisableGuest, request, call);
}

absl::StatusOr<v1::DeleteGuestResponse> GuestInvitationClient::DeleteGuest(
    const v1::DeleteGuestRequest& request, const CallOptions& call) {
  return Unary(*stub_, &Stub::DeleteGuest, request, call);
}

absl::StatusOr<HealthCheckResponse> GuestInvitationClient::HealthCheck(
    absl::string_view service, const CallOptions& call) {
  ::grpc::health::v1::HealthCheckRequest request;
  request.set_service(std::string(service));
  return Unary(*health_stub_, &HealthStub::Check, request, call);
}

}  // namespace guestinvitation::client
