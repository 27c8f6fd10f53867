#include "server/auth/client_secret_token_source.h"

#include <utility>

#include "absl/strings/cord.h"
#include "absl/strings/match.h"
#include "absl/strings/str_replace.h"

namespace guestinvitation::auth {

absl::StatusOr<std::shared_ptr<ClientSecretTokenSource>>
ClientSecretTokenSource::Create(ClientSecretOptions options,
                                std::shared_ptr<http::HttpTransport> transport,
                                std::shared_ptr<Scheduler> scheduler) {
  if (options.client_secret.empty()) {
    return absl::InvalidArgumentError("client secret is empty");
  }
  if (transport == nullptr || scheduler == nullptr) {
    return absl::InvalidArgumentError("transport and scheduler are required");
  }
  absl::StatusOr<TokenEndpoint> endpoint =
      ResolveTokenEndpoint(options.endpoint);
  if (!endpoint.ok()) return endpoint.status();
  return std::shared_ptr<ClientSecretTokenSource>(new ClientSecretTokenSource(
      *std::move(endpoint), std::move(options.client_secret),
      std::move(transport), std::move(scheduler)));
}

ClientSecretTokenSource::ClientSecretTokenSource(
    TokenEndpoint endpoint, std::string secret,
    std::shared_ptr<http::HttpTransport> transport,
    std::shared_ptr<Scheduler> scheduler)
    : endpoint_(std::move(endpoint)),
      secret_(std::make_shared<const std::string>(std::move(secret))),
      transport_(std::move(transport)),
      scheduler_(std::move(scheduler)) {}

void ClientSecretTokenSource::Fetch(absl::Time deadline, TokenCallback done) {
  http::HttpRequest request =
      BuildTokenRequest(endpoint_, {{"client_secret", *secret_}}, deadline);
  FetchToken(*transport_, scheduler_, std::move(request),
             [secret = secret_,
              done = std::move(done)](absl::StatusOr<AccessToken> token) {
               if (!token.ok()) {
                 done(ScrubSecret(token.status(), *secret));
                 return;
               }
               done(std::move(token));
             });
}

absl::Status ScrubSecret(const absl::Status& status, absl::string_view secret) {
  if (secret.empty() || !absl::StrContains(status.message(), secret)) {
    return status;
  }
  absl::Status scrubbed(
      status.code(),
      absl::StrReplaceAll(status.message(), {{secret, "[redacted]"}}));
  status.ForEachPayload(
      [&scrubbed](absl::string_view url, const absl::Cord& payload) {
        scrubbed.SetPayload(url, payload);
      });
  return scrubbed;
}

}  // namespace guestinvitation::auth
