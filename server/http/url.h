// Parsing of the absolute https:// URLs the transport accepts.
#ifndef GUESTINVITATION_SERVER_HTTP_URL_H_
#define GUESTINVITATION_SERVER_HTTP_URL_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace guestinvitation::http {

// Where a connection goes: one keep-alive pool per Origin.
struct Origin {
  std::string host;  // lower-cased; IPv6 literals without brackets
  std::string port;  // decimal, "443" if the URL had none
  bool is_ip_literal = false;

  // "host:port", the pool key.
  std::string Key() const;
  // The Host header value: brackets around IPv6, port only if not 443.
  std::string HostHeader() const;
};

struct ParsedUrl {
  Origin origin;
  std::string target;  // path + query, never empty, starts with '/'
};

// Parses "https://host[:port][/path][?query][#fragment]" (the fragment is
// dropped: it is never sent). Rejects other schemes, user info, empty hosts,
// bad ports, IPv6 zone ids, and control bytes, spaces or non-ASCII in the
// target, all with INVALID_ARGUMENT marked kNotSent.
absl::StatusOr<ParsedUrl> ParseHttpsUrl(absl::string_view url);

}  // namespace guestinvitation::http

#endif  // GUESTINVITATION_SERVER_HTTP_URL_H_
