// Where fresh tokens come from. One implementation per credential kind
// (client secret today; certificate assertion and workload identity later)
// sits behind this interface, and CachingTokenProvider puts the cache,
// single-flight and proactive refresh in front of any of them.
#ifndef GUESTINVITATION_SERVER_AUTH_TOKEN_SOURCE_H_
#define GUESTINVITATION_SERVER_AUTH_TOKEN_SOURCE_H_

#include "absl/time/time.h"
#include "server/auth/token_provider.h"

namespace guestinvitation::auth {

class TokenSource {
 public:
  virtual ~TokenSource() = default;
  // Requests one new token from the identity platform and calls `done`
  // exactly once, never inline. Failures are UNAVAILABLE with ErrorInfo
  // reason GRAPH_AUTHENTICATION_FAILED (see IsTransientTokenFailure).
  virtual void Fetch(absl::Time deadline, TokenCallback done) = 0;
};

}  // namespace guestinvitation::auth

#endif  // GUESTINVITATION_SERVER_AUTH_TOKEN_SOURCE_H_
