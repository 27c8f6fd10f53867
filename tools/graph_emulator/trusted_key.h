// The public keys the token endpoint trusts for client assertions: the
// certificates registered on the app (graph-api.md 7.2) and the keys of
// federated identity credentials (7.3), loaded from PEM, and the RS256 /
// PS256 signature check done with them. Pure: no I/O besides memory BIOs.
#ifndef GUESTINVITATION_TOOLS_GRAPH_EMULATOR_TRUSTED_KEY_H_
#define GUESTINVITATION_TOOLS_GRAPH_EMULATOR_TRUSTED_KEY_H_

#include <openssl/evp.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace guestinvitation::emulator {

// Larger PEM texts are refused before OpenSSL sees them.
inline constexpr size_t kMaxPemSize = 64 * 1024;

struct TrustedKey {
  // Raw SHA-1 and SHA-256 digests of the certificate's DER encoding (what
  // the JWT header's x5t and x5t#S256 carry, base64url-encoded). Empty for a
  // bare public key.
  std::string sha1_thumbprint;
  std::string sha256_thumbprint;
  // An RSA public key.
  std::shared_ptr<EVP_PKEY> key;
};

// The first CERTIFICATE block of `pem` (other blocks, e.g. a private key,
// are skipped). Its key must be RSA.
absl::StatusOr<TrustedKey> LoadCertificate(absl::string_view pem);
// A "PUBLIC KEY" block or else a certificate (then with thumbprints).
absl::StatusOr<TrustedKey> LoadPublicKey(absl::string_view pem);

enum class JwsAlgorithm {
  kRs256,  // RSASSA-PKCS1-v1_5 with SHA-256
  kPs256,  // RSASSA-PSS, SHA-256, MGF1 SHA-256, salt length 32
};

// True iff `signature` is a valid signature of `signing_input` by `key`.
bool VerifySignature(const TrustedKey& key, JwsAlgorithm alg,
                     absl::string_view signing_input,
                     absl::string_view signature);

// Upper-case hex of `bytes` (how Entra prints thumbprints in messages).
std::string UpperHex(absl::string_view bytes);

}  // namespace guestinvitation::emulator

#endif  // GUESTINVITATION_TOOLS_GRAPH_EMULATOR_TRUSTED_KEY_H_
