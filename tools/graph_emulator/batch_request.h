// The body of POST /v1.0/$batch read and checked as a whole: every item
// well formed, ids unique, dependencies known and acyclic. Any problem is a
// 400 for the whole batch (graph-api.md 6); docs/graph-emulator.md lists
// the messages and which ones are observed from Graph.
#ifndef GUESTINVITATION_TOOLS_GRAPH_EMULATOR_BATCH_REQUEST_H_
#define GUESTINVITATION_TOOLS_GRAPH_EMULATOR_BATCH_REQUEST_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/http/http_types.h"
#include "tools/graph_emulator/emulator_config.h"

namespace guestinvitation::emulator {

struct BatchItem {
  std::string id;
  std::string method;  // upper case
  std::string url;     // relative, starts with '/'
  http::Headers headers;
  std::optional<std::string> body;  // re-serialized JSON (or the raw string)
  std::vector<std::string> depends_on;
};

struct BatchRequest {
  std::vector<BatchItem> items;   // in the order sent
  std::vector<size_t> run_order;  // indexes into items, dependencies first
  bool sequential = false;        // some item has dependsOn
};

inline constexpr char kInvalidBatchPayload[] = "Invalid batch payload format.";

// INVALID_ARGUMENT with the message of the 400 on any problem.
absl::StatusOr<BatchRequest> ParseBatchRequest(absl::string_view body,
                                               const BatchConfig& config);

// The first path segment of an item url, percent-decoded ("" if none).
std::string FirstSegment(absl::string_view url);

}  // namespace guestinvitation::emulator

#endif  // GUESTINVITATION_TOOLS_GRAPH_EMULATOR_BATCH_REQUEST_H_
