// What every handler needs to know about the request being served: the
// decoded target, the time, and the correlation ids that go into response
// headers and error bodies.
#ifndef GUESTINVITATION_TOOLS_GRAPH_EMULATOR_REQUEST_CONTEXT_H_
#define GUESTINVITATION_TOOLS_GRAPH_EMULATOR_REQUEST_CONTEXT_H_

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "tools/graph_emulator/net/https_server.h"
#include "tools/graph_emulator/odata_query.h"

namespace guestinvitation::emulator {

struct RequestContext {
  const ServerRequest* request = nullptr;
  std::string method;  // upper case
  std::string path;    // decoded, no query
  std::vector<std::string> segments;
  QueryParams query;
  absl::Time now;
  std::string request_id;         // new for every request
  std::string client_request_id;  // the caller's (if usable) or new
  // "https://<Host header>": where links the caller follows must point
  // (@odata.nextLink, @odata.context).
  std::string base_url;
  // Set by the invited_user_array fault: render the old beta shape.
  bool invited_user_as_array = false;

  const std::string& body() const { return request->body; }
  std::string Header(absl::string_view name) const {
    return request->Header(name);
  }
};

}  // namespace guestinvitation::emulator

#endif  // GUESTINVITATION_TOOLS_GRAPH_EMULATOR_REQUEST_CONTEXT_H_
