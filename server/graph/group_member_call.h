// POST /groups/{id}/members/$ref, made idempotent and patient:
// - 204 (any 2xx) -> kAdded;
// - 400 Request_BadRequest "...already exist..." -> kAlreadyMember (Graph's
//   only signal for a duplicate; Microsoft guarantees just the 400, so the
//   code and the phrase are both required);
// - 404, or 400 "...do not exist" / "does not exist": usually directory
//   replication lag right after the invite created the user. Retried with
//   jittered backoff until the replication budget or the deadline runs
//   out, then NOT_FOUND with reason REPLICATION_TIMEOUT (Graph cannot tell
//   a lagging replica from a wrong id, so the message names both);
// - everything else is mapped by the error table.
// Transient failures (429, 5xx, transport) are handled by the retry loop.
#ifndef GUESTINVITATION_SERVER_GRAPH_GROUP_MEMBER_CALL_H_
#define GUESTINVITATION_SERVER_GRAPH_GROUP_MEMBER_CALL_H_

#include <memory>
#include <string>

#include "server/graph/graph_call.h"
#include "server/graph/graph_client.h"
#include "server/graph/graph_errors.h"
#include "server/retry/backoff_policy.h"

namespace guestinvitation::graph {

struct ReplicationPolicy {
  absl::Duration budget = absl::Seconds(30);
  std::shared_ptr<const retry::BackoffPolicy> backoff;
};

void RunAddGroupMember(std::shared_ptr<const GraphCallEnv> env,
                       const std::string& base_url, const std::string& group_id,
                       const std::string& user_id,
                       ReplicationPolicy replication,
                       std::shared_ptr<CallIdentity> identity,
                       Callback<MemberAddOutcome> done);

// Exposed for tests: the two special answers of the $ref POST.
bool IsAlreadyMemberAnswer(int http_status, const GraphErrorBody& error);
bool IsReplicationLagAnswer(int http_status, const GraphErrorBody& error);

}  // namespace guestinvitation::graph

#endif  // GUESTINVITATION_SERVER_GRAPH_GROUP_MEMBER_CALL_H_
