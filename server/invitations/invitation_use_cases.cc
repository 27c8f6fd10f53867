#include "server/invitations/invitation_use_cases.h"

#include <atomic>
#include <mutex>
#include <utility>

#include "server/common/error_details.h"
#include "server/common/logger.h"

namespace guestinvitation {
namespace {

using v1::CreateInvitationRequest;
using v1::CreateInvitationResponse;

// The request without its request_id: two requests with the same
// request_id must agree on everything else.
std::string Fingerprint(const CreateInvitationRequest& request) {
  CreateInvitationRequest copy = request;
  copy.clear_request_id();
  return copy.SerializeAsString();
}

// A failure after which the POST may still have reached Graph.
bool MaybeApplied(const absl::Status& status) {
  switch (status.code()) {
    case absl::StatusCode::kDeadlineExceeded:
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kCancelled:
    case absl::StatusCode::kInternal:
    case absl::StatusCode::kUnknown:
    case absl::StatusCode::kAborted:
      return true;
    default:
      return false;
  }
}

}  // namespace

v1::OperationError ToOperationError(const absl::Status& status) {
  v1::OperationError error;
  // absl and google.rpc share code numbers.
  error.set_code(static_cast<int>(status.code()));
  error.set_message(std::string(status.message()));
  if (auto info = GetErrorInfo(status)) {
    error.set_reason(info->reason());
    error.mutable_metadata()->insert(info->metadata().begin(),
                                     info->metadata().end());
  }
  return error;
}

InvitationUseCases::InvitationUseCases(
    std::shared_ptr<graph::GraphClient> graph,
    std::shared_ptr<IdempotencyCache> idempotency)
    : graph_(std::move(graph)), idempotency_(std::move(idempotency)) {}

void InvitationUseCases::CreateInvitation(
    const CreateInvitationRequest& request, const graph::CallOptions& options,
    Done<CreateInvitationResponse> done) {
  if (request.request_id().empty()) {
    RunCreate(request, false, options, std::move(done));
    return;
  }
  const std::string key = "CreateInvitation/" + request.request_id();
  auto replay = [done](const IdempotencyCache::Outcome& o) {
    if (!o.status.ok()) return done(o.status);
    CreateInvitationResponse response;
    response.ParseFromString(o.response);
    done(std::move(response));
  };
  auto begin = idempotency_->Begin(key, Fingerprint(request), replay);
  switch (begin.decision) {
    case IdempotencyCache::Decision::kJoined:
      return;
    case IdempotencyCache::Decision::kCached:
      return replay(begin.cached);
    case IdempotencyCache::Decision::kMismatch:
      return done(ErrorWithReason(
          absl::StatusCode::kAlreadyExists,
          "request_id was already used for a different request",
          "REQUEST_ID_REUSED"));
    case IdempotencyCache::Decision::kExecute:
      break;
  }
  auto cache = idempotency_;
  RunCreate(request, begin.maybe_applied_before, options,
            [cache, key, done](absl::StatusOr<CreateInvitationResponse> r) {
              IdempotencyCache::Outcome outcome{r.status(), ""};
              if (r.ok()) outcome.response = r->SerializeAsString();
              cache->Complete(key, outcome, MaybeApplied(r.status()));
              done(std::move(r));
            });
}

void InvitationUseCases::RunCreate(CreateInvitationRequest request,
                                   bool maybe_applied_before,
                                   const graph::CallOptions& options,
                                   Done<CreateInvitationResponse> done) {
  if (!maybe_applied_before || !request.send_invitation_message()) {
    Invite(std::move(request), options, std::move(done));
    return;
  }
  const std::string email = request.invited_user_email_address();
  graph_->FindUserByMail(
      email, options,
      [this, request = std::move(request), options, done = std::move(done)](
          absl::StatusOr<std::optional<v1::Guest>> found) mutable {
        if (!found.ok()) return done(found.status());
        if (found->has_value()) {
          Log(LogLevel::kInfo, "invitation_email_suppressed",
              {{"rpc_id", options.rpc_id},
               {"reason", std::string("earlier attempt may have sent it")}});
          request.set_send_invitation_message(false);
        }
        Invite(std::move(request), options, std::move(done));
      });
}

void InvitationUseCases::Invite(CreateInvitationRequest request,
                                const graph::CallOptions& options,
                                Done<CreateInvitationResponse> done) {
  std::vector<std::string> groups(request.group_ids().begin(),
                                  request.group_ids().end());
  graph_->CreateInvitation(
      request, std::nullopt, options,
      [this, groups = std::move(groups), options, done = std::move(done)](
          absl::StatusOr<v1::Invitation> invitation) mutable {
        if (!invitation.ok()) return done(invitation.status());
        CreateInvitationResponse response;
        *response.mutable_invitation() = std::move(*invitation);
        AddToGroups(std::move(response), std::move(groups), options,
                    std::move(done));
      });
}

void InvitationUseCases::AddToGroups(CreateInvitationResponse response,
                                     std::vector<std::string> group_ids,
                                     const graph::CallOptions& options,
                                     Done<CreateInvitationResponse> done) {
  if (group_ids.empty()) return done(std::move(response));
  struct Join {
    std::mutex mu;
    CreateInvitationResponse response;
    std::atomic<size_t> remaining;
    Done<CreateInvitationResponse> done;
  };
  auto join = std::make_shared<Join>();
  join->remaining = group_ids.size();
  join->done = std::move(done);
  for (const auto& id : group_ids) {
    auto* result = response.add_group_results();
    result->set_group_id(id);
  }
  join->response = std::move(response);
  const std::string user_id = join->response.invitation().invited_user_id();
  for (size_t i = 0; i < group_ids.size(); ++i) {
    graph_->AddGroupMember(
        group_ids[i], user_id, options,
        [join, i](absl::StatusOr<graph::MemberAddOutcome> outcome) {
          {
            std::lock_guard<std::mutex> lock(join->mu);
            auto* r = join->response.mutable_group_results(static_cast<int>(i));
            if (!outcome.ok()) {
              r->set_status(v1::GROUP_RESULT_STATUS_FAILED);
              *r->mutable_error() = ToOperationError(outcome.status());
            } else {
              r->set_status(*outcome == graph::MemberAddOutcome::kAdded
                                ? v1::GROUP_RESULT_STATUS_ADDED
                                : v1::GROUP_RESULT_STATUS_ALREADY_MEMBER);
            }
          }
          if (join->remaining.fetch_sub(1) == 1) {
            join->done(std::move(join->response));
          }
        });
  }
}

}  // namespace guestinvitation
