#include "tools/graph_emulator/throttle_response.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "tools/graph_emulator/faults.h"
#include "tools/graph_emulator/graph_errors.h"

namespace guestinvitation::emulator {
namespace {

constexpr double kPacingThreshold = 0.8;
constexpr double kMaxReportedUsage = 1.8;

const char* InformationOf(ThrottleLimit limit) {
  return limit == ThrottleLimit::kAppTenantResourceUnits ||
                 limit == ThrottleLimit::kAppResourceUnits
             ? "ResourceUnitLimitExceeded"
             : "WriteLimitExceeded";
}

// Rounded up, so a client that waits exactly this long finds room; the
// epsilon keeps floating-point noise from adding a whole unit.
double RetryAfterSeconds(RetryAfterForm form, absl::Duration wait) {
  constexpr double kEpsilon = 1e-6;
  double seconds = absl::ToDoubleSeconds(wait);
  if (form == RetryAfterForm::kFractional) {
    return std::max(0.001, std::ceil(seconds * 1000 - kEpsilon) / 1000);
  }
  return std::max(1.0, std::ceil(seconds - kEpsilon));
}

}  // namespace

void AddUsageHeaders(const ThrottleDecision& decision,
                     ServerResponse* response) {
  response->headers.emplace_back("x-ms-resource-unit",
                                 absl::StrCat(decision.cost.resource_units));
  if (decision.usage <= kPacingThreshold) return;
  double shown = std::min(kMaxReportedUsage, decision.usage);
  response->headers.emplace_back("x-ms-throttle-limit-percentage",
                                 absl::StrFormat("%.1f", shown));
}

std::string ThrottleScope(ThrottleLimit limit, const std::string& app_id,
                          const std::string& tenant_id) {
  switch (limit) {
    case ThrottleLimit::kAppTenantResourceUnits:
      return absl::StrCat("Tenant_Application/ReadWrite/", app_id, "/",
                          tenant_id);
    case ThrottleLimit::kAppTenantWrites:
      return absl::StrCat("Tenant_Application/Write/", app_id, "/", tenant_id);
    case ThrottleLimit::kTenantWrites:
      return absl::StrCat("Tenant/Write/", app_id, "/", tenant_id);
    case ThrottleLimit::kAppResourceUnits:
      return absl::StrCat("Application/ReadWrite/", app_id, "/", tenant_id);
    case ThrottleLimit::kAppWrites:
      return absl::StrCat("Application/Write/", app_id, "/", tenant_id);
  }
  return "";
}

ServerResponse ThrottledResponse(const ThrottleDecision& decision,
                                 RetryAfterForm form, const RequestContext& ctx,
                                 const std::string& app_id,
                                 const std::string& tenant_id) {
  ServerResponse response =
      decision.body_shape == ThrottleBodyShape::kActivityLimitReached
          ? ActivityLimitReachedError(ctx)
          : ThrottledError(ctx, "TooManyRequests", "Please retry again later.");
  AddUsageHeaders(decision, &response);
  response.headers.emplace_back(
      "x-ms-throttle-scope", ThrottleScope(decision.limit, app_id, tenant_id));
  response.headers.emplace_back("x-ms-throttle-information",
                                InformationOf(decision.limit));
  std::string retry_after = RetryAfterValue(
      form, RetryAfterSeconds(form, decision.retry_after), ctx.now);
  if (!retry_after.empty()) {
    response.headers.emplace_back("Retry-After", retry_after);
  }
  return response;
}

}  // namespace guestinvitation::emulator
