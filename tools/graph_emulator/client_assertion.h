// Verifies the `client_assertion` of a token request (graph-api.md 7.2,
// 7.3): a compact JWS signed either with a certificate registered on the app
// (private_key_jwt; header x5t / x5t#S256) or by an external issuer that a
// federated identity credential trusts (workload identity federation).
// Pure: no I/O, the time comes from the caller.
#ifndef GUESTINVITATION_TOOLS_GRAPH_EMULATOR_CLIENT_ASSERTION_H_
#define GUESTINVITATION_TOOLS_GRAPH_EMULATOR_CLIENT_ASSERTION_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "tools/graph_emulator/trusted_key.h"

namespace guestinvitation::emulator {

// Longer assertions are refused unread (MSAL's are about 1.5 KiB; a
// Kubernetes service-account token about 1 KiB).
inline constexpr size_t kMaxAssertionSize = 16 * 1024;

inline constexpr char kTokenExchangeAudience[] = "api://AzureADTokenExchange";

// A federated identity credential of the app: tokens from `issuer` about
// `subject` for `audience` are accepted, signed by `key`. Matching is exact
// and case-sensitive, as Entra's is since 2025.
struct FederatedCredential {
  std::string issuer;
  std::string subject;
  std::string audience = kTokenExchangeAudience;
  TrustedKey key;
};

struct AssertionPolicy {
  std::string client_id;
  // `aud` values accepted in a certificate assertion (the token endpoint
  // URLs of the tenant). Compared case-insensitively.
  std::vector<std::string> audiences;
  std::vector<TrustedKey> certificates;
  std::vector<FederatedCredential> federated;
  absl::Time now;
  absl::Duration clock_skew = absl::Seconds(300);
  // Certificate assertions without `jti` are refused.
  bool require_jti = true;
};

enum class AssertionKind { kUnknown, kCertificate, kFederated };

struct AssertionResult {
  bool ok = false;
  // Known as soon as the header could be read.
  AssertionKind kind = AssertionKind::kUnknown;
  // On success.
  std::string jti;
  absl::Time expires_at;
  // On failure: the identity platform's flat error.
  int status = 0;
  std::string error;
  int aadsts = 0;
  std::string description;
};

AssertionResult VerifyClientAssertion(absl::string_view assertion,
                                      const AssertionPolicy& policy);

// "certificate", "federated" or "assertion" (unreadable), for the ledger.
const char* AssertionKindName(AssertionKind kind);

}  // namespace guestinvitation::emulator

#endif  // GUESTINVITATION_TOOLS_GRAPH_EMULATOR_CLIENT_ASSERTION_H_
