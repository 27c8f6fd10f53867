#include "client/channel.h"

#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"

namespace guestinvitation::client {
namespace {

bool IsMetadataKeyChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.';
}

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return absl::NotFoundError(absl::StrCat("cannot read CA file ", path));
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> TlsCredentials(
    const ClientOptions& options) {
  grpc::SslCredentialsOptions ssl;
  if (!options.ca_file.empty()) {
    auto pem = ReadFile(options.ca_file);
    if (!pem.ok()) return pem.status();
    if (pem->find("-----BEGIN CERTIFICATE-----") == std::string::npos) {
      return absl::InvalidArgumentError(
          absl::StrCat(options.ca_file, " holds no PEM certificate"));
    }
    ssl.pem_root_certs = *std::move(pem);
  }
  return grpc::SslCredentials(ssl);
}

}  // namespace

absl::Status ValidateMetadata(const MetadataPairs& metadata) {
  for (const auto& [key, value] : metadata) {
    bool valid = !key.empty();
    for (char c : key) valid = valid && IsMetadataKeyChar(c);
    if (!valid || key.rfind("grpc-", 0) == 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("invalid metadata key \"", key,
                       "\": use lower-case letters, digits, '-', '_' or '.', "
                       "not starting with grpc-"));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::shared_ptr<grpc::Channel>> MakeChannel(
    const ClientOptions& options) {
  if (auto valid = ValidateMetadata(options.metadata); !valid.ok()) {
    return valid;
  }
  if (!options.tls) {
    // Silently connecting in plaintext when the caller asked for a CA or a
    // server name would defeat the point of passing them.
    if (!options.ca_file.empty() || !options.tls_server_name.empty()) {
      return absl::InvalidArgumentError(
          "a CA file or TLS server name needs TLS to be enabled");
    }
    return grpc::CreateChannel(options.target,
                               grpc::InsecureChannelCredentials());
  }
  auto credentials = TlsCredentials(options);
  if (!credentials.ok()) return credentials.status();
  grpc::ChannelArguments args;
  if (!options.tls_server_name.empty()) {
    args.SetSslTargetNameOverride(options.tls_server_name);
  }
  return grpc::CreateCustomChannel(options.target, *credentials, args);
}

}  // namespace guestinvitation::client
