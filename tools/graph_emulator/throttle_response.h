// How a throttling decision shows in the response (graph-api.md 5.3, 5.4):
// x-ms-resource-unit and x-ms-throttle-limit-percentage on served calls,
// and the 429 with x-ms-throttle-scope, x-ms-throttle-information and
// Retry-After on throttled ones.
#ifndef GUESTINVITATION_TOOLS_GRAPH_EMULATOR_THROTTLE_RESPONSE_H_
#define GUESTINVITATION_TOOLS_GRAPH_EMULATOR_THROTTLE_RESPONSE_H_

#include <string>

#include "tools/graph_emulator/emulator_config.h"
#include "tools/graph_emulator/net/https_server.h"
#include "tools/graph_emulator/request_context.h"
#include "tools/graph_emulator/throttling.h"

namespace guestinvitation::emulator {

// Adds x-ms-resource-unit, and x-ms-throttle-limit-percentage (0.8..1.8,
// one decimal) when the usage is above 80 %.
void AddUsageHeaders(const ThrottleDecision& decision,
                     ServerResponse* response);

// "Tenant_Application/Write/{appId}/{tenantId}" and the like.
std::string ThrottleScope(ThrottleLimit limit, const std::string& app_id,
                          const std::string& tenant_id);

// The 429 of a throttled decision, with the usage headers.
ServerResponse ThrottledResponse(const ThrottleDecision& decision,
                                 RetryAfterForm form, const RequestContext& ctx,
                                 const std::string& app_id,
                                 const std::string& tenant_id);

}  // namespace guestinvitation::emulator

#endif  // GUESTINVITATION_TOOLS_GRAPH_EMULATOR_THROTTLE_RESPONSE_H_
