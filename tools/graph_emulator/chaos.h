// Chaos mode: random failures of a share of requests, like the Graph SDKs'
// ChaosHandler (graph-api.md 9.2). A chaos failure replaces handling: the
// request is not applied. Decisions come from a seeded generator, so the
// same request sequence fails the same way on every run.
#ifndef GUESTINVITATION_TOOLS_GRAPH_EMULATOR_CHAOS_H_
#define GUESTINVITATION_TOOLS_GRAPH_EMULATOR_CHAOS_H_

#include <cstdint>
#include <optional>
#include <random>
#include <string>

#include "tools/graph_emulator/emulator_config.h"
#include "tools/graph_emulator/net/https_server.h"
#include "tools/graph_emulator/request_context.h"

namespace guestinvitation::emulator {

struct ChaosHit {
  int status = 0;
  RetryAfterForm retry_after = RetryAfterForm::kAbsent;
};

class ChaosMonkey {
 public:
  void Seed(uint64_t seed);
  // Whether this request fails and how. Only requests that chaos could hit
  // (enabled, path and method match, the method has statuses) draw from
  // the generator.
  std::optional<ChaosHit> Decide(const ChaosConfig& config,
                                 const std::string& method,
                                 const std::string& path);

 private:
  std::mt19937_64 rng_{0};
};

// The failure response: Graph's error envelope (the token endpoint's flat
// format when chaos reaches it), with Retry-After in the drawn form.
ServerResponse ChaosResponse(const ChaosHit& hit, const ChaosConfig& config,
                             const RequestContext& ctx, bool token_endpoint);

// The ledger outcome of a chaos failure, e.g. "chaos_503".
std::string ChaosOutcome(const ChaosHit& hit);

}  // namespace guestinvitation::emulator

#endif  // GUESTINVITATION_TOOLS_GRAPH_EMULATOR_CHAOS_H_
