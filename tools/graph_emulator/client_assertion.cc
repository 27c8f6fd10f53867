// Error codes and texts (graph-api.md 4.4, 7.2, 7.3). Those quoted from
// real Entra responses in public issue threads:
//   AADSTS700027 invalid_client  "The certificate with identifier used to
//                sign the client assertion is not registered on
//                application. [Reason - The key was not found., Thumbprint
//                of key used by client: '<HEX>', ...]" and "Client assertion
//                contains an invalid signature. [Reason - ...]"
//   AADSTS700024 invalid_client  "Client assertion is not within its valid
//                time range. Current time: ..., assertion valid from ...,
//                expiry time of assertion ...."
//   AADSTS700023 invalid_client  "Client assertion audience claim does not
//                match Realm issuer."
//   AADSTS50048                  "Subject must match the issuer claim in the
//                client assertion."
//   AADSTS50027  invalid_client  "JWT token is invalid or malformed." and
//                "Invalid JWT token. No certificate thumbprint specified in
//                token header."
//   AADSTS5002730 invalid_request "Invalid JWT token. Unsupported key for
//                the signing algorithm."
//   AADSTS5002741                "Number of audience values in the provided
//                client credential exceed maximum allowed. ..."
//   AADSTS70021  400 invalid_request "No matching federated identity record
//                found for presented assertion. Assertion Issuer: '...'.
//                Assertion Subject: '...'. Assertion Audience: '...'."
// UNCONFIRMED (from memory or chosen here): the HTTP status of the
// invalid_client ones (401, like AADSTS7000215), AADSTS700021 for an issuer
// that is not the client id, the use of 5002730 for alg "none"/HS256,
// 50027 for a missing exp/jti, and 700027 for a bad signature on a
// federated token. Newer Entra splits 70021 into 700211 (issuer) and
// 700213 / 7002138 (subject); the emulator answers 70021 for all.

#include "tools/graph_emulator/client_assertion.h"

#include <boost/json.hpp>
#include <cctype>
#include <cmath>
#include <optional>
#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "tools/graph_emulator/json_util.h"

namespace guestinvitation::emulator {
namespace {

namespace json = boost::json;

constexpr char kCertDocs[] =
    " Review the documentation at "
    "https://learn.microsoft.com/entra/identity-platform/certificate-"
    "credentials .";
constexpr char kFederationDocs[] =
    " https://learn.microsoft.com/entra/workload-id/workload-identity-"
    "federation";

AssertionResult Fail(AssertionKind kind, int status, const char* error,
                     int aadsts, std::string description) {
  AssertionResult r;
  r.kind = kind;
  r.status = status;
  r.error = error;
  r.aadsts = aadsts;
  r.description = std::move(description);
  return r;
}

AssertionResult InvalidClient(AssertionKind kind, int aadsts,
                              std::string description) {
  return Fail(kind, 401, "invalid_client", aadsts, std::move(description));
}

AssertionResult Malformed(AssertionKind kind = AssertionKind::kUnknown) {
  return InvalidClient(kind, 50027, "JWT token is invalid or malformed.");
}

// Strict base64url: the URL-safe alphabet, no padding, canonical encoding.
std::optional<std::string> DecodeBase64Url(absl::string_view in) {
  for (char c : in) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') {
      return std::nullopt;
    }
  }
  std::string out;
  if (!absl::WebSafeBase64Unescape(in, &out)) return std::nullopt;
  if (absl::WebSafeBase64Escape(out) != in) return std::nullopt;
  return out;
}

std::optional<json::object> DecodeJsonPart(absl::string_view part) {
  std::optional<std::string> text = DecodeBase64Url(part);
  if (!text) return std::nullopt;
  absl::StatusOr<json::value> value = ParseJson(*text);
  if (!value.ok() || !value->is_object()) return std::nullopt;
  return std::move(value->get_object());
}

// The string member `key`, or nullopt if absent or not a string.
std::optional<std::string> StringMember(const json::object& o,
                                        const char* key) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr || !v->is_string()) return std::nullopt;
  return ToStd(v->get_string());
}

// A NumericDate claim as a time; nullopt if absent or not a sane number.
std::optional<absl::Time> TimeClaim(const json::object& o, const char* key) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr) return std::nullopt;
  std::optional<double> seconds = AsDouble(*v);
  if (!seconds || !(*seconds >= 0 && *seconds <= 1e11)) return std::nullopt;
  return absl::UnixEpoch() + absl::Seconds(std::floor(*seconds));
}

// `aud` as a list: a string or an array of strings.
std::optional<std::vector<std::string>> Audiences(const json::object& o) {
  const json::value* v = o.if_contains("aud");
  if (v == nullptr) return std::vector<std::string>{};
  if (v->is_string()) return std::vector<std::string>{ToStd(v->get_string())};
  if (!v->is_array()) return std::nullopt;
  std::vector<std::string> out;
  for (const json::value& e : v->get_array()) {
    if (!e.is_string()) return std::nullopt;
    out.push_back(ToStd(e.get_string()));
  }
  return out;
}

struct Jws {
  json::object header;
  json::object claims;
  std::string signing_input;  // "<header>.<payload>" as sent
  std::string signature;      // decoded
  JwsAlgorithm alg = JwsAlgorithm::kRs256;
};

std::string EntraTime(absl::Time t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E7SZ", t, absl::UTCTimeZone());
}

// exp required; nbf optional; both with the configured skew.
std::optional<AssertionResult> CheckTimes(AssertionKind kind,
                                          const json::object& claims,
                                          const AssertionPolicy& policy,
                                          absl::Time* expires_at) {
  std::optional<absl::Time> exp = TimeClaim(claims, "exp");
  if (!exp) {
    return InvalidClient(kind, 50027,
                         "Invalid JWT token. The token has no valid 'exp' "
                         "claim.");
  }
  if (claims.contains("nbf") && !TimeClaim(claims, "nbf")) {
    return Malformed(kind);
  }
  absl::Time nbf = TimeClaim(claims, "nbf").value_or(absl::UnixEpoch());
  if (policy.now > *exp + policy.clock_skew ||
      nbf > policy.now + policy.clock_skew) {
    return InvalidClient(
        kind, 700024,
        absl::StrCat("Client assertion is not within its valid time range. "
                     "Current time: ",
                     EntraTime(policy.now), ", assertion valid from ",
                     EntraTime(nbf), ", expiry time of assertion ",
                     EntraTime(*exp), ".", kCertDocs));
  }
  *expires_at = *exp;
  return std::nullopt;
}

AssertionResult BadSignature(AssertionKind kind, const std::string& thumb) {
  return InvalidClient(
      kind, 700027,
      absl::StrCat("Client assertion contains an invalid signature. [Reason - "
                   "The provided signature value did not match the expected "
                   "signature value., Thumbprint of key used by client: '",
                   thumb, "']", kCertDocs));
}

// The registered certificate named by x5t and/or x5t#S256 (both must name
// the same one), or nullptr. `thumb` gets the thumbprint for messages.
const TrustedKey* FindCertificate(const std::vector<TrustedKey>& certs,
                                  const std::optional<std::string>& sha1,
                                  const std::optional<std::string>& sha256) {
  for (const TrustedKey& cert : certs) {
    if (cert.sha1_thumbprint.empty()) continue;
    if (sha1 && *sha1 != cert.sha1_thumbprint) continue;
    if (sha256 && *sha256 != cert.sha256_thumbprint) continue;
    return &cert;
  }
  return nullptr;
}

AssertionResult VerifyCertificateAssertion(const Jws& jws,
                                           const AssertionPolicy& policy) {
  const AssertionKind kind = AssertionKind::kCertificate;
  const json::value* x5t = jws.header.if_contains("x5t");
  const json::value* x5t256 = jws.header.if_contains("x5t#S256");
  if (x5t == nullptr && x5t256 == nullptr) {
    return InvalidClient(kind, 50027,
                         "Invalid JWT token. No certificate thumbprint "
                         "specified in token header.");
  }
  std::optional<std::string> sha1, sha256;
  if (x5t != nullptr) {
    sha1 = x5t->is_string() ? DecodeBase64Url(ToStd(x5t->get_string()))
                            : std::nullopt;
    if (!sha1 || sha1->size() != 20) return Malformed(kind);
  }
  if (x5t256 != nullptr) {
    sha256 = x5t256->is_string() ? DecodeBase64Url(ToStd(x5t256->get_string()))
                                 : std::nullopt;
    if (!sha256 || sha256->size() != 32) return Malformed(kind);
  }
  const std::string thumb = UpperHex(sha1 ? *sha1 : *sha256);
  const TrustedKey* cert = FindCertificate(policy.certificates, sha1, sha256);
  if (cert == nullptr) {
    return InvalidClient(
        kind, 700027,
        absl::StrCat("The certificate with identifier used to sign the client "
                     "assertion is not registered on application. [Reason - "
                     "The key was not found., Thumbprint of key used by "
                     "client: '",
                     thumb,
                     "', Please visit the Azure Portal, Graph Explorer or "
                     "directly use MS Graph to see configured keys for app "
                     "Id '",
                     policy.client_id, "']", kCertDocs));
  }
  if (!VerifySignature(*cert, jws.alg, jws.signing_input, jws.signature)) {
    return BadSignature(kind, thumb);
  }
  std::optional<std::vector<std::string>> aud = Audiences(jws.claims);
  if (!aud) return Malformed(kind);
  if (aud->size() > 1) {
    return InvalidClient(
        kind, 5002741,
        absl::StrCat("Number of audience values in the provided client "
                     "credential exceed maximum allowed. ",
                     aud->size(),
                     " audience values provided, maximum allowed is 1."));
  }
  bool aud_ok = false;
  for (const std::string& accepted : policy.audiences) {
    if (!aud->empty() && absl::EqualsIgnoreCase((*aud)[0], accepted)) {
      aud_ok = true;
    }
  }
  if (!aud_ok) {
    return InvalidClient(
        kind, 700023,
        absl::StrCat("Client assertion audience claim does not match Realm "
                     "issuer.",
                     kCertDocs));
  }
  std::optional<std::string> iss = StringMember(jws.claims, "iss");
  std::optional<std::string> sub = StringMember(jws.claims, "sub");
  if (!iss || !sub || *iss != *sub) {
    return InvalidClient(kind, 50048,
                         "Subject must match the issuer claim in the client "
                         "assertion.");
  }
  if (!absl::EqualsIgnoreCase(*iss, policy.client_id)) {
    return InvalidClient(kind, 700021,
                         "Client assertion application identifier doesn't "
                         "match 'client_id' parameter." +
                             std::string(kCertDocs));
  }
  AssertionResult ok;
  if (auto error = CheckTimes(kind, jws.claims, policy, &ok.expires_at)) {
    return *error;
  }
  std::optional<std::string> jti = StringMember(jws.claims, "jti");
  if (policy.require_jti && (!jti || jti->empty())) {
    return InvalidClient(kind, 50027,
                         "Invalid JWT token. The token has no 'jti' claim.");
  }
  ok.ok = true;
  ok.kind = kind;
  ok.jti = jti.value_or("");
  return ok;
}

AssertionResult VerifyFederatedAssertion(const Jws& jws,
                                         const AssertionPolicy& policy) {
  const AssertionKind kind = AssertionKind::kFederated;
  std::string iss = StringMember(jws.claims, "iss").value_or("");
  std::string sub = StringMember(jws.claims, "sub").value_or("");
  std::optional<std::vector<std::string>> aud = Audiences(jws.claims);
  if (!aud) return Malformed(kind);
  const FederatedCredential* match = nullptr;
  for (const FederatedCredential& fic : policy.federated) {
    bool aud_ok = false;
    for (const std::string& a : *aud) aud_ok = aud_ok || a == fic.audience;
    if (fic.issuer == iss && fic.subject == sub && aud_ok) {
      match = &fic;
      break;
    }
  }
  if (match == nullptr) {
    return Fail(kind, 400, "invalid_request", 70021,
                absl::StrCat("No matching federated identity record found for "
                             "presented assertion. Assertion Issuer: '",
                             iss, "'. Assertion Subject: '", sub,
                             "'. Assertion Audience: '",
                             absl::StrJoin(*aud, ","), "'.", kFederationDocs));
  }
  if (!VerifySignature(match->key, jws.alg, jws.signing_input, jws.signature)) {
    return BadSignature(kind, UpperHex(match->key.sha1_thumbprint));
  }
  AssertionResult ok;
  if (auto error = CheckTimes(kind, jws.claims, policy, &ok.expires_at)) {
    return *error;
  }
  ok.ok = true;
  ok.kind = kind;
  ok.jti = StringMember(jws.claims, "jti").value_or("");
  return ok;
}

}  // namespace

AssertionResult VerifyClientAssertion(absl::string_view assertion,
                                      const AssertionPolicy& policy) {
  if (assertion.size() > kMaxAssertionSize) return Malformed();
  std::vector<absl::string_view> parts = absl::StrSplit(assertion, '.');
  if (parts.size() != 3 || parts[0].empty() || parts[1].empty()) {
    return Malformed();
  }
  Jws jws;
  std::optional<json::object> header = DecodeJsonPart(parts[0]);
  std::optional<json::object> claims = DecodeJsonPart(parts[1]);
  std::optional<std::string> signature = DecodeBase64Url(parts[2]);
  if (!header || !claims || !signature) return Malformed();
  jws.header = std::move(*header);
  jws.claims = std::move(*claims);
  jws.signature = std::move(*signature);
  jws.signing_input = absl::StrCat(parts[0], ".", parts[1]);

  // A thumbprint, or the app itself as issuer, makes it a certificate
  // assertion; any other issuer is looked up among the federated
  // credentials.
  const bool has_thumbprint =
      jws.header.contains("x5t") || jws.header.contains("x5t#S256");
  std::optional<std::string> iss = StringMember(jws.claims, "iss");
  const AssertionKind kind =
      has_thumbprint || (iss && absl::EqualsIgnoreCase(*iss, policy.client_id))
          ? AssertionKind::kCertificate
          : AssertionKind::kFederated;

  std::optional<std::string> alg = StringMember(jws.header, "alg");
  if (alg && *alg == "RS256") {
    jws.alg = JwsAlgorithm::kRs256;
  } else if (alg && *alg == "PS256") {
    jws.alg = JwsAlgorithm::kPs256;
  } else {
    // "none", HS256 (a shared secret is no certificate), ES256, ...
    return Fail(kind, 400, "invalid_request", 5002730,
                "Invalid JWT token. Unsupported key for the signing "
                "algorithm.");
  }
  if (jws.signature.empty()) return Malformed(kind);
  return kind == AssertionKind::kCertificate
             ? VerifyCertificateAssertion(jws, policy)
             : VerifyFederatedAssertion(jws, policy);
}

const char* AssertionKindName(AssertionKind kind) {
  switch (kind) {
    case AssertionKind::kCertificate:
      return "certificate";
    case AssertionKind::kFederated:
      return "federated";
    default:
      return "assertion";
  }
}

}  // namespace guestinvitation::emulator
