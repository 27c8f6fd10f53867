// The token seam: Graph code asks for a bearer token and reports rejected
// ones. Implementations cache and refresh; callers never see credentials.
#ifndef GUESTINVITATION_SERVER_AUTH_TOKEN_PROVIDER_H_
#define GUESTINVITATION_SERVER_AUTH_TOKEN_PROVIDER_H_

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace guestinvitation::auth {

struct AccessToken {
  std::string value;  // the bearer token; never log it
  absl::Time expires_at = absl::InfinitePast();
  // When to fetch a successor proactively (from refresh_in, or a margin
  // before expires_at).
  absl::Time refresh_at = absl::InfinitePast();
};

using TokenCallback = std::function<void(absl::StatusOr<AccessToken>)>;

class TokenProvider {
 public:
  virtual ~TokenProvider() = default;
  // Calls `done` exactly once with a token valid beyond now + a safety
  // margin. May run `done` inline when a cached token is good; otherwise
  // joins the single in-flight refresh. Fails with the fetch error, or
  // DEADLINE_EXCEEDED once `deadline` passes.
  virtual void GetToken(absl::Time deadline, TokenCallback done) = 0;
  // Graph answered 401 to `value`: forget it if it is still the cached
  // token so the next GetToken fetches a new one.
  virtual void InvalidateToken(const std::string& value) = 0;
};

}  // namespace guestinvitation::auth

#endif  // GUESTINVITATION_SERVER_AUTH_TOKEN_PROVIDER_H_
