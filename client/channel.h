// Builds the gRPC channel described by ClientOptions (plaintext or TLS).
#ifndef GUESTINVITATION_CLIENT_CHANNEL_H_
#define GUESTINVITATION_CLIENT_CHANNEL_H_

#include <memory>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "client/client_options.h"
#include "grpcpp/channel.h"

namespace guestinvitation::client {

// Checks what gRPC would otherwise reject late or abort on: metadata keys
// must be lower-case token characters and must not use the reserved
// "grpc-" prefix.
absl::Status ValidateMetadata(const MetadataPairs& metadata);

// Reads options.ca_file when set; fails with NOT_FOUND / INVALID_ARGUMENT
// when it cannot be read or TLS-only options are given without tls.
absl::StatusOr<std::shared_ptr<grpc::Channel>> MakeChannel(
    const ClientOptions& options);

}  // namespace guestinvitation::client

#endif  // GUESTINVITATION_CLIENT_CHANNEL_H_
