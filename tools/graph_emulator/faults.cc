#include "tools/graph_emulator/faults.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "tools/graph_emulator/graph_errors.h"
#include "tools/graph_emulator/json_util.h"
#include "tools/graph_emulator/seeded_random.h"

namespace guestinvitation::emulator {
namespace {

struct DefaultError {
  int status;
  const char* code;
  const char* message;
};

// Codes and messages Graph is documented or observed to send for each
// status (graph-api.md 4.1, 4.2).
constexpr DefaultError kDefaultErrors[] = {
    {401, "InvalidAuthenticationToken",
     "Access token has expired or is not yet valid."},
    {403, "Authorization_RequestDenied",
     "Insufficient privileges to complete the operation."},
    {429, "TooManyRequests", "Please retry again later."},
    {500, "generalException", "General exception while processing."},
    {502, "serviceNotAvailable", "Bad gateway."},
    {503, "serviceNotAvailable",
     "The service is temporarily unavailable. Please retry later."},
    {504, "serviceNotAvailable", "Gateway timeout."},
    {507, "quotaLimitReached", "Insufficient storage."},
};

DefaultError DefaultFor(int status) {
  for (const DefaultError& d : kDefaultErrors) {
    if (d.status == status) return d;
  }
  return {status, status >= 500 ? "generalException" : "BadRequest",
          "Injected fault."};
}

ServerResponse TokenFault(const RequestContext& ctx, int status) {
  if (status == 401) {
    return TokenError(ctx, 401, "invalid_client", 7000215,
                      "Invalid client secret provided.");
  }
  if (status >= 500 || status == 429) {
    return TokenError(ctx, status, "temporarily_unavailable", 50196,
                      "The server is temporarily unavailable.");
  }
  return TokenError(ctx, status, "invalid_request", 900144, "Injected fault.");
}

}  // namespace

void FaultInjector::Rearm(size_t rule_count, uint64_t seed) {
  states_.assign(rule_count, RuleState{});
  // A different stream from the id generator's, so creating objects does
  // not shift fault decisions.
  rng_.seed(seed ^ 0x9E3779B97F4A7C15ULL);
  chaos_.Seed(seed);
  latency_.Seed(seed);
}

bool FaultInjector::Chance(double probability) {
  return ChanceDraw(rng_, probability);
}

absl::Duration FaultInjector::Latency(const std::vector<LatencyRule>& rules,
                                      const std::string& method,
                                      const std::string& path) {
  const LatencyRule* rule = FindLatencyRule(rules, method, path);
  return rule == nullptr ? absl::ZeroDuration() : latency_.Sample(*rule);
}

const FaultRule* FaultInjector::Decide(const std::vector<FaultRule>& rules,
                                       const std::string& method,
                                       const std::string& path) {
  if (states_.size() != rules.size()) states_.assign(rules.size(), {});
  for (size_t i = 0; i < rules.size(); ++i) {
    const FaultRule& rule = rules[i];
    if (!rule.match.Matches(method, path)) continue;
    RuleState& state = states_[i];
    if (++state.matched <= rule.skip) continue;
    if (rule.count >= 0 && state.fired >= rule.count) continue;
    if (!Chance(rule.probability)) continue;
    ++state.fired;
    return &rule;
  }
  return nullptr;
}

bool FaultSkipsHandling(const FaultRule& rule) {
  return rule.kind == FaultKind::kStatus ||
         rule.kind == FaultKind::kResetBeforeAnswer ||
         (rule.kind == FaultKind::kHang && !rule.apply);
}

ServerResponse FaultStatusResponse(const FaultRule& rule,
                                   const RequestContext& ctx,
                                   bool token_endpoint) {
  ServerResponse response;
  if (token_endpoint) {
    response = TokenFault(ctx, rule.status);
  } else {
    DefaultError d = DefaultFor(rule.status);
    std::string code = rule.code.empty() ? d.code : rule.code;
    std::string message = rule.message.empty() ? d.message : rule.message;
    response = rule.status == 429 ? ThrottledError(ctx, code, message)
                                  : GraphError(ctx, rule.status, code, message);
  }
  std::string retry_after =
      RetryAfterValue(rule.retry_after, rule.retry_after_seconds, ctx.now);
  if (!retry_after.empty()) {
    response.headers.emplace_back("Retry-After", retry_after);
  }
  return response;
}

void ApplyFaultToResponse(const FaultRule& rule, ServerResponse* response) {
  switch (rule.kind) {
    case FaultKind::kResetBeforeAnswer:
    case FaultKind::kResetAfterApply:
      response->fault = ResponseFault::kResetConnection;
      break;
    case FaultKind::kTruncateBody:
      response->fault = ResponseFault::kTruncateBody;
      break;
    case FaultKind::kHang:
      response->fault = ResponseFault::kHang;
      break;
    case FaultKind::kDelay:
      response->delay += rule.delay;
      break;
    case FaultKind::kMalformedJson:
      // Cutting a JSON object in half always leaves it unterminated.
      if (response->status / 100 == 2 && !response->body.empty()) {
        response->body.resize(response->body.size() / 2);
      }
      break;
    case FaultKind::kSlowHeaders:
    case FaultKind::kSlowBody:
      response->fault = rule.kind == FaultKind::kSlowHeaders
                            ? ResponseFault::kSlowHeaders
                            : ResponseFault::kSlowBody;
      response->trickle_chunk_bytes = static_cast<size_t>(rule.chunk_bytes);
      response->trickle_interval = rule.chunk_interval;
      break;
    case FaultKind::kStatus:
    case FaultKind::kInvitedUserArray:
      break;
  }
}

std::string OutcomeName(const ServerResponse& response, const FaultRule* rule) {
  if (rule != nullptr) {
    switch (rule->kind) {
      case FaultKind::kResetBeforeAnswer:
        return "reset";
      case FaultKind::kResetAfterApply:
        return "reset_after_apply";
      case FaultKind::kTruncateBody:
        return "truncated";
      case FaultKind::kHang:
        return "hang";
      case FaultKind::kMalformedJson:
        return "malformed_json";
      case FaultKind::kSlowHeaders:
        return "slow_headers";
      case FaultKind::kSlowBody:
        return "slow_body";
      default:
        break;
    }
  }
  // No rule of its own, but a socket fault carried over (a $batch envelope
  // broken by one of its items).
  switch (response.fault) {
    case ResponseFault::kResetConnection:
      return "reset";
    case ResponseFault::kTruncateBody:
      return "truncated";
    case ResponseFault::kHang:
      return "hang";
    case ResponseFault::kSlowHeaders:
      return "slow_headers";
    case ResponseFault::kSlowBody:
      return "slow_body";
    case ResponseFault::kNone:
      break;
  }
  return absl::StrCat(response.status);
}

std::string RetryAfterValue(RetryAfterForm form, double seconds,
                            absl::Time now) {
  switch (form) {
    case RetryAfterForm::kAbsent:
      return "";
    case RetryAfterForm::kInteger:
      return absl::StrCat(static_cast<int64_t>(std::llround(seconds)));
    case RetryAfterForm::kFractional:
      return absl::StrFormat("%.3f", seconds);
    case RetryAfterForm::kHttpDate:
      // HTTP dates have whole seconds; round up so the wait is not shorter.
      return HttpDate(now + absl::Seconds(std::ceil(seconds)));
  }
  return "";
}

}  // namespace guestinvitation::emulator
