// The OAuth 2.0 client-credentials exchange with the Microsoft identity
// platform, shared by every credential kind: each TokenSource supplies only
// its credential parameters (client_secret, or client_assertion_type +
// client_assertion for certificates and workload identity).
#ifndef GUESTINVITATION_SERVER_AUTH_TOKEN_ENDPOINT_H_
#define GUESTINVITATION_SERVER_AUTH_TOKEN_ENDPOINT_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "server/auth/form_encoding.h"
#include "server/auth/token_provider.h"
#include "server/common/scheduler.h"
#include "server/http/http_transport.h"

namespace guestinvitation::auth {

struct TokenEndpointOptions {
  // The cloud's authority, e.g. "https://login.microsoftonline.com/"
  // (AZURE_AUTHORITY_HOST style; a missing trailing slash is added).
  std::string authority_host = "https://login.microsoftonline.com/";
  std::string tenant_id;  // GUID or verified domain
  std::string client_id;  // the app registration's client id
  // The Graph service root the token is for; the scope is its
  // scheme://host[:port] + "/.default" (tokens do not cross clouds).
  std::string graph_base_url = "https://graph.microsoft.com/v1.0";
};

struct TokenEndpoint {
  std::string token_url;  // {authority}{tenant}/oauth2/v2.0/token
  std::string client_id;
  std::string scope;  // e.g. https://graph.microsoft.com/.default
};

// Validates the options (https authority, tenant made of GUID/domain
// characters only so it cannot reshape the path) and derives the URL and
// scope. INVALID_ARGUMENT on bad options.
absl::StatusOr<TokenEndpoint> ResolveTokenEndpoint(
    const TokenEndpointOptions& options);

// "https://graph.microsoft.com/v1.0" -> "https://graph.microsoft.com".
absl::StatusOr<std::string> GraphRootFromBaseUrl(absl::string_view base_url);

// The POST for one token: form body client_id, scope, grant_type, then
// `credential` in order. Pure.
http::HttpRequest BuildTokenRequest(const TokenEndpoint& endpoint,
                                    const FormParams& credential,
                                    absl::Time deadline);

// Sends `request` and parses the answer (ParseTokenResponse), logging one
// line without secrets. `done` runs on a transport thread.
void FetchToken(http::HttpTransport& transport,
                const std::shared_ptr<Scheduler>& scheduler,
                http::HttpRequest request, TokenCallback done);

}  // namespace guestinvitation::auth

#endif  // GUESTINVITATION_SERVER_AUTH_TOKEN_ENDPOINT_H_
