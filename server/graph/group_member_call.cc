#include "server/graph/group_member_call.h"

#include <algorithm>
#include <map>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "server/common/error_details.h"
#include "server/graph/graph_json.h"
#include "server/graph/graph_urls.h"

namespace guestinvitation::graph {
namespace {

class GroupMemberCall : public std::enable_shared_from_this<GroupMemberCall> {
 public:
  GroupMemberCall(std::shared_ptr<const GraphCallEnv> env,
                  const std::string& base_url, const std::string& group_id,
                  const std::string& user_id, ReplicationPolicy replication,
                  std::shared_ptr<CallIdentity> identity,
                  Callback<MemberAddOutcome> done)
      : env_(std::move(env)),
        url_(GroupMembersRefUrl(base_url, group_id)),
        body_(BuildMemberRefBody(DirectoryObjectUrl(base_url, user_id))),
        replication_(std::move(replication)),
        identity_(std::move(identity)),
        done_(std::move(done)) {}

  void Start() {
    started_ = env_->scheduler->Now();
    Attempt();
  }

 private:
  void Attempt();
  void OnAnswer(GraphCallResult result);
  void RetryReplication(const http::HttpResponse& response);
  absl::Status ReplicationTimeout(const http::HttpResponse& response) const;
  void Finish(absl::StatusOr<MemberAddOutcome> outcome);

  const std::shared_ptr<const GraphCallEnv> env_;
  const std::string url_;
  const std::string body_;
  const ReplicationPolicy replication_;
  const std::shared_ptr<CallIdentity> identity_;
  Callback<MemberAddOutcome> done_;
  absl::Time started_;
  int replication_retries_ = 0;
};

void GroupMemberCall::Attempt() {
  RunGraphCall(env_, {"POST", url_, body_, retry::Idempotency::kIdempotent},
               identity_, [self = shared_from_this()](GraphCallResult r) {
                 self->OnAnswer(std::move(r));
               });
}

void GroupMemberCall::OnAnswer(GraphCallResult result) {
  if (!result.response.ok()) return Finish(result.response.status());
  const http::HttpResponse& response = *result.response;
  if (response.status >= 200 && response.status < 300) {
    return Finish(MemberAddOutcome::kAdded);
  }
  const GraphErrorBody error =
      ParseGraphErrorBody(response.body).value_or(GraphErrorBody{});
  if (IsAlreadyMemberAnswer(response.status, error)) {
    return Finish(MemberAddOutcome::kAlreadyMember);
  }
  if (IsReplicationLagAnswer(response.status, error)) {
    return RetryReplication(response);
  }
  Finish(StatusFromGraphResponse(response, identity_->client_request_id,
                                 env_->scheduler->Now()));
}

void GroupMemberCall::RetryReplication(const http::HttpResponse& response) {
  const absl::Time now = env_->scheduler->Now();
  const absl::Time end =
      std::min(identity_->deadline, started_ + replication_.budget);
  const absl::Duration delay =
      replication_.backoff->Delay(replication_retries_++);
  if (now + delay >= end) return Finish(ReplicationTimeout(response));
  env_->scheduler->RunAfter(delay,
                            [self = shared_from_this()] { self->Attempt(); });
}

absl::Status GroupMemberCall::ReplicationTimeout(
    const http::HttpResponse& response) const {
  const absl::Status graph = StatusFromGraphResponse(
      response, identity_->client_request_id, env_->scheduler->Now());
  std::map<std::string, std::string> metadata;
  if (auto info = GetErrorInfo(graph)) {
    metadata.insert(info->metadata().begin(), info->metadata().end());
  }
  return ErrorWithReason(
      absl::StatusCode::kNotFound,
      absl::StrCat("the group or the user is still missing after ",
                   replication_retries_, " tries over ",
                   absl::FormatDuration(env_->scheduler->Now() - started_),
                   " (directory replication lag, or a wrong id); last answer: ",
                   graph.message()),
      kReasonReplicationTimeout, std::move(metadata));
}

void GroupMemberCall::Finish(absl::StatusOr<MemberAddOutcome> outcome) {
  Callback<MemberAddOutcome> done = std::move(done_);
  done(std::move(outcome));
}

}  // namespace

bool IsAlreadyMemberAnswer(int http_status, const GraphErrorBody& error) {
  return http_status == 400 &&
         absl::EqualsIgnoreCase(error.code, "Request_BadRequest") &&
         absl::StrContains(absl::AsciiStrToLower(error.message),
                           "already exist");
}

bool IsReplicationLagAnswer(int http_status, const GraphErrorBody& error) {
  if (http_status == 404) return true;
  const std::string message = absl::AsciiStrToLower(error.message);
  return http_status == 400 && (absl::StrContains(message, "do not exist") ||
                                absl::StrContains(message, "does not exist"));
}

void RunAddGroupMember(std::shared_ptr<const GraphCallEnv> env,
                       const std::string& base_url, const std::string& group_id,
                       const std::string& user_id,
                       ReplicationPolicy replication,
                       std::shared_ptr<CallIdentity> identity,
                       Callback<MemberAddOutcome> done) {
  std::make_shared<GroupMemberCall>(std::move(env), base_url, group_id, user_id,
                                    std::move(replication), std::move(identity),
                                    std::move(done))
      ->Start();
}

}  // namespace guestinvitation::graph
