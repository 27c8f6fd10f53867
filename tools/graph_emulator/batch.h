// JSON batching, POST /v1.0/$batch (graph-api.md 6): validates the batch,
// runs its items in dependsOn order through the same pipeline as top-level
// calls (faults, authentication, throttling, handlers, ledger) and answers
// the 200 envelope {"responses":[{"id","status","headers","body"}]}.
#ifndef GUESTINVITATION_TOOLS_GRAPH_EMULATOR_BATCH_H_
#define GUESTINVITATION_TOOLS_GRAPH_EMULATOR_BATCH_H_

#include <functional>

#include "tools/graph_emulator/emulator_state.h"
#include "tools/graph_emulator/net/https_server.h"
#include "tools/graph_emulator/request_context.h"

namespace guestinvitation::emulator {

// Serves one item as if it were a top-level request with this method,
// target ("/v1.0/..."), headers and body.
using BatchItemServer = std::function<ServerResponse(const ServerRequest&)>;

// `ctx` is the authenticated outer POST /v1.0/$batch.
ServerResponse HandleBatch(EmulatorState& state, const RequestContext& ctx,
                           const BatchItemServer& serve_item);

}  // namespace guestinvitation::emulator

#endif  // GUESTINVITATION_TOOLS_GRAPH_EMULATOR_BATCH_H_
