// GraphClient over HttpTransport + TokenProvider + Scheduler. Each method
// is one logical call with its own client-request-id (a UUID we generate,
// reused by all of its retries), run through the retry loop in
// graph_call.h; the special flows live in invitation_call.h (never a second
// invitation email) and group_member_call.h (already-member, replication
// lag). All outcomes are mapped by graph_errors.h.
#ifndef GUESTINVITATION_SERVER_GRAPH_GRAPH_CLIENT_IMPL_H_
#define GUESTINVITATION_SERVER_GRAPH_GRAPH_CLIENT_IMPL_H_

#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "server/auth/token_provider.h"
#include "server/common/scheduler.h"
#include "server/graph/graph_call.h"
#include "server/graph/graph_client.h"
#include "server/graph/group_member_call.h"
#include "server/http/http_transport.h"
#include "server/retry/backoff_policy.h"
#include "server/retry/random_source.h"

namespace guestinvitation::graph {

struct GraphClientOptions {
  // Service root, https only; trailing slashes are ignored.
  std::string graph_base_url = "https://graph.microsoft.com/v1.0";
  // HTTP attempts per request, the first included (the SDKs: 1 + 3).
  int max_attempts = 4;
  // Fallback waits when Graph sends no Retry-After (SDK-like 3 s doubling,
  // 180 s cap, full jitter). Scale < 1 for the emulator's fast time.
  retry::BackoffOptions backoff;
  // A Retry-After (or backoff) longer than this is not waited out: the call
  // fails with RetryInfo instead.
  absl::Duration max_retry_after_wait = absl::Seconds(180);
  // How long a group add keeps retrying "not found" answers caused by
  // replication lag, and the waits between those tries.
  absl::Duration replication_retry_budget = absl::Seconds(30);
  retry::BackoffOptions replication_backoff{absl::Seconds(1), absl::Seconds(8),
                                            1.0};
  // Cap on one HTTP attempt (also bounded by CallOptions.deadline).
  absl::Duration per_attempt_timeout = absl::Seconds(30);
};

class GraphClientImpl : public GraphClient {
 public:
  // INVALID_ARGUMENT for a non-https base URL or missing dependencies.
  // `random` drives backoff jitter (tests pass a fixed source).
  static absl::StatusOr<std::unique_ptr<GraphClientImpl>> Create(
      const GraphClientOptions& options,
      std::shared_ptr<http::HttpTransport> transport,
      std::shared_ptr<auth::TokenProvider> tokens,
      std::shared_ptr<Scheduler> scheduler,
      retry::RandomSource random = retry::DefaultRandomSource());

  void CreateInvitation(
      const guestinvitation::v1::CreateInvitationRequest& request,
      std::optional<std::string> reset_redemption_user_id,
      const CallOptions& options,
      Callback<guestinvitation::v1::Invitation> done) override;
  void AddGroupMember(const std::string& group_id, const std::string& user_id,
                      const CallOptions& options,
                      Callback<MemberAddOutcome> done) override;
  void GetUser(const std::string& user_id, const CallOptions& options,
               Callback<guestinvitation::v1::Guest> done) override;
  void FindUserByMail(
      const std::string& mail, const CallOptions& options,
      Callback<std::optional<guestinvitation::v1::Guest>> done) override;
  void ListGuests(const ListUsersQuery& query, const CallOptions& options,
                  Callback<UserPage> done) override;
  void SetAccountEnabled(const std::string& user_id, bool enabled,
                         const CallOptions& options,
                         StatusCallback done) override;
  void DeleteUser(const std::string& user_id, const CallOptions& options,
                  StatusCallback done) override;

  const std::string& base_url() const { return base_url_; }

 private:
  GraphClientImpl(std::string base_url, std::shared_ptr<const GraphCallEnv> env,
                  ReplicationPolicy replication);
  std::shared_ptr<CallIdentity> NewIdentity(const CallOptions& options) const;
  void RunStatusCall(GraphRequest request, const CallOptions& options,
                     StatusCallback done);

  const std::string base_url_;
  const std::shared_ptr<const GraphCallEnv> env_;
  const ReplicationPolicy replication_;
};

}  // namespace guestinvitation::graph

#endif  // GUESTINVITATION_SERVER_GRAPH_GRAPH_CLIENT_IMPL_H_
