// Generates a throwaway ECDSA P-256 CA and a leaf certificate for loopback
// HTTPS (the emulator and tests), and the RSA client certificate of the
// emulated app registration. Nothing is written to disk here.
#ifndef GUESTINVITATION_TOOLS_GRAPH_EMULATOR_NET_CERT_GEN_H_
#define GUESTINVITATION_TOOLS_GRAPH_EMULATOR_NET_CERT_GEN_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace guestinvitation::emulator {

struct GeneratedCerts {
  std::string ca_cert_pem;    // trust this
  std::string leaf_cert_pem;  // server certificate (signed by the CA)
  std::string leaf_key_pem;   // server private key (PKCS#8 PEM)
};

struct CertOptions {
  // Subject alternative names: entries that parse as IPv4/IPv6 become IP
  // SANs, others DNS SANs.
  std::vector<std::string> hosts = {"127.0.0.1", "localhost", "::1"};
  absl::Duration validity = absl::Hours(24 * 30);
  // For fault tests: a leaf whose validity ended an hour ago.
  bool expired = false;
  // For fault tests: the leaf is signed by a second, throwaway CA, not by
  // the one returned in ca_cert_pem.
  bool untrusted_issuer = false;
};

absl::StatusOr<GeneratedCerts> GenerateCerts(const CertOptions& options = {});

// A self-signed RSA-2048 certificate for an app registration's client
// assertions (private_key_jwt): digitalSignature, clientAuth.
struct ClientCertificate {
  std::string cert_pem;
  std::string key_pem;  // PKCS#8 ("BEGIN PRIVATE KEY")
};
absl::StatusOr<ClientCertificate> GenerateClientCertificate(
    const std::string& common_name,
    absl::Duration validity = absl::Hours(24 * 365));

}  // namespace guestinvitation::emulator

#endif  // GUESTINVITATION_TOOLS_GRAPH_EMULATOR_NET_CERT_GEN_H_
