#include "tools/graph_emulator/embedded_emulator.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tools/graph_emulator/ids.h"
#include "tools/graph_emulator/json_util.h"
#include "tools/graph_emulator/net/cert_gen.h"

namespace guestinvitation::emulator {
namespace {

EmulatorCredentials RandomCredentials() {
  return EmulatorCredentials{RandomGuid(), RandomGuid(), RandomSecret(40)};
}

absl::Status ErrnoStatus(absl::string_view what, const std::string& path) {
  return absl::InternalError(
      absl::StrCat(what, " ", path, ": ", std::strerror(errno)));
}

// Writes `contents` to `path` via a temporary file and rename, so readers
// never see a partial file.
absl::Status WriteFileAtomically(const std::string& path,
                                 const std::string& contents, mode_t mode) {
  std::string tmp = absl::StrCat(path, ".tmp");
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) return ErrnoStatus("cannot create", tmp);
  // open() honours the umask; the credentials file must be exactly 0600.
  bool ok = ::fchmod(fd, mode) == 0;
  size_t written = 0;
  while (ok && written < contents.size()) {
    ssize_t n =
        ::write(fd, contents.data() + written, contents.size() - written);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) written += static_cast<size_t>(n);
  }
  ok = ::fsync(fd) == 0 && ok;
  ok = ::close(fd) == 0 && ok;
  if (!ok) return ErrnoStatus("cannot write", tmp);
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    return ErrnoStatus("cannot rename to", path);
  }
  return absl::OkStatus();
}

// The host a client should dial: a wildcard listen address is reachable on
// loopback; IPv6 literals need brackets in URLs.
std::string HostForUrl(const std::string& host) {
  if (host == "0.0.0.0" || host.empty()) return "127.0.0.1";
  if (host == "::") return "[::1]";
  return absl::StrContains(host, ':') ? absl::StrCat("[", host, "]") : host;
}

CertOptions CertOptionsFor(const EmbeddedEmulatorOptions& options) {
  CertOptions cert_options;
  cert_options.hosts = {"127.0.0.1", "localhost", "::1"};
  if (options.listen_host != "127.0.0.1" && options.listen_host != "::1" &&
      options.listen_host != "localhost") {
    cert_options.hosts.push_back(options.listen_host);
  }
  switch (options.tls_certificate) {
    case TlsCertificate::kValid:
      break;
    case TlsCertificate::kExpired:
      cert_options.expired = true;
      break;
    case TlsCertificate::kWrongHost:
      // .invalid is reserved (RFC 2606): it can never be the dialled name.
      cert_options.hosts = {"graph.invalid"};
      break;
    case TlsCertificate::kUntrusted:
      cert_options.untrusted_issuer = true;
      break;
  }
  return cert_options;
}

}  // namespace

std::optional<TlsCertificate> ParseTlsCertificate(absl::string_view name) {
  if (name == "valid") return TlsCertificate::kValid;
  if (name == "expired") return TlsCertificate::kExpired;
  if (name == "wrong-host") return TlsCertificate::kWrongHost;
  if (name == "untrusted") return TlsCertificate::kUntrusted;
  return std::nullopt;
}

absl::StatusOr<std::unique_ptr<EmbeddedEmulator>> EmbeddedEmulator::Start(
    EmbeddedEmulatorOptions options) {
  absl::StatusOr<GeneratedCerts> certs =
      GenerateCerts(CertOptionsFor(options));
  if (!certs.ok()) return certs.status();

  std::unique_ptr<EmbeddedEmulator> self(new EmbeddedEmulator());
  self->credentials_ = options.credentials.value_or(RandomCredentials());
  if (self->credentials_.client_certificate_pem.empty()) {
    absl::StatusOr<ClientCertificate> client_cert =
        GenerateClientCertificate("guestinvitation emulated app");
    if (!client_cert.ok()) return client_cert.status();
    self->credentials_.client_certificate_pem =
        client_cert->cert_pem + client_cert->key_pem;
  }
  self->ca_pem_ = certs->ca_cert_pem;
  self->emulator_ = std::make_unique<GraphEmulator>(GraphEmulatorOptions{
      self->credentials_, std::move(options.config), std::move(options.clock)});

  HttpsServerOptions server_options;
  server_options.listen_host = options.listen_host;
  server_options.listen_port = options.listen_port;
  server_options.cert_chain_pem = certs->leaf_cert_pem;
  server_options.private_key_pem = certs->leaf_key_pem;
  server_options.threads = options.threads;
  self->server_ = HttpsServer::Create(std::move(server_options),
                                      self->emulator_->Handler());
  if (self->server_ == nullptr) {
    return absl::InternalError("cannot create the HTTPS server");
  }
  absl::Status started = self->server_->Start();
  if (!started.ok()) return started;
  HttpsServer* server = self->server_.get();
  self->emulator_->SetTlsConnectionCounter(
      [server] { return server->tls_handshakes_completed(); });
  self->port_ = server->port();
  self->endpoint_ = absl::StrCat("https://", HostForUrl(options.listen_host),
                                 ":", self->port_);
  return self;
}

EmbeddedEmulator::~EmbeddedEmulator() { Stop(); }

void EmbeddedEmulator::Stop() {
  if (server_ != nullptr) server_->Stop();
}

absl::Status EmbeddedEmulator::WriteStateDir(const std::string& dir) const {
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
    return ErrnoStatus("cannot create directory", dir);
  }
  absl::Status status =
      WriteFileAtomically(absl::StrCat(dir, "/ca.pem"), ca_pem_, 0644);
  if (!status.ok()) return status;
  // Absolute, so that credentials.json is usable from any directory.
  char* real_dir = ::realpath(dir.c_str(), nullptr);
  if (real_dir == nullptr) return ErrnoStatus("cannot resolve", dir);
  const std::string cert_file = absl::StrCat(real_dir, "/client-cert.pem");
  std::free(real_dir);
  status =
      WriteFileAtomically(cert_file, credentials_.client_certificate_pem, 0600);
  if (!status.ok()) return status;
  boost::json::object creds{{"tenant_id", credentials_.tenant_id},
                            {"client_id", credentials_.client_id},
                            {"client_secret", credentials_.client_secret},
                            {"client_certificate_file", cert_file}};
  status = WriteFileAtomically(absl::StrCat(dir, "/credentials.json"),
                               Serialize(creds) + "\n", 0600);
  if (!status.ok()) return status;
  // Last: its presence tells a waiting script that everything is ready.
  return WriteFileAtomically(absl::StrCat(dir, "/endpoint"), endpoint_, 0644);
}

}  // namespace guestinvitation::emulator
