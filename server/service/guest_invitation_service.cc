#include "server/service/guest_invitation_service.h"

#include "server/common/error_details.h"
#include "server/common/logger.h"
#include "server/service/request_validation.h"
#include "server/service/unary_call.h"

namespace guestinvitation {

GuestInvitationServiceImpl::GuestInvitationServiceImpl(
    std::shared_ptr<InvitationUseCases> use_cases, ServiceOptions options)
    : use_cases_(std::move(use_cases)), options_(options) {}

grpc::ServerUnaryReactor* GuestInvitationServiceImpl::CreateInvitation(
    grpc::CallbackServerContext* context,
    const v1::CreateInvitationRequest* request,
    v1::CreateInvitationResponse* response) {
  auto* call = new UnaryCall(
      context, "CreateInvitation", options_.default_deadline,
      {{"email", RedactEmail(request->invited_user_email_address())},
       {"groups", static_cast<int64_t>(request->group_ids_size())},
       {"send_invitation_message", request->send_invitation_message()},
       {"request_id", request->request_id()}});
  if (auto invalid = ValidateCreateInvitationRequest(*request); !invalid.ok()) {
    call->Complete(invalid);
    return call;
  }
  use_cases_->CreateInvitation(
      *request, call->call_options(),
      [call, response](absl::StatusOr<v1::CreateInvitationResponse> result) {
        if (result.ok()) *response = std::move(*result);
        call->Complete(result.status());
      });
  return call;
}

grpc::ServerUnaryReactor* GuestInvitationServiceImpl::NotYet(
    grpc::CallbackServerContext* context, const char* method) {
  auto* call = new UnaryCall(context, method, options_.default_deadline, {});
  call->Complete(ErrorWithReason(
      absl::StatusCode::kUnimplemented,
      std::string(method) + " is not implemented in this version",
      "NOT_IMPLEMENTED"));
  return call;
}

grpc::ServerUnaryReactor* GuestInvitationServiceImpl::GetGuest(
    grpc::CallbackServerContext* c, const v1::GetGuestRequest*,
    v1::GetGuestResponse*) {
  return NotYet(c, "GetGuest");
}
grpc::ServerUnaryReactor* GuestInvitationServiceImpl::ListGuests(
    grpc::CallbackServerContext* c, const v1::ListGuestsRequest*,
    v1::ListGuestsResponse*) {
  return NotYet(c, "ListGuests");
}
grpc::ServerUnaryReactor* GuestInvitationServiceImpl::AddGuestToGroups(
    grpc::CallbackServerContext* c, const v1::AddGuestToGroupsRequest*,
    v1::AddGuestToGroupsResponse*) {
  return NotYet(c, "AddGuestToGroups");
}
grpc::ServerUnaryReactor* GuestInvitationServiceImpl::ResendInvitation(
    grpc::CallbackServerContext* c, const v1::ResendInvitationRequest*,
    v1::ResendInvitationResponse*) {
  return NotYet(c, "ResendInvitation");
}
grpc::ServerUnaryReactor* GuestInvitationServiceImpl::ResetRedemption(
    grpc::CallbackServerContext* c, const v1::ResetRedemptionRequest*,
    v1::ResetRedemptionResponse*) {
  return NotYet(c, "ResetRedemption");
}
grpc::ServerUnaryReactor* GuestInvitationServiceImpl::DisableGuest(
    grpc::CallbackServerContext* c, const v1::DisableGuestRequest*,
    v1::DisableGuestResponse*) {
  return NotYet(c, "DisableGuest");
}
grpc::ServerUnaryReactor* GuestInvitationServiceImpl::DeleteGuest(
    grpc::CallbackServerContext* c, const v1::DeleteGuestRequest*,
    v1::DeleteGuestResponse*) {
  return NotYet(c, "DeleteGuest");
}

}  // namespace guestinvitation
