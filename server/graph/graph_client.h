// The Graph client seam: the use cases (server/invitations) speak to Graph
// only through this interface. The implementation owns retries, Retry-After,
// token handling, logging of each Graph call, and the mapping of Graph
// errors to absl::Status with ErrorInfo (reason, graph_code, http_status,
// graph_request_id).
#ifndef GUESTINVITATION_SERVER_GRAPH_GRAPH_CLIENT_H_
#define GUESTINVITATION_SERVER_GRAPH_GRAPH_CLIENT_H_

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "guestinvitation/v1/guest_invitation.pb.h"

namespace guestinvitation::graph {

struct CallOptions {
  // No attempt starts, and no retry wait extends, past this time.
  absl::Time deadline = absl::InfiniteFuture();
  // Correlates Graph-call log lines with the RPC that caused them.
  std::string rpc_id;
  // Set by the service when the caller cancels: no new attempt or retry
  // wait starts once it is true (in-flight HTTP finishes or times out).
  std::shared_ptr<const std::atomic<bool>> cancelled;
};

enum class MemberAddOutcome { kAdded, kAlreadyMember };

struct ListUsersQuery {
  int page_size = 100;          // $top, 1..999
  std::string next_link;        // full @odata.nextLink from a previous page
  std::string external_user_state;  // "PendingAcceptance" / "Accepted" / ""
  std::string mail;             // exact mail filter, or ""
};

struct UserPage {
  std::vector<guestinvitation::v1::Guest> users;
  std::string next_link;  // empty on the last page
};

template <typename T>
using Callback = std::function<void(absl::StatusOr<T>)>;
using StatusCallback = std::function<void(absl::Status)>;

class GraphClient {
 public:
  virtual ~GraphClient() = default;

  // POST /invitations. `request` is already validated. When
  // `reset_redemption_user_id` is set, sends resetRedemption=true and
  // invitedUser.id. Never causes a second invitation email: after an
  // ambiguous failure (the POST may have been applied) it looks the address
  // up and re-POSTs with sendInvitationMessage=false when the user exists.
  virtual void CreateInvitation(
      const guestinvitation::v1::CreateInvitationRequest& request,
      std::optional<std::string> reset_redemption_user_id,
      const CallOptions& options,
      Callback<guestinvitation::v1::Invitation> done) = 0;

  // POST /groups/{group_id}/members/$ref. Graph's "already exist" 400 is
  // kAlreadyMember. Replication-lag answers (404, or 400 "...do not
  // exist") are retried with backoff until the deadline or the configured
  // replication budget runs out.
  virtual void AddGroupMember(const std::string& group_id,
                              const std::string& user_id,
                              const CallOptions& options,
                              Callback<MemberAddOutcome> done) = 0;

  // GET /users/{id}?$select=... (guest fields).
  virtual void GetUser(const std::string& user_id, const CallOptions& options,
                       Callback<guestinvitation::v1::Guest> done) = 0;

  // GET /users?$filter=mail eq '...' : the user with this mail, if any.
  virtual void FindUserByMail(
      const std::string& mail, const CallOptions& options,
      Callback<std::optional<guestinvitation::v1::Guest>> done) = 0;

  // GET /users?$filter=userType eq 'Guest' ... (one page).
  virtual void ListGuests(const ListUsersQuery& query,
                          const CallOptions& options,
                          Callback<UserPage> done) = 0;

  // PATCH /users/{id} {"accountEnabled": enabled}.
  virtual void SetAccountEnabled(const std::string& user_id, bool enabled,
                                 const CallOptions& options,
                                 StatusCallback done) = 0;

  // DELETE /users/{id}.
  virtual void DeleteUser(const std::string& user_id,
                          const CallOptions& options, StatusCallback done) = 0;
};

}  // namespace guestinvitation::graph

#endif  // GUESTINVITATION_SERVER_GRAPH_GRAPH_CLIENT_H_
