#include "server/auth/token_endpoint.h"

#include <algorithm>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "server/auth/token_response.h"
#include "server/common/error_details.h"
#include "server/common/ids.h"
#include "server/common/logger.h"

namespace guestinvitation::auth {
namespace {

constexpr absl::string_view kHttps = "https://";

bool IsTenantChar(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-' ||
         c == '.' || c == '_';
}

bool HasControlOrSpace(absl::string_view s) {
  for (unsigned char c : s) {
    if (c <= 0x20 || c == 0x7f) return true;
  }
  return false;
}

// One line per token request. Only identifiers and AAD's error codes: the
// request carried a secret and the response a token, neither is logged.
void LogTokenRequest(int http_status, absl::Duration latency,
                     const std::string& client_request_id,
                     const absl::Status& outcome) {
  LogFields fields = {{"status", int64_t{http_status}},
                      {"latency_ms", absl::ToInt64Milliseconds(latency)},
                      {"client_request_id", client_request_id},
                      {"ok", outcome.ok()}};
  if (auto info = GetErrorInfo(outcome)) {
    for (const char* key : {"aad_error", "aad_error_codes", "correlation_id"}) {
      auto it = info->metadata().find(key);
      if (it != info->metadata().end()) fields.emplace_back(key, it->second);
    }
  }
  Log(outcome.ok() ? LogLevel::kInfo : LogLevel::kWarning, "token_request",
      fields);
}

absl::Status BadOption(absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat("token endpoint: ", what));
}

}  // namespace

absl::StatusOr<std::string> GraphRootFromBaseUrl(absl::string_view base_url) {
  if (!absl::StartsWithIgnoreCase(base_url, kHttps) ||
      HasControlOrSpace(base_url)) {
    return BadOption("graph base URL must be an absolute https:// URL");
  }
  absl::string_view rest = base_url.substr(kHttps.size());
  const size_t end = rest.find_first_of("/?#");
  absl::string_view authority = rest.substr(0, end);
  if (authority.empty() || absl::StrContains(authority, "@")) {
    return BadOption("graph base URL has no usable host");
  }
  return absl::StrCat(kHttps, absl::AsciiStrToLower(authority));
}

absl::StatusOr<TokenEndpoint> ResolveTokenEndpoint(
    const TokenEndpointOptions& options) {
  std::string authority = options.authority_host;
  if (!absl::StartsWithIgnoreCase(authority, kHttps) ||
      authority.size() <= kHttps.size() || HasControlOrSpace(authority)) {
    return BadOption("authority host must be an absolute https:// URL");
  }
  if (!absl::EndsWith(authority, "/")) authority.push_back('/');
  const std::string& tenant = options.tenant_id;
  if (tenant.empty() || tenant.size() > 256 ||
      !std::all_of(tenant.begin(), tenant.end(), IsTenantChar)) {
    return BadOption("tenant id must be a GUID or a domain name");
  }
  if (options.client_id.empty() || HasControlOrSpace(options.client_id)) {
    return BadOption("client id is empty or malformed");
  }
  absl::StatusOr<std::string> root =
      GraphRootFromBaseUrl(options.graph_base_url);
  if (!root.ok()) return root.status();
  return TokenEndpoint{absl::StrCat(authority, tenant, "/oauth2/v2.0/token"),
                       options.client_id, absl::StrCat(*root, "/.default")};
}

http::HttpRequest BuildTokenRequest(const TokenEndpoint& endpoint,
                                    const FormParams& credential,
                                    absl::Time deadline) {
  FormParams params = {{"client_id", endpoint.client_id},
                       {"scope", endpoint.scope},
                       {"grant_type", "client_credentials"}};
  params.insert(params.end(), credential.begin(), credential.end());
  http::HttpRequest request;
  request.method = "POST";
  request.url = endpoint.token_url;
  request.headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                     {"Accept", "application/json"},
                     {"client-request-id", NewUuid()}};
  request.body = FormEncode(params);
  request.deadline = deadline;
  return request;
}

void FetchToken(http::HttpTransport& transport,
                const std::shared_ptr<Scheduler>& scheduler,
                http::HttpRequest request, TokenCallback done) {
  const absl::Time sent_at = scheduler->Now();
  std::string request_id =
      http::FindHeader(request.headers, "client-request-id").value_or("");
  transport.Send(std::move(request), [scheduler, sent_at, request_id,
                                      done = std::move(done)](
                                         absl::StatusOr<http::HttpResponse> r) {
    absl::StatusOr<AccessToken> token = r.ok()
                                            ? ParseTokenResponse(*r, sent_at)
                                            : TokenTransportError(r.status());
    LogTokenRequest(r.ok() ? r->status : 0, scheduler->Now() - sent_at,
                    request_id, token.status());
    done(std::move(token));
  });
}

}  // namespace guestinvitation::auth
