// Options for GuestInvitationClient: where to connect, how, and the default
// deadline and metadata of every call.
#ifndef GUESTINVITATION_CLIENT_CLIENT_OPTIONS_H_
#define GUESTINVITATION_CLIENT_CLIENT_OPTIONS_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/time.h"

namespace guestinvitation::client {

// gRPC metadata: lower-case keys; values are sent as given.
using MetadataPairs = std::vector<std::pair<std::string, std::string>>;

struct ClientOptions {
  // gRPC target, e.g. "127.0.0.1:50051" or "dns:///guests.internal:443".
  std::string target = "127.0.0.1:50051";
  // Plaintext by default: the service normally runs inside a private network
  // or behind a sidecar that terminates TLS.
  bool tls = false;
  // PEM file with the roots to trust; empty means the system roots.
  std::string ca_file;
  // Name to verify in the server certificate instead of the target's host
  // (for connecting by IP address or through a tunnel).
  std::string tls_server_name;
  // Deadline of every call that does not set its own. InfiniteDuration()
  // means no deadline.
  absl::Duration default_timeout = absl::Seconds(30);
  // Sent with every call (for example an authorization header added by a
  // mesh policy).
  MetadataPairs metadata;
};

// Per-call overrides.
struct CallOptions {
  // Replaces ClientOptions::default_timeout for this call.
  std::optional<absl::Duration> timeout;
  // Added to ClientOptions::metadata for this call.
  MetadataPairs metadata;
};

}  // namespace guestinvitation::client

#endif  // GUESTINVITATION_CLIENT_CLIENT_OPTIONS_H_
