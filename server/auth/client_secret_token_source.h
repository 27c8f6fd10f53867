// Client credentials with a client secret (graph-api.md 7.1). The caller
// (server config) reads the secret from its file or environment; this class
// only sends it, in the form body, to the token endpoint.
#ifndef GUESTINVITATION_SERVER_AUTH_CLIENT_SECRET_TOKEN_SOURCE_H_
#define GUESTINVITATION_SERVER_AUTH_CLIENT_SECRET_TOKEN_SOURCE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "server/auth/token_endpoint.h"
#include "server/auth/token_source.h"
#include "server/common/scheduler.h"
#include "server/http/http_transport.h"

namespace guestinvitation::auth {

struct ClientSecretOptions {
  TokenEndpointOptions endpoint;
  std::string client_secret;  // never logged, never put in a status
};

class ClientSecretTokenSource : public TokenSource {
 public:
  // INVALID_ARGUMENT when an option is missing or malformed.
  static absl::StatusOr<std::shared_ptr<ClientSecretTokenSource>> Create(
      ClientSecretOptions options,
      std::shared_ptr<http::HttpTransport> transport,
      std::shared_ptr<Scheduler> scheduler);

  void Fetch(absl::Time deadline, TokenCallback done) override;

  const TokenEndpoint& endpoint() const { return endpoint_; }

 private:
  ClientSecretTokenSource(TokenEndpoint endpoint, std::string secret,
                          std::shared_ptr<http::HttpTransport> transport,
                          std::shared_ptr<Scheduler> scheduler);

  const TokenEndpoint endpoint_;
  // Shared so that a callback outliving this object can still scrub it.
  const std::shared_ptr<const std::string> secret_;
  const std::shared_ptr<http::HttpTransport> transport_;
  const std::shared_ptr<Scheduler> scheduler_;
};

// Returns `status` with every occurrence of `secret` in its message replaced
// by "[redacted]", payloads kept. Defence in depth: the identity platform
// does not echo secrets, but a proxy or a future message format might.
absl::Status ScrubSecret(const absl::Status& status, absl::string_view secret);

}  // namespace guestinvitation::auth

#endif  // GUESTINVITATION_SERVER_AUTH_CLIENT_SECRET_TOKEN_SOURCE_H_
