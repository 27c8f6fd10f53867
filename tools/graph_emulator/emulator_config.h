// The emulator's run-time configuration: the JSON file given with --config
// and the body of PUT /_emulator/config. docs/graph-emulator.md documents
// every key; the defaults below are the ones documented there.
#ifndef GUESTINVITATION_TOOLS_GRAPH_EMULATOR_EMULATOR_CONFIG_H_
#define GUESTINVITATION_TOOLS_GRAPH_EMULATOR_EMULATOR_CONFIG_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "re2/re2.h"
#include "tools/graph_emulator/client_assertion.h"
#include "tools/graph_emulator/trusted_key.h"

namespace guestinvitation::emulator {

// Which requests a latency or fault rule applies to. An empty method
// matches every method; no prefix and no regex match every path. Paths are
// compared after percent-decoding and without the query string.
struct PathMatcher {
  std::string method;       // upper case, or empty
  std::string path_prefix;  // e.g. "/v1.0/invitations"
  // RE2 syntax (linear time, so no pattern can stall the emulator); must
  // match the whole path.
  std::string path_regex;
  std::shared_ptr<const re2::RE2> compiled_regex;

  bool Matches(const std::string& method_upper, const std::string& path) const;
};

enum class RetryAfterForm { kAbsent, kInteger, kFractional, kHttpDate };

enum class ThrottleBodyShape { kTooManyRequests, kActivityLimitReached };

enum class FaultKind {
  kStatus,             // answer with `status` instead of handling
  kResetBeforeAnswer,  // drop the connection, request not applied
  kResetAfterApply,    // apply the request, then drop the connection
  kTruncateBody,       // apply, send half the body, close
  kHang,               // never answer (optionally after applying)
  kDelay,              // apply, answer after `delay`
  kMalformedJson,      // apply, send a 2xx whose JSON body is cut short
  kInvitedUserArray,   // apply, render invitedUser as [{"id":...}]
  kSlowHeaders,  // apply, send the status line and headers in small pieces
  kSlowBody,     // apply, send the headers at once and the body in pieces
};

struct FaultRule {
  PathMatcher match;
  FaultKind kind = FaultKind::kStatus;
  // The rule fires on the next `count` matching requests (after `skip`);
  // -1 means no limit. Each candidate request fires with `probability`.
  int64_t count = -1;
  double probability = 1.0;
  int64_t skip = 0;
  bool apply = false;   // only for kHang: apply before hanging
  int status = 0;       // kStatus
  std::string code;     // kStatus: error.code; empty = default for status
  std::string message;  // kStatus: error.message; empty = default
  RetryAfterForm retry_after = RetryAfterForm::kAbsent;
  double retry_after_seconds = 1.0;
  absl::Duration delay = absl::ZeroDuration();  // kDelay
  // kSlowHeaders / kSlowBody: piece size, and the pause after each piece.
  int64_t chunk_bytes = 16;
  absl::Duration chunk_interval = absl::Milliseconds(100);
};

enum class LatencyDistribution {
  kFixed,      // always `delay`
  kLogNormal,  // log-normal through median and p99, plus a uniform tail
};

// Added latency before the answer. graph-api.md 1.3's working assumption
// (UNCONFIRMED): median ~300 ms, p99 ~2 s, occasionally 5-10 s.
struct LatencyRule {
  PathMatcher match;
  LatencyDistribution distribution = LatencyDistribution::kFixed;
  absl::Duration delay = absl::ZeroDuration();  // kFixed
  // kLogNormal: the log-normal body has this median and 99th percentile...
  double median_ms = 300;
  double p99_ms = 2000;
  // ...and with this probability a draw comes instead uniformly from
  // [tail_min_ms, tail_max_ms].
  double tail_probability = 0.01;
  double tail_min_ms = 5000;
  double tail_max_ms = 10000;
};

// Random failures in the manner of the Graph SDKs' ChaosHandler
// (kiota-http-go chaos_handler.go, graph-api.md 9.2): each matching request
// fails with `probability`, with a status drawn from the list for its
// method; a method without a list is never failed. Seeded.
struct ChaosConfig {
  bool enabled = false;
  double probability = 0.10;
  // kiota-http-go's per-method table.
  std::vector<std::pair<std::string, std::vector<int>>> statuses = {
      {"GET", {429, 500, 502, 503, 504}},
      {"POST", {429, 500, 502, 503, 504, 507}},
      {"PUT", {429, 500, 502, 503, 504, 507}},
      {"PATCH", {429, 500, 502, 503, 504}},
      {"DELETE", {429, 500, 502, 503, 504, 507}},
  };
  // Only Graph paths by default (not the token endpoint).
  PathMatcher match{"", "/v1.0/", "", nullptr};
  RetryAfterForm retry_after = RetryAfterForm::kAbsent;
  // A seeded choice among the four forms (absent included) per failure.
  bool retry_after_mix = true;
  double retry_after_seconds = 1.0;
};

struct GroupSeed {
  std::string id;
  std::string display_name;
  std::string description;
  std::string mail_nickname;
  bool security_enabled = true;
  bool mail_enabled = false;
};

enum class ReinviteMode {
  kNewUrl,  // 201, same user, new redeem URL (observed)
  kError,   // "The invited user already exists in the directory..." (observed)
};

// Status and code of the invitation errors graph-api.md marks UNCONFIRMED.
struct InvitationConfig {
  ReinviteMode reinvite_existing = ReinviteMode::kNewUrl;
  int already_exists_status = 400;
  std::string already_exists_code = "BadRequest";
  int validation_status = 400;
  std::string validation_code = "BadRequest";
  std::string redeem_url_base = "https://login.microsoftonline.com/redeem";
  // Whether a soft-deleted user (still in directory/deletedItems) blocks a
  // new invitation of its address with the "already exists" error
  // (graph-api.md 3.4, UNCONFIRMED). false: a new user is created.
  bool soft_deleted_blocks_reinvite = false;
};

struct TokenConfig {
  int64_t expires_in = 3599;
  int64_t ext_expires_in = 3599;
  int64_t refresh_in = 0;  // 0 = not sent
  // Client assertions (graph-api.md 7.2, 7.3). Certificates registered on
  // the app besides the one in EmulatorCredentials (config: PEM texts).
  std::vector<TrustedKey> certificates;
  std::vector<FederatedCredential> federated_credentials;
  // Tolerance for exp and nbf. Entra's is not documented (UNCONFIRMED).
  int64_t assertion_clock_skew_s = 300;
  // The claims table lists jti; whether Entra refuses an assertion without
  // it is UNCONFIRMED.
  bool assertion_require_jti = true;
  // Refuse a certificate assertion whose jti was already accepted. Off:
  // MSAL Python caches and reuses its assertion until near expiry, so Entra
  // evidently does not refuse replays (UNCONFIRMED).
  bool assertion_reject_replayed_jti = false;
};

// Token-bucket throttling of /v1.0 calls (graph-api.md 5.2). Budgets are
// per window; buckets refill continuously. Windows last
// `window_s * time_scale` seconds of the emulator's clock.
struct ThrottlingConfig {
  bool enabled = false;
  double time_scale = 1.0;
  int64_t app_tenant_writes = 3000;
  int64_t app_tenant_write_window_s = 150;
  int64_t tenant_writes = 18000;
  int64_t tenant_write_window_s = 300;
  int64_t app_tenant_ru = 3500;
  int64_t app_tenant_ru_window_s = 10;
  // Per application across all tenants (the emulator has one tenant, so
  // these only bite when set below the app+tenant budgets).
  int64_t app_ru = 150000;
  int64_t app_ru_window_s = 20;
  int64_t app_writes = 70000;
  int64_t app_write_window_s = 300;
  // The 429 body: Graph's documented "TooManyRequests" sample, the nested
  // "activityLimitReached" > "throttledRequest" > "quota" form seen on Q&A,
  // or a seeded choice per 429.
  ThrottleBodyShape body_shape = ThrottleBodyShape::kTooManyRequests;
  bool body_shape_mix = false;
  RetryAfterForm retry_after = RetryAfterForm::kInteger;
  // A seeded choice among the four forms for each 429.
  bool retry_after_mix = false;
};

enum class BatchResponseOrder { kRequest, kReversed, kShuffled };

// JSON batching, POST /v1.0/$batch (graph-api.md 6). Graph does not
// guarantee the order of responses; by default they come back in a seeded
// shuffle so clients must correlate by id.
struct BatchConfig {
  int64_t max_requests = 20;
  BatchResponseOrder response_order = BatchResponseOrder::kShuffled;
  // 400 for a batch whose dependsOn is neither absent everywhere, nor one
  // chain, nor every item depending on the same single item.
  bool require_sequential_or_parallel = true;
  // A write item that succeeded is reported as 429 anyway (seeded).
  double applied_but_429_probability = 0;
};

// authorizationPolicy.allowInvitesFrom (graph-api.md 1.2).
enum class AllowInvitesFrom {
  kNone,
  kAdminsAndGuestInviters,
  kAdminsGuestInvitersAndAllMembers,
  kEveryone,
};
// Graph's names ("none", "adminsAndGuestInviters", ...), case-sensitive.
std::optional<AllowInvitesFrom> ParseAllowInvitesFrom(absl::string_view name);
const char* AllowInvitesFromName(AllowInvitesFrom value);

// Tenant settings that refuse an otherwise valid POST /invitations
// (graph-api.md 1.2, 1.4, 1.5). Domains are stored lower-case; an entry
// "*.contoso.com" matches every subdomain of contoso.com (not contoso.com
// itself), any other entry matches that domain only.
struct TenantPolicyConfig {
  AllowInvitesFrom allow_invites_from = AllowInvitesFrom::kEveryone;
  // A PATCH of authorizationPolicy takes effect this long after it is
  // written (15-60 min in Entra); configured values apply at once.
  int64_t apply_delay_s = 0;
  // Whether the app-only caller counts as a company administrator (needed
  // for invitedUserType "Member").
  bool caller_is_admin = false;
  std::vector<std::string> cross_tenant_blocked_domains;
  int cross_tenant_status = 403;  // not documented
  // At most one of the two lists is non-empty (one B2B policy, 25 KB).
  std::vector<std::string> domain_allow_list;
  std::vector<std::string> domain_deny_list;
  int domain_blocked_status = 403;  // not documented
  // error.code of the allowInvitesFrom, cross-tenant, domain-list and abuse
  // refusals (not documented).
  std::string refusal_code = "Authorization_RequestDenied";
  // After this many successful invitations every later one is refused
  // until /_emulator/reset; 0 = never.
  int64_t abuse_block_after_invites = 0;
  // Users holding a directory role: app-only resetRedemption is refused.
  std::vector<std::string> role_holder_user_ids;
};

struct EmulatorConfig {
  uint64_t seed = 1;
  std::string tenant_domain = "contoso.onmicrosoft.com";
  // The resource whose "/.default" scope the token endpoint accepts, besides
  // the emulator's own origin. Also accepted as host in "@odata.id".
  std::string graph_resource = "https://graph.microsoft.com";
  // Entra login hosts of the configured cloud: a certificate assertion's
  // `aud` may name the token endpoint under any of them (besides the
  // emulator's own origin). Set by "cloud".
  std::vector<std::string> authority_hosts = {
      "https://login.microsoftonline.com"};
  TokenConfig token;
  InvitationConfig invitations;
  absl::Duration consistency_delay = absl::ZeroDuration();
  std::string consistency_not_found_code = "Request_ResourceNotFound";
  std::vector<GroupSeed> groups;
  std::vector<LatencyRule> latency;
  std::vector<FaultRule> faults;
  ChaosConfig chaos;
  ThrottlingConfig throttling;
  BatchConfig batch;
  TenantPolicyConfig tenant_policy;
};

// The configuration used when no file is given (three seeded groups).
EmulatorConfig DefaultEmulatorConfig();

// Parses the JSON configuration; keys left out keep their defaults. Unknown
// keys, wrong types and out-of-range values are INVALID_ARGUMENT with the
// JSON path of the offending key in the message.
absl::StatusOr<EmulatorConfig> ParseEmulatorConfig(absl::string_view json);

}  // namespace guestinvitation::emulator

#endif  // GUESTINVITATION_TOOLS_GRAPH_EMULATOR_EMULATOR_CONFIG_H_
