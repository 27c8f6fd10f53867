#include "server/graph/graph_client_impl.h"

#include <utility>

#include "server/common/ids.h"
#include "server/graph/graph_errors.h"
#include "server/graph/graph_json.h"
#include "server/graph/graph_urls.h"
#include "server/graph/invitation_call.h"

namespace guestinvitation::graph {
namespace {

namespace v1 = guestinvitation::v1;

template <typename T>
using Parser = absl::StatusOr<T> (*)(absl::string_view body);

// GET-style call whose 2xx body is parsed into T.
template <typename T>
void RunParsedCall(std::shared_ptr<const GraphCallEnv> env,
                   GraphRequest request, std::shared_ptr<CallIdentity> identity,
                   Parser<T> parse, Callback<T> done) {
  auto on_result = [env, identity, parse,
                    done = std::move(done)](GraphCallResult result) {
    absl::Status status =
        NonSuccessStatus(result, *identity, env->scheduler->Now());
    if (!status.ok()) return done(status);
    absl::StatusOr<T> parsed = parse(result.response->body);
    if (!parsed.ok()) {
      return done(BadResponseError(*result.response,
                                   identity->client_request_id,
                                   parsed.status().message()));
    }
    done(std::move(parsed));
  };
  RunGraphCall(std::move(env), std::move(request), std::move(identity),
               std::move(on_result));
}

absl::StatusOr<std::optional<v1::Guest>> ParseFirstUser(
    absl::string_view body) {
  absl::StatusOr<UserPage> page = ParseUserPage(body);
  if (!page.ok()) return page.status();
  if (page->users.empty()) return std::optional<v1::Guest>();
  return std::optional<v1::Guest>(std::move(page->users.front()));
}

}  // namespace

absl::StatusOr<std::unique_ptr<GraphClientImpl>> GraphClientImpl::Create(
    const GraphClientOptions& options,
    std::shared_ptr<http::HttpTransport> transport,
    std::shared_ptr<auth::TokenProvider> tokens,
    std::shared_ptr<Scheduler> scheduler, retry::RandomSource random) {
  absl::StatusOr<std::string> base = NormalizeBaseUrl(options.graph_base_url);
  if (!base.ok()) return base.status();
  if (!transport || !tokens || !scheduler) {
    return absl::InvalidArgumentError(
        "GraphClientImpl needs a transport, a token provider and a scheduler");
  }
  if (!random) random = retry::DefaultRandomSource();
  auto env = std::make_shared<GraphCallEnv>();
  env->transport = std::move(transport);
  env->tokens = std::move(tokens);
  env->scheduler = std::move(scheduler);
  env->backoff =
      std::make_shared<retry::BackoffPolicy>(options.backoff, random);
  env->retry_policy = retry::RetryPolicy(options.max_attempts);
  env->max_retry_after_wait = options.max_retry_after_wait;
  env->per_attempt_timeout = options.per_attempt_timeout;
  ReplicationPolicy replication{options.replication_retry_budget,
                                std::make_shared<retry::BackoffPolicy>(
                                    options.replication_backoff, random)};
  return std::unique_ptr<GraphClientImpl>(
      new GraphClientImpl(*std::move(base), std::move(env), replication));
}

GraphClientImpl::GraphClientImpl(std::string base_url,
                                 std::shared_ptr<const GraphCallEnv> env,
                                 ReplicationPolicy replication)
    : base_url_(std::move(base_url)),
      env_(std::move(env)),
      replication_(std::move(replication)) {}

std::shared_ptr<CallIdentity> GraphClientImpl::NewIdentity(
    const CallOptions& options) const {
  auto identity = std::make_shared<CallIdentity>();
  identity->client_request_id = NewUuid();
  identity->rpc_id = options.rpc_id;
  identity->deadline = options.deadline;
  identity->cancelled = options.cancelled;
  return identity;
}

void GraphClientImpl::CreateInvitation(
    const v1::CreateInvitationRequest& request,
    std::optional<std::string> reset_redemption_user_id,
    const CallOptions& options, Callback<v1::Invitation> done) {
  // The lookup is its own logical call (own client-request-id) under the
  // same deadline and rpc_id. It captures the environment, not `this`, so
  // an in-flight invite never outlives what it uses.
  FindUserFn find_user = [env = env_, base = base_url_, options](
                             const std::string& mail,
                             Callback<std::optional<v1::Guest>> found) {
    auto identity = std::make_shared<CallIdentity>();
    identity->client_request_id = NewUuid();
    identity->rpc_id = options.rpc_id;
    identity->deadline = options.deadline;
    RunParsedCall<std::optional<v1::Guest>>(
        env, {"GET", FindUserByMailUrl(base, mail)}, std::move(identity),
        &ParseFirstUser, std::move(found));
  };
  RunCreateInvitation(env_, base_url_, request,
                      std::move(reset_redemption_user_id), NewIdentity(options),
                      std::move(find_user), std::move(done));
}

void GraphClientImpl::AddGroupMember(const std::string& group_id,
                                     const std::string& user_id,
                                     const CallOptions& options,
                                     Callback<MemberAddOutcome> done) {
  RunAddGroupMember(env_, base_url_, group_id, user_id, replication_,
                    NewIdentity(options), std::move(done));
}

void GraphClientImpl::GetUser(const std::string& user_id,
                              const CallOptions& options,
                              Callback<v1::Guest> done) {
  RunParsedCall<v1::Guest>(env_, {"GET", UserWithSelectUrl(base_url_, user_id)},
                           NewIdentity(options), &ParseUser, std::move(done));
}

void GraphClientImpl::FindUserByMail(const std::string& mail,
                                     const CallOptions& options,
                                     Callback<std::optional<v1::Guest>> done) {
  RunParsedCall<std::optional<v1::Guest>>(
      env_, {"GET", FindUserByMailUrl(base_url_, mail)}, NewIdentity(options),
      &ParseFirstUser, std::move(done));
}

void GraphClientImpl::ListGuests(const ListUsersQuery& query,
                                 const CallOptions& options,
                                 Callback<UserPage> done) {
  absl::StatusOr<std::string> url = ListGuestsUrl(base_url_, query);
  if (!url.ok()) {
    // Asynchronous like every other outcome, so callers need not expect
    // their callback inside this call.
    env_->scheduler->Post(
        [status = url.status(), done = std::move(done)] { done(status); });
    return;
  }
  RunParsedCall<UserPage>(env_, {"GET", *std::move(url)}, NewIdentity(options),
                          &ParseUserPage, std::move(done));
}

void GraphClientImpl::SetAccountEnabled(const std::string& user_id,
                                        bool enabled,
                                        const CallOptions& options,
                                        StatusCallback done) {
  RunStatusCall(
      {"PATCH", UserUrl(base_url_, user_id), BuildAccountEnabledBody(enabled)},
      options, std::move(done));
}

void GraphClientImpl::DeleteUser(const std::string& user_id,
                                 const CallOptions& options,
                                 StatusCallback done) {
  RunStatusCall({"DELETE", UserUrl(base_url_, user_id)}, options,
                std::move(done));
}

void GraphClientImpl::RunStatusCall(GraphRequest request,
                                    const CallOptions& options,
                                    StatusCallback done) {
  const bool is_delete = request.method == "DELETE";
  auto identity = NewIdentity(options);
  auto on_result = [env = env_, identity, is_delete,
                    done = std::move(done)](GraphCallResult result) {
    // A DELETE retried after an attempt that may have gone through finds
    // the user gone: that 404 is our own success.
    if (is_delete && result.earlier_attempt_may_have_applied &&
        result.response.ok() && result.response->status == 404) {
      return done(absl::OkStatus());
    }
    done(NonSuccessStatus(result, *identity, env->scheduler->Now()));
  };
  RunGraphCall(env_, std::move(request), std::move(identity),
               std::move(on_result));
}

}  // namespace guestinvitation::graph
