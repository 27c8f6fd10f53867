// Throttling of /v1.0 calls by token buckets (graph-api.md 5.2): what a
// request costs, and which limit (if any) it exceeds. Pure logic on the
// emulator's clock; throttle_response.h turns a decision into headers.
#ifndef GUESTINVITATION_TOOLS_GRAPH_EMULATOR_THROTTLING_H_
#define GUESTINVITATION_TOOLS_GRAPH_EMULATOR_THROTTLING_H_

#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "tools/graph_emulator/emulator_config.h"
#include "tools/graph_emulator/odata_query.h"
#include "tools/graph_emulator/token_bucket.h"

namespace guestinvitation::emulator {

// POST, PATCH, PUT and DELETE: the methods the identity service charges as
// writes (and that $batch may report "applied but throttled").
bool IsWrite(const std::string& method_upper);

struct RequestCost {
  int64_t resource_units = 1;
  int64_t writes = 0;
};

// Identity-service costs: writes 1 RU + 1 write; GET users 2 RU, GET
// groups/{id}/members 3, transitiveMembers 5, other GETs 1; $select -1,
// $expand +1, $top < 20 -1; at least 1 RU. `segments` start with "v1.0".
RequestCost CostOf(const std::string& method_upper,
                   const std::vector<std::string>& segments,
                   const QueryParams& query);

enum class ThrottleLimit {
  kAppTenantResourceUnits,
  kAppTenantWrites,
  kTenantWrites,
  kAppResourceUnits,
  kAppWrites,
};

struct ThrottleDecision {
  RequestCost cost;
  bool throttled = false;
  ThrottleLimit limit = ThrottleLimit::kAppTenantResourceUnits;
  // Until every charged bucket has room for this request again.
  absl::Duration retry_after = absl::ZeroDuration();
  // The highest used fraction among the charged buckets, after the charge.
  double usage = 0;
  // The 429 body to render when throttled.
  ThrottleBodyShape body_shape = ThrottleBodyShape::kTooManyRequests;
};

class Throttler {
 public:
  // Forgets all buckets and re-seeds the Retry-After "mix" choice.
  void Rearm(const ThrottlingConfig& config, uint64_t seed);

  // Charges the request to its buckets (also when it is throttled).
  ThrottleDecision Charge(const std::string& app_id,
                          const std::string& tenant_id, RequestCost cost,
                          absl::Time now);

  // The configured Retry-After form, or a seeded pick for "mix".
  RetryAfterForm NextRetryAfterForm();

 private:
  struct Charged {
    TokenBucket* bucket;
    double cost;
    ThrottleLimit limit;
  };
  TokenBucket& BucketFor(std::map<std::string, TokenBucket>& buckets,
                         const std::string& key, int64_t capacity,
                         int64_t window_s, absl::Time now);
  std::vector<Charged> BucketsFor(const std::string& app_id,
                                  const std::string& tenant_id,
                                  RequestCost cost, absl::Time now);

  ThrottlingConfig config_;
  ThrottleBodyShape NextBodyShape();

  // Keyed by "appId/tenantId", by tenant id or by app id.
  std::map<std::string, TokenBucket> app_tenant_ru_;
  std::map<std::string, TokenBucket> app_tenant_writes_;
  std::map<std::string, TokenBucket> tenant_writes_;
  std::map<std::string, TokenBucket> app_ru_;
  std::map<std::string, TokenBucket> app_writes_;
  std::mt19937_64 rng_{0};
};

}  // namespace guestinvitation::emulator

#endif  // GUESTINVITATION_TOOLS_GRAPH_EMULATOR_THROTTLING_H_
