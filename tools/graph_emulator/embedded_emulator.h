// EmbeddedEmulator: a GraphEmulator served over HTTPS on loopback with a
// throwaway CA, plus the credentials of the one app registration it accepts.
// Used by `graph-emulator`, by `guest-invitation-server --dev` and by
// integration tests.
#ifndef GUESTINVITATION_TOOLS_GRAPH_EMULATOR_EMBEDDED_EMULATOR_H_
#define GUESTINVITATION_TOOLS_GRAPH_EMULATOR_EMBEDDED_EMULATOR_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "tools/graph_emulator/emulator_config.h"
#include "tools/graph_emulator/emulator_state.h"
#include "tools/graph_emulator/graph_emulator.h"
#include "tools/graph_emulator/net/https_server.h"

namespace guestinvitation::emulator {

// The server certificate, for tests of clients that must refuse a bad one
// (peers.md 8, class 13). Every variant writes the same kind of ca.pem.
enum class TlsCertificate {
  kValid,      // signed by the CA in ca_pem(), SANs 127.0.0.1/localhost/::1
  kExpired,    // as kValid, but notAfter an hour in the past
  kWrongHost,  // signed by that CA, but only for graph.invalid
  kUntrusted,  // right names, signed by a CA that is not the one in ca_pem()
};

// "valid", "expired", "wrong-host" or "untrusted".
std::optional<TlsCertificate> ParseTlsCertificate(absl::string_view name);

struct EmbeddedEmulatorOptions {
  std::string listen_host = "127.0.0.1";
  int listen_port = 0;  // 0 = any free port
  EmulatorConfig config = DefaultEmulatorConfig();
  // Random ones (tenant and client GUIDs, a 40-character secret) if unset.
  // Without a client_certificate_pem, a new RSA-2048 certificate (and key)
  // is generated and registered on the app.
  std::optional<EmulatorCredentials> credentials;
  int threads = 2;
  // Defaults to absl::Now; tests may pass a controllable clock.
  std::function<absl::Time()> clock;
  TlsCertificate tls_certificate = TlsCertificate::kValid;
};

class EmbeddedEmulator {
 public:
  // Generates the certificates, binds and starts serving.
  static absl::StatusOr<std::unique_ptr<EmbeddedEmulator>> Start(
      EmbeddedEmulatorOptions options = {});
  ~EmbeddedEmulator();  // stops the server
  EmbeddedEmulator(const EmbeddedEmulator&) = delete;
  EmbeddedEmulator& operator=(const EmbeddedEmulator&) = delete;

  // Stops accepting and closes connections. Idempotent.
  void Stop();

  // "https://127.0.0.1:PORT" (IPv6 hosts in brackets).
  const std::string& endpoint() const { return endpoint_; }
  // endpoint() + "/v1.0": the server's --graph-base-url.
  std::string graph_base_url() const { return endpoint_ + "/v1.0"; }
  // endpoint() + "/": the server's --authority-host (token endpoint is
  // authority_host() + tenant_id + "/oauth2/v2.0/token").
  std::string authority_host() const { return endpoint_ + "/"; }
  // PEM of the CA that signed the server certificate: trust it.
  const std::string& ca_pem() const { return ca_pem_; }
  const EmulatorCredentials& credentials() const { return credentials_; }
  int port() const { return port_; }
  GraphEmulator& emulator() { return *emulator_; }

  // Writes ca.pem, client-cert.pem (the app's certificate and PKCS#8 private
  // key; mode 0600), credentials.json (mode 0600; its
  // "client_certificate_file" names client-cert.pem) and, last, endpoint
  // into `dir` (created with mode 0700 if missing). Each file is written to
  // a temporary name and renamed, so a reader that sees `endpoint` finds
  // the others complete.
  absl::Status WriteStateDir(const std::string& dir) const;

 private:
  EmbeddedEmulator() = default;

  std::unique_ptr<GraphEmulator> emulator_;
  std::unique_ptr<HttpsServer> server_;
  EmulatorCredentials credentials_;
  std::string ca_pem_;
  std::string endpoint_;
  int port_ = 0;
};

}  // namespace guestinvitation::emulator

#endif  // GUESTINVITATION_TOOLS_GRAPH_EMULATOR_EMBEDDED_EMULATOR_H_
