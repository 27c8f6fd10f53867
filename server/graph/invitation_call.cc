#include "server/graph/invitation_call.h"

#include <utility>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "server/common/error_details.h"
#include "server/common/logger.h"
#include "server/graph/graph_errors.h"
#include "server/graph/graph_json.h"
#include "server/graph/graph_urls.h"

namespace guestinvitation::graph {
namespace {

namespace v1 = guestinvitation::v1;

absl::Status WithNote(const absl::Status& status, absl::string_view note) {
  absl::Status out(status.code(), absl::StrCat(status.message(), note));
  status.ForEachPayload([&out](absl::string_view url, const absl::Cord& p) {
    out.SetPayload(url, p);
  });
  return out;
}

class InvitationCall : public std::enable_shared_from_this<InvitationCall> {
 public:
  InvitationCall(std::shared_ptr<const GraphCallEnv> env, std::string base_url,
                 v1::CreateInvitationRequest request,
                 std::optional<std::string> reset_id,
                 std::shared_ptr<CallIdentity> identity, FindUserFn find_user,
                 Callback<v1::Invitation> done)
      : env_(std::move(env)),
        base_url_(std::move(base_url)),
        request_(std::move(request)),
        reset_id_(std::move(reset_id)),
        identity_(std::move(identity)),
        find_user_(std::move(find_user)),
        done_(std::move(done)) {}

  void Start() { Post(BuildInvitationBody(request_, reset_id_)); }

 private:
  absl::Time Now() const { return env_->scheduler->Now(); }
  void Post(std::string body);
  void OnPosted(GraphCallResult result);
  void Recover(const absl::Status& ambiguous, absl::Duration delay);
  void LookUp();
  void OnLookedUp(absl::StatusOr<std::optional<v1::Guest>> found);
  void Finish(absl::StatusOr<v1::Invitation> result);

  const std::shared_ptr<const GraphCallEnv> env_;
  const std::string base_url_;
  const v1::CreateInvitationRequest request_;
  const std::optional<std::string> reset_id_;
  const std::shared_ptr<CallIdentity> identity_;
  const FindUserFn find_user_;
  Callback<v1::Invitation> done_;
  int posts_ = 0;
  absl::Status ambiguous_;  // the last ambiguous outcome
};

void InvitationCall::Post(std::string body) {
  ++posts_;
  RunGraphCall(env_,
               {"POST", InvitationsUrl(base_url_), std::move(body),
                retry::Idempotency::kNonIdempotent},
               identity_, [self = shared_from_this()](GraphCallResult r) {
                 self->OnPosted(std::move(r));
               });
}

void InvitationCall::OnPosted(GraphCallResult result) {
  if (!result.response.ok()) {
    if (result.ambiguous) {
      return Recover(result.response.status(), result.suggested_delay);
    }
    return Finish(result.response.status());
  }
  const http::HttpResponse& response = *result.response;
  if (response.status >= 200 && response.status < 300) {
    absl::StatusOr<v1::Invitation> invitation = ParseInvitation(response.body);
    if (invitation.ok()) return Finish(std::move(invitation));
    return Recover(BadResponseError(response, identity_->client_request_id,
                                    invitation.status().message()),
                   env_->backoff->Delay(posts_ - 1));
  }
  absl::Status status =
      StatusFromGraphResponse(response, identity_->client_request_id, Now());
  if (result.ambiguous) return Recover(status, result.suggested_delay);
  Finish(std::move(status));  // a 4xx is an answer: never re-POSTed
}

void InvitationCall::Recover(const absl::Status& ambiguous,
                             absl::Duration delay) {
  ambiguous_ = WithNote(ambiguous,
                        "; the invitation may have been created, look the "
                        "user up before inviting again");
  if (!env_->retry_policy.CanRetry(posts_) ||
      delay > env_->max_retry_after_wait ||
      Now() + delay >= identity_->deadline) {
    SetRetryDelay(ambiguous_, delay);
    return Finish(ambiguous_);
  }
  Log(LogLevel::kWarning, "graph_invite_ambiguous",
      {{"client_request_id", identity_->client_request_id},
       {"rpc_id", identity_->rpc_id},
       {"posts", int64_t{posts_}},
       {"reason", GetReason(ambiguous)},
       {"next", "lookup"}});
  env_->scheduler->RunAfter(delay,
                            [self = shared_from_this()] { self->LookUp(); });
}

void InvitationCall::LookUp() {
  find_user_(request_.invited_user_email_address(),
             [self = shared_from_this()](
                 absl::StatusOr<std::optional<v1::Guest>> found) {
               self->OnLookedUp(std::move(found));
             });
}

void InvitationCall::OnLookedUp(
    absl::StatusOr<std::optional<v1::Guest>> found) {
  if (!found.ok()) {
    // Without knowing, a re-POST could mail twice: report the ambiguity.
    return Finish(WithNote(
        ambiguous_,
        absl::StrCat(" (lookup failed: ", found.status().message(), ")")));
  }
  v1::CreateInvitationRequest again = request_;
  if (found->has_value()) again.set_send_invitation_message(false);
  Log(LogLevel::kInfo, "graph_invite_repost",
      {{"client_request_id", identity_->client_request_id},
       {"rpc_id", identity_->rpc_id},
       {"user_exists", found->has_value()},
       {"send_invitation_message", again.send_invitation_message()}});
  Post(BuildInvitationBody(again, reset_id_));
}

void InvitationCall::Finish(absl::StatusOr<v1::Invitation> result) {
  Callback<v1::Invitation> done = std::move(done_);
  done(std::move(result));
}

}  // namespace

void RunCreateInvitation(std::shared_ptr<const GraphCallEnv> env,
                         std::string base_url,
                         v1::CreateInvitationRequest request,
                         std::optional<std::string> reset_redemption_user_id,
                         std::shared_ptr<CallIdentity> identity,
                         FindUserFn find_user, Callback<v1::Invitation> done) {
  std::make_shared<InvitationCall>(
      std::move(env), std::move(base_url), std::move(request),
      std::move(reset_redemption_user_id), std::move(identity),
      std::move(find_user), std::move(done))
      ->Start();
}

}  // namespace guestinvitation::graph
