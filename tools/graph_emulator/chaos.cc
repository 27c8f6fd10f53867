#include "tools/graph_emulator/chaos.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "tools/graph_emulator/faults.h"
#include "tools/graph_emulator/seeded_random.h"

namespace guestinvitation::emulator {
namespace {

const std::vector<int>* StatusesFor(const ChaosConfig& config,
                                    const std::string& method) {
  for (const auto& [m, statuses] : config.statuses) {
    if (m == method) return statuses.empty() ? nullptr : &statuses;
  }
  return nullptr;
}

}  // namespace

void ChaosMonkey::Seed(uint64_t seed) {
  // Its own stream, so chaos does not shift fault, latency or id decisions.
  rng_.seed(seed ^ 0xA0761D6478BD642FULL);
}

std::optional<ChaosHit> ChaosMonkey::Decide(const ChaosConfig& config,
                                            const std::string& method,
                                            const std::string& path) {
  if (!config.enabled || !config.match.Matches(method, path)) {
    return std::nullopt;
  }
  const std::vector<int>* statuses = StatusesFor(config, method);
  if (statuses == nullptr) return std::nullopt;
  if (!ChanceDraw(rng_, config.probability)) return std::nullopt;
  ChaosHit hit;
  hit.status = (*statuses)[rng_() % statuses->size()];
  hit.retry_after =
      config.retry_after_mix ? RetryAfterFormDraw(rng_) : config.retry_after;
  return hit;
}

ServerResponse ChaosResponse(const ChaosHit& hit, const ChaosConfig& config,
                             const RequestContext& ctx, bool token_endpoint) {
  // The same bodies as a configured status fault.
  FaultRule rule;
  rule.kind = FaultKind::kStatus;
  rule.status = hit.status;
  rule.retry_after = hit.retry_after;
  rule.retry_after_seconds = config.retry_after_seconds;
  return FaultStatusResponse(rule, ctx, token_endpoint);
}

std::string ChaosOutcome(const ChaosHit& hit) {
  return absl::StrCat("chaos_", hit.status);
}

}  // namespace guestinvitation::emulator
