#include "tools/graph_emulator/throttling.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "tools/graph_emulator/seeded_random.h"

namespace guestinvitation::emulator {
namespace {

int64_t BaseReadCost(const std::vector<std::string>& s) {
  if (s.size() >= 2 && absl::EqualsIgnoreCase(s[1], "users")) return 2;
  if (s.size() == 4 && absl::EqualsIgnoreCase(s[1], "groups")) {
    if (absl::EqualsIgnoreCase(s[3], "members")) return 3;
    if (absl::EqualsIgnoreCase(s[3], "transitiveMembers")) return 5;
  }
  return 1;
}

int64_t QueryAdjustment(const QueryParams& query) {
  int64_t delta = 0;
  for (const auto& [name, value] : query) {
    std::string option = absl::AsciiStrToLower(name);
    int top = 0;
    if (option == "$select") delta -= 1;
    if (option == "$expand") delta += 1;
    if (option == "$top" && absl::SimpleAtoi(value, &top) && top < 20) {
      delta -= 1;
    }
  }
  return delta;
}

}  // namespace

bool IsWrite(const std::string& method_upper) {
  return method_upper == "POST" || method_upper == "PATCH" ||
         method_upper == "PUT" || method_upper == "DELETE";
}

RequestCost CostOf(const std::string& method_upper,
                   const std::vector<std::string>& segments,
                   const QueryParams& query) {
  if (IsWrite(method_upper)) return RequestCost{1, 1};
  int64_t ru = BaseReadCost(segments) + QueryAdjustment(query);
  return RequestCost{std::max<int64_t>(1, ru), 0};
}

void Throttler::Rearm(const ThrottlingConfig& config, uint64_t seed) {
  config_ = config;
  app_tenant_ru_.clear();
  app_tenant_writes_.clear();
  tenant_writes_.clear();
  app_ru_.clear();
  app_writes_.clear();
  // Its own stream, so throttling does not shift ids or fault decisions.
  rng_.seed(seed ^ 0xC2B2AE3D27D4EB4FULL);
}

TokenBucket& Throttler::BucketFor(std::map<std::string, TokenBucket>& buckets,
                                  const std::string& key, int64_t capacity,
                                  int64_t window_s, absl::Time now) {
  auto it = buckets.find(key);
  if (it != buckets.end()) return it->second;
  absl::Duration window =
      absl::Seconds(static_cast<double>(window_s) * config_.time_scale);
  return buckets
      .emplace(key, TokenBucket(static_cast<double>(capacity), window, now))
      .first->second;
}

std::vector<Throttler::Charged> Throttler::BucketsFor(
    const std::string& app_id, const std::string& tenant_id, RequestCost cost,
    absl::Time now) {
  const ThrottlingConfig& c = config_;
  std::string pair = absl::StrCat(app_id, "/", tenant_id);
  std::vector<Charged> charged;
  charged.push_back({&BucketFor(app_tenant_ru_, pair, c.app_tenant_ru,
                                c.app_tenant_ru_window_s, now),
                     static_cast<double>(cost.resource_units),
                     ThrottleLimit::kAppTenantResourceUnits});
  charged.push_back({&BucketFor(app_ru_, app_id, c.app_ru, c.app_ru_window_s,
                                now),
                     static_cast<double>(cost.resource_units),
                     ThrottleLimit::kAppResourceUnits});
  if (cost.writes == 0) return charged;
  double writes = static_cast<double>(cost.writes);
  charged.push_back({&BucketFor(app_tenant_writes_, pair, c.app_tenant_writes,
                                c.app_tenant_write_window_s, now),
                     writes, ThrottleLimit::kAppTenantWrites});
  charged.push_back({&BucketFor(tenant_writes_, tenant_id, c.tenant_writes,
                                c.tenant_write_window_s, now),
                     writes, ThrottleLimit::kTenantWrites});
  charged.push_back({&BucketFor(app_writes_, app_id, c.app_writes,
                                c.app_write_window_s, now),
                     writes, ThrottleLimit::kAppWrites});
  return charged;
}

ThrottleDecision Throttler::Charge(const std::string& app_id,
                                   const std::string& tenant_id,
                                   RequestCost cost, absl::Time now) {
  ThrottleDecision decision;
  decision.cost = cost;
  std::vector<Charged> charged = BucketsFor(app_id, tenant_id, cost, now);
  for (Charged& c : charged) {
    if (!c.bucket->Take(c.cost, now)) decision.throttled = true;
  }
  for (const Charged& c : charged) {
    decision.usage = std::max(decision.usage, c.bucket->Usage());
    absl::Duration wait = c.bucket->WaitFor(c.cost);
    if (wait > decision.retry_after) {
      decision.retry_after = wait;
      decision.limit = c.limit;
    }
  }
  if (decision.throttled) decision.body_shape = NextBodyShape();
  return decision;
}

ThrottleBodyShape Throttler::NextBodyShape() {
  if (!config_.body_shape_mix) return config_.body_shape;
  return rng_() % 2 == 0 ? ThrottleBodyShape::kTooManyRequests
                         : ThrottleBodyShape::kActivityLimitReached;
}

RetryAfterForm Throttler::NextRetryAfterForm() {
  if (!config_.retry_after_mix) return config_.retry_after;
  return RetryAfterFormDraw(rng_);
}

}  // namespace guestinvitation::emulator
