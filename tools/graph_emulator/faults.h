// Fault injection: which configured rule (if any) hits a request, and what
// the hit does to the response. Decisions come from a seeded generator and
// per-rule counters, so the same request sequence fails the same way on
// every run.
#ifndef GUESTINVITATION_TOOLS_GRAPH_EMULATOR_FAULTS_H_
#define GUESTINVITATION_TOOLS_GRAPH_EMULATOR_FAULTS_H_

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "tools/graph_emulator/chaos.h"
#include "tools/graph_emulator/emulator_config.h"
#include "tools/graph_emulator/latency.h"
#include "tools/graph_emulator/net/https_server.h"
#include "tools/graph_emulator/request_context.h"

namespace guestinvitation::emulator {

class FaultInjector {
 public:
  // Forgets how often each rule matched and fired and re-seeds (faults,
  // chaos and latency draws alike), so that after a reset or a new config
  // the sequence starts over.
  void Rearm(size_t rule_count, uint64_t seed);

  // The first rule that matches this request and fires, or nullptr. Rules
  // are tried in order; rules after the one that fires do not see the
  // request (their counters do not move).
  const FaultRule* Decide(const std::vector<FaultRule>& rules,
                          const std::string& method, const std::string& path);

  // Chaos mode's decision for a request no fault rule took.
  std::optional<ChaosHit> DecideChaos(const ChaosConfig& config,
                                      const std::string& method,
                                      const std::string& path) {
    return chaos_.Decide(config, method, path);
  }

  // The latency of the first matching latency rule (zero if none), drawn
  // from its distribution.
  absl::Duration Latency(const std::vector<LatencyRule>& rules,
                         const std::string& method, const std::string& path);

 private:
  struct RuleState {
    int64_t matched = 0;
    int64_t fired = 0;
  };
  bool Chance(double probability);

  std::vector<RuleState> states_;
  std::mt19937_64 rng_{0};
  ChaosMonkey chaos_;
  LatencySampler latency_;
};

// True when the fault replaces handling (the request is not applied).
bool FaultSkipsHandling(const FaultRule& rule);

// The response of a kStatus fault. The token endpoint gets the identity
// platform's flat error format, everything else Graph's envelope.
ServerResponse FaultStatusResponse(const FaultRule& rule,
                                   const RequestContext& ctx,
                                   bool token_endpoint);

// Turns an already computed response into the faulty one (reset after
// apply, truncation, hang, extra delay, malformed JSON, slow headers or
// body).
void ApplyFaultToResponse(const FaultRule& rule, ServerResponse* response);

// The ledger's outcome key for a response, e.g. "201" or "reset".
std::string OutcomeName(const ServerResponse& response, const FaultRule* rule);

// The Retry-After header value in the configured form; empty when absent.
std::string RetryAfterValue(RetryAfterForm form, double seconds,
                            absl::Time now);

}  // namespace guestinvitation::emulator

#endif  // GUESTINVITATION_TOOLS_GRAPH_EMULATOR_FAULTS_H_
