#include "server/http/http_types.h"

#include "absl/strings/match.h"

namespace guestinvitation::http {

std::optional<std::string> FindHeader(const Headers& headers,
                                      absl::string_view name) {
  for (const auto& [k, v] : headers) {
    if (absl::EqualsIgnoreCase(k, name)) return v;
  }
  return std::nullopt;
}

}  // namespace guestinvitation::http
