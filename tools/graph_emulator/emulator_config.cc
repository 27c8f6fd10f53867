#include "tools/graph_emulator/emulator_config.h"

#include <optional>
#include <set>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tools/graph_emulator/json_util.h"

namespace guestinvitation::emulator {
namespace {

namespace json = boost::json;

constexpr int64_t kMaxDelayMs = 10 * 60 * 1000;
// Entra's B2B management policy holds at most 25,000 characters
// (graph-api.md 1.2); each domain counts with its quotes and comma.
constexpr size_t kMaxDomainPolicyChars = 25000;

// Reads the keys of one JSON object. It keeps the first error and the set of
// keys consumed, so a misspelt key is reported instead of silently ignored.
class ObjectReader {
 public:
  ObjectReader(const json::object& object, std::string path,
               absl::Status* error)
      : object_(object), path_(std::move(path)), error_(error) {}

  const json::value* Take(const std::string& key) {
    used_.insert(key);
    return object_.if_contains(JsonView(key));
  }
  std::string Path(const std::string& key) const {
    return path_.empty() ? key : absl::StrCat(path_, ".", key);
  }
  void Fail(const std::string& key, absl::string_view what) {
    if (error_->ok()) {
      *error_ = absl::InvalidArgumentError(absl::StrCat(Path(key), ": ", what));
    }
  }
  bool ok() const { return error_->ok(); }
  absl::Status* error() const { return error_; }

  void Int(const std::string& key, int64_t min, int64_t max, int64_t* out) {
    const json::value* v = Take(key);
    if (v == nullptr) return;
    std::optional<int64_t> i = AsInt64(*v);
    if (!i || *i < min || *i > max) {
      return Fail(
          key, absl::StrCat("must be an integer between ", min, " and ", max));
    }
    *out = *i;
  }
  void Millis(const std::string& key, absl::Duration* out) {
    int64_t ms = -1;
    Int(key, 0, kMaxDelayMs, &ms);
    if (ms >= 0) *out = absl::Milliseconds(ms);
  }
  void Double(const std::string& key, double min, double max, double* out) {
    const json::value* v = Take(key);
    if (v == nullptr) return;
    std::optional<double> d = AsDouble(*v);
    if (!d || !(*d >= min && *d <= max)) {
      return Fail(key,
                  absl::StrCat("must be a number between ", min, " and ", max));
    }
    *out = *d;
  }
  void Bool(const std::string& key, bool* out) {
    const json::value* v = Take(key);
    if (v == nullptr) return;
    if (!v->is_bool()) return Fail(key, "must be true or false");
    *out = v->get_bool();
  }
  void String(const std::string& key, std::string* out) {
    const json::value* v = Take(key);
    if (v == nullptr) return;
    if (!v->is_string()) return Fail(key, "must be a string");
    *out = ToStd(v->get_string());
  }
  const json::object* Object(const std::string& key) {
    const json::value* v = Take(key);
    if (v == nullptr) return nullptr;
    if (!v->is_object()) Fail(key, "must be an object");
    return v->if_object();
  }
  const json::array* Array(const std::string& key) {
    const json::value* v = Take(key);
    if (v == nullptr) return nullptr;
    if (!v->is_array()) Fail(key, "must be an array");
    return v->if_array();
  }
  void RejectUnknownKeys() {
    for (const auto& entry : object_) {
      std::string key(entry.key().data(), entry.key().size());
      if (used_.count(key) == 0) Fail(key, "unknown key");
    }
  }

 private:
  const json::object& object_;
  std::string path_;
  absl::Status* error_;
  std::set<std::string> used_;
};

// Calls `read` with a reader for each object element of `array`.
template <typename ReadElement>
void ForEachObject(ObjectReader& parent, const std::string& key,
                   const json::array& array, ReadElement read) {
  for (size_t i = 0; i < array.size() && parent.ok(); ++i) {
    std::string element = absl::StrCat(key, "[", i, "]");
    if (!array[i].is_object()) {
      parent.Fail(element, "must be an object");
      return;
    }
    ObjectReader reader(array[i].get_object(), parent.Path(element),
                        parent.error());
    read(reader);
    reader.RejectUnknownKeys();
  }
}

void ReadMatcher(ObjectReader& r, PathMatcher* m) {
  r.String("method", &m->method);
  m->method = absl::AsciiStrToUpper(m->method);
  r.String("path_prefix", &m->path_prefix);
  r.String("path_regex", &m->path_regex);
  if (!m->path_prefix.empty() && !m->path_regex.empty()) {
    return r.Fail("path_regex", "give path_prefix or path_regex, not both");
  }
  if (m->path_regex.empty()) return;
  auto regex = std::make_shared<const re2::RE2>(m->path_regex, re2::RE2::Quiet);
  if (!regex->ok()) {
    return r.Fail("path_regex",
                  absl::StrCat("invalid regular expression: ", regex->error()));
  }
  m->compiled_regex = std::move(regex);
}

std::optional<FaultKind> ParseFaultKind(const std::string& name) {
  static const std::pair<const char*, FaultKind> kKinds[] = {
      {"status", FaultKind::kStatus},
      {"reset", FaultKind::kResetBeforeAnswer},
      {"reset_after_apply", FaultKind::kResetAfterApply},
      {"truncate", FaultKind::kTruncateBody},
      {"hang", FaultKind::kHang},
      {"delay", FaultKind::kDelay},
      {"malformed_json", FaultKind::kMalformedJson},
      {"invited_user_array", FaultKind::kInvitedUserArray},
      {"slow_headers", FaultKind::kSlowHeaders},
      {"slow_body", FaultKind::kSlowBody},
  };
  for (const auto& [n, kind] : kKinds) {
    if (name == n) return kind;
  }
  return std::nullopt;
}

std::optional<RetryAfterForm> ParseRetryAfterForm(const std::string& name) {
  if (name == "absent") return RetryAfterForm::kAbsent;
  if (name == "integer") return RetryAfterForm::kInteger;
  if (name == "fractional") return RetryAfterForm::kFractional;
  if (name == "http_date") return RetryAfterForm::kHttpDate;
  return std::nullopt;
}

void ReadStatusFields(ObjectReader& r, FaultRule* f) {
  int64_t status = 0;
  r.Int("status", 400, 599, &status);
  f->status = static_cast<int>(status);
  r.String("code", &f->code);
  r.String("message", &f->message);
  std::string form = f->status == 429 ? "integer" : "absent";
  r.String("retry_after", &form);
  std::optional<RetryAfterForm> parsed = ParseRetryAfterForm(form);
  if (!parsed) {
    return r.Fail("retry_after",
                  "must be integer, fractional, http_date or absent");
  }
  f->retry_after = *parsed;
  r.Double("retry_after_seconds", 0, 86400, &f->retry_after_seconds);
  if (f->kind == FaultKind::kStatus && status == 0) {
    r.Fail("status", "required for kind \"status\"");
  }
}

void ReadFault(ObjectReader& r, FaultRule* f) {
  ReadMatcher(r, &f->match);
  std::string kind = "status";
  r.String("kind", &kind);
  std::optional<FaultKind> parsed = ParseFaultKind(kind);
  if (!parsed)
    return r.Fail("kind", absl::StrCat("unknown fault kind \"", kind, "\""));
  f->kind = *parsed;
  r.Int("count", 0, INT64_MAX, &f->count);
  r.Double("probability", 0, 1, &f->probability);
  r.Int("skip", 0, INT64_MAX, &f->skip);
  if (f->kind == FaultKind::kHang) r.Bool("apply", &f->apply);
  if (f->kind == FaultKind::kDelay) r.Millis("delay_ms", &f->delay);
  if (f->kind == FaultKind::kStatus) ReadStatusFields(r, f);
  if (f->kind == FaultKind::kSlowHeaders || f->kind == FaultKind::kSlowBody) {
    r.Int("chunk_bytes", 1, 64 * 1024, &f->chunk_bytes);
    r.Millis("chunk_interval_ms", &f->chunk_interval);
  }
}

void ReadLatency(ObjectReader& r, LatencyRule* l) {
  ReadMatcher(r, &l->match);
  std::string distribution = "fixed";
  r.String("distribution", &distribution);
  if (distribution == "fixed") {
    l->distribution = LatencyDistribution::kFixed;
    r.Millis("delay_ms", &l->delay);
    return;
  }
  if (distribution != "lognormal") {
    return r.Fail("distribution", "must be \"fixed\" or \"lognormal\"");
  }
  l->distribution = LatencyDistribution::kLogNormal;
  if (r.Take("delay_ms") != nullptr) {
    return r.Fail("delay_ms", "only for distribution \"fixed\"");
  }
  const double max_ms = static_cast<double>(kMaxDelayMs);
  r.Double("median_ms", 1, max_ms, &l->median_ms);
  r.Double("p99_ms", 1, max_ms, &l->p99_ms);
  r.Double("tail_probability", 0, 1, &l->tail_probability);
  r.Double("tail_min_ms", 0, max_ms, &l->tail_min_ms);
  r.Double("tail_max_ms", 0, max_ms, &l->tail_max_ms);
  if (r.ok() && l->p99_ms < l->median_ms) {
    r.Fail("p99_ms", "must not be below median_ms");
  }
  if (r.ok() && l->tail_max_ms < l->tail_min_ms) {
    r.Fail("tail_max_ms", "must not be below tail_min_ms");
  }
}

// "statuses": {"POST": [503, ...], ...}; replaces the whole default table.
void ReadChaosStatuses(ObjectReader& r, ChaosConfig* c) {
  const json::object* table = r.Object("statuses");
  if (table == nullptr || !r.ok()) return;
  constexpr size_t kMaxStatuses = 32;
  c->statuses.clear();
  for (const auto& entry : *table) {
    std::string method(entry.key().data(), entry.key().size());
    std::string key = absl::StrCat("statuses.", method);
    method = absl::AsciiStrToUpper(method);
    const json::array* list = entry.value().if_array();
    if (method.empty() || list == nullptr || list->size() > kMaxStatuses) {
      return r.Fail(key, absl::StrCat("must be an array of at most ",
                                      kMaxStatuses, " statuses"));
    }
    std::vector<int> statuses;
    for (const json::value& v : *list) {
      std::optional<int64_t> status = AsInt64(v);
      if (!status || *status < 400 || *status > 599) {
        return r.Fail(key, "statuses must be integers between 400 and 599");
      }
      statuses.push_back(static_cast<int>(*status));
    }
    c->statuses.emplace_back(method, std::move(statuses));
  }
}

void ReadChaos(ObjectReader& r, ChaosConfig* c) {
  r.Bool("enabled", &c->enabled);
  r.Double("probability", 0, 1, &c->probability);
  ReadChaosStatuses(r, c);
  PathMatcher match;
  ReadMatcher(r, &match);
  if (match.path_prefix.empty() && match.path_regex.empty()) {
    match.path_prefix = c->match.path_prefix;
  }
  c->match = std::move(match);
  std::string form = c->retry_after_mix ? "mix" : "absent";
  r.String("retry_after", &form);
  c->retry_after_mix = form == "mix";
  std::optional<RetryAfterForm> parsed = ParseRetryAfterForm(form);
  if (!parsed && !c->retry_after_mix) {
    return r.Fail("retry_after",
                  "must be integer, fractional, http_date, absent or mix");
  }
  c->retry_after = parsed.value_or(RetryAfterForm::kAbsent);
  r.Double("retry_after_seconds", 0, 86400, &c->retry_after_seconds);
}

void ReadGroup(ObjectReader& r, GroupSeed* g) {
  r.String("id", &g->id);
  r.String("display_name", &g->display_name);
  r.String("description", &g->description);
  r.String("mail_nickname", &g->mail_nickname);
  r.Bool("security_enabled", &g->security_enabled);
  r.Bool("mail_enabled", &g->mail_enabled);
  if (g->id.empty() || absl::StrContains(g->id, "/")) {
    r.Fail("id", "must be a non-empty string without '/'");
  }
}

void ReadInvitations(ObjectReader& r, InvitationConfig* c) {
  std::string mode =
      c->reinvite_existing == ReinviteMode::kError ? "error" : "new_url";
  r.String("reinvite_existing", &mode);
  if (mode != "new_url" && mode != "error") {
    r.Fail("reinvite_existing", "must be \"new_url\" or \"error\"");
  }
  c->reinvite_existing =
      mode == "error" ? ReinviteMode::kError : ReinviteMode::kNewUrl;
  int64_t status = c->already_exists_status;
  r.Int("already_exists_status", 400, 599, &status);
  c->already_exists_status = static_cast<int>(status);
  r.String("already_exists_code", &c->already_exists_code);
  status = c->validation_status;
  r.Int("validation_status", 400, 499, &status);
  c->validation_status = static_cast<int>(status);
  r.String("validation_code", &c->validation_code);
  r.String("redeem_url_base", &c->redeem_url_base);
  r.Bool("soft_deleted_blocks_reinvite", &c->soft_deleted_blocks_reinvite);
}

constexpr size_t kMaxCertificates = 100;

void ReadCertificates(ObjectReader& r, std::vector<TrustedKey>* out) {
  const json::array* array = r.Array("certificates");
  if (array == nullptr || !r.ok()) return;
  if (array->size() > kMaxCertificates) {
    return r.Fail("certificates",
                  absl::StrCat("at most ", kMaxCertificates, " entries"));
  }
  out->clear();
  for (size_t i = 0; i < array->size(); ++i) {
    std::string key = absl::StrCat("certificates[", i, "]");
    if (!(*array)[i].is_string()) return r.Fail(key, "must be a PEM string");
    absl::StatusOr<TrustedKey> cert =
        LoadCertificate(ToStd((*array)[i].get_string()));
    if (!cert.ok()) return r.Fail(key, cert.status().message());
    out->push_back(*std::move(cert));
  }
}

void ReadFederatedCredential(ObjectReader& r, FederatedCredential* f) {
  r.String("issuer", &f->issuer);
  r.String("subject", &f->subject);
  r.String("audience", &f->audience);
  std::string pem;
  r.String("public_key_pem", &pem);
  if (!r.ok()) return;
  if (f->issuer.empty()) return r.Fail("issuer", "required, non-empty");
  if (f->subject.empty()) return r.Fail("subject", "required, non-empty");
  if (f->audience.empty()) return r.Fail("audience", "must not be empty");
  absl::StatusOr<TrustedKey> key = LoadPublicKey(pem);
  if (!key.ok()) return r.Fail("public_key_pem", key.status().message());
  f->key = *std::move(key);
}

void ReadToken(ObjectReader& r, TokenConfig* t) {
  constexpr int64_t kDay = 86400;
  r.Int("expires_in", 1, kDay, &t->expires_in);
  r.Int("ext_expires_in", 1, kDay, &t->ext_expires_in);
  r.Int("refresh_in", 0, kDay, &t->refresh_in);
  ReadCertificates(r, &t->certificates);
  r.Int("assertion_clock_skew_s", 0, kDay, &t->assertion_clock_skew_s);
  r.Bool("assertion_require_jti", &t->assertion_require_jti);
  r.Bool("assertion_reject_replayed_jti", &t->assertion_reject_replayed_jti);
  const json::array* fics = r.Array("federated_credentials");
  if (fics == nullptr || !r.ok()) return;
  if (fics->size() > kMaxCertificates) {
    return r.Fail("federated_credentials",
                  absl::StrCat("at most ", kMaxCertificates, " entries"));
  }
  t->federated_credentials.clear();
  ForEachObject(r, "federated_credentials", *fics, [&](ObjectReader& s) {
    t->federated_credentials.emplace_back();
    ReadFederatedCredential(s, &t->federated_credentials.back());
  });
}

void ReadConsistency(ObjectReader& r, EmulatorConfig* c) {
  r.Millis("delay_ms", &c->consistency_delay);
  r.String("not_found_code", &c->consistency_not_found_code);
}

void ReadThrottling(ObjectReader& r, ThrottlingConfig* t) {
  constexpr int64_t kMaxBudget = 1000000000;
  constexpr int64_t kDay = 86400;
  r.Bool("enabled", &t->enabled);
  r.Double("time_scale", 1e-6, 1000, &t->time_scale);
  r.Int("app_tenant_writes", 1, kMaxBudget, &t->app_tenant_writes);
  r.Int("app_tenant_write_window_s", 1, kDay, &t->app_tenant_write_window_s);
  r.Int("tenant_writes", 1, kMaxBudget, &t->tenant_writes);
  r.Int("tenant_write_window_s", 1, kDay, &t->tenant_write_window_s);
  r.Int("app_tenant_ru", 1, kMaxBudget, &t->app_tenant_ru);
  r.Int("app_tenant_ru_window_s", 1, kDay, &t->app_tenant_ru_window_s);
  r.Int("app_ru", 1, kMaxBudget, &t->app_ru);
  r.Int("app_ru_window_s", 1, kDay, &t->app_ru_window_s);
  r.Int("app_writes", 1, kMaxBudget, &t->app_writes);
  r.Int("app_write_window_s", 1, kDay, &t->app_write_window_s);
  std::string shape = "too_many_requests";
  r.String("body_shape", &shape);
  t->body_shape_mix = shape == "mix";
  if (shape == "activity_limit_reached") {
    t->body_shape = ThrottleBodyShape::kActivityLimitReached;
  } else if (shape != "too_many_requests" && !t->body_shape_mix) {
    return r.Fail("body_shape",
                  "must be too_many_requests, activity_limit_reached or mix");
  }
  std::string form = "integer";
  r.String("retry_after", &form);
  t->retry_after_mix = form == "mix";
  std::optional<RetryAfterForm> parsed = ParseRetryAfterForm(form);
  if (!parsed && !t->retry_after_mix) {
    return r.Fail("retry_after",
                  "must be integer, fractional, http_date, absent or mix");
  }
  t->retry_after = parsed.value_or(RetryAfterForm::kInteger);
}

void ReadBatch(ObjectReader& r, BatchConfig* b) {
  r.Int("max_requests", 1, 100, &b->max_requests);
  std::string order = "shuffled";
  r.String("response_order", &order);
  if (order == "request") {
    b->response_order = BatchResponseOrder::kRequest;
  } else if (order == "reversed") {
    b->response_order = BatchResponseOrder::kReversed;
  } else if (order == "shuffled") {
    b->response_order = BatchResponseOrder::kShuffled;
  } else {
    r.Fail("response_order", "must be request, reversed or shuffled");
  }
  r.Bool("require_sequential_or_parallel", &b->require_sequential_or_parallel);
  r.Double("applied_but_429_probability", 0, 1,
           &b->applied_but_429_probability);
}

// "contoso.com" or "*.contoso.com": letters, digits, '-' and '.'.
bool IsDomainPattern(const std::string& d) {
  std::string rest = absl::StartsWith(d, "*.") ? d.substr(2) : d;
  if (rest.empty() || rest.front() == '.' || rest.back() == '.' ||
      absl::StrContains(rest, "..")) {
    return false;
  }
  for (char c : rest) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-' &&
        c != '.') {
      return false;
    }
  }
  return true;
}

// A list of strings; `domains` lower-cases and checks each entry.
void StringList(ObjectReader& r, const std::string& key, bool domains,
                std::vector<std::string>* out) {
  const json::array* array = r.Array(key);
  if (array == nullptr || !r.ok()) return;
  out->clear();
  for (size_t i = 0; i < array->size(); ++i) {
    std::string element = absl::StrCat(key, "[", i, "]");
    if (!(*array)[i].is_string()) return r.Fail(element, "must be a string");
    std::string value = ToStd((*array)[i].get_string());
    if (domains) {
      value = absl::AsciiStrToLower(value);
      if (!IsDomainPattern(value)) {
        return r.Fail(element,
                      "must be a domain like \"contoso.com\" or "
                      "\"*.contoso.com\"");
      }
    } else if (value.empty()) {
      return r.Fail(element, "must not be empty");
    }
    out->push_back(std::move(value));
  }
}

void HttpStatus(ObjectReader& r, const std::string& key, int* out) {
  int64_t status = *out;
  r.Int(key, 400, 599, &status);
  *out = static_cast<int>(status);
}

void ReadTenantPolicy(ObjectReader& r, TenantPolicyConfig* t) {
  std::string allow = AllowInvitesFromName(t->allow_invites_from);
  r.String("allow_invites_from", &allow);
  std::optional<AllowInvitesFrom> parsed = ParseAllowInvitesFrom(allow);
  if (!parsed) {
    return r.Fail("allow_invites_from",
                  "must be none, adminsAndGuestInviters, "
                  "adminsGuestInvitersAndAllMembers or everyone");
  }
  t->allow_invites_from = *parsed;
  r.Int("apply_delay_s", 0, 86400, &t->apply_delay_s);
  r.Bool("caller_is_admin", &t->caller_is_admin);
  StringList(r, "cross_tenant_blocked_domains", true,
             &t->cross_tenant_blocked_domains);
  HttpStatus(r, "cross_tenant_status", &t->cross_tenant_status);
  StringList(r, "domain_allow_list", true, &t->domain_allow_list);
  StringList(r, "domain_deny_list", true, &t->domain_deny_list);
  HttpStatus(r, "domain_blocked_status", &t->domain_blocked_status);
  r.String("refusal_code", &t->refusal_code);
  if (t->refusal_code.empty()) r.Fail("refusal_code", "must not be empty");
  r.Int("abuse_block_after_invites", 0, INT64_MAX,
        &t->abuse_block_after_invites);
  StringList(r, "role_holder_user_ids", false, &t->role_holder_user_ids);
  if (!t->domain_allow_list.empty() && !t->domain_deny_list.empty()) {
    return r.Fail("domain_deny_list",
                  "give domain_allow_list or domain_deny_list, not both");
  }
  size_t size = 0;
  for (const auto* list : {&t->domain_allow_list, &t->domain_deny_list}) {
    for (const std::string& d : *list) size += d.size() + 3;  // "d",
  }
  if (size > kMaxDomainPolicyChars) {
    r.Fail(
        t->domain_allow_list.empty() ? "domain_deny_list" : "domain_allow_list",
        absl::StrCat("the domain list exceeds the policy limit of ",
                     kMaxDomainPolicyChars, " characters"));
  }
}

// Reads a nested object key with its own reader (and unknown-key check).
template <typename ReadFn>
void Section(ObjectReader& parent, const std::string& key, ReadFn read) {
  const json::object* object = parent.Object(key);
  if (object == nullptr || !parent.ok()) return;
  ObjectReader reader(*object, parent.Path(key), parent.error());
  read(reader);
  reader.RejectUnknownKeys();
}

template <typename T, typename ReadFn>
void List(ObjectReader& parent, const std::string& key, std::vector<T>* out,
          ReadFn read) {
  const json::array* array = parent.Array(key);
  if (array == nullptr || !parent.ok()) return;
  out->clear();
  ForEachObject(parent, key, *array, [&](ObjectReader& r) {
    out->emplace_back();
    read(r, &out->back());
  });
}

absl::Status CheckUniqueGroupIds(const std::vector<GroupSeed>& groups) {
  std::set<std::string> seen;
  for (const GroupSeed& g : groups) {
    if (!seen.insert(absl::AsciiStrToLower(g.id)).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("groups: duplicate id \"", g.id, "\""));
    }
  }
  return absl::OkStatus();
}

struct CloudHosts {
  std::string graph;
  std::vector<std::string> authorities;
};

// graph-api.md 8. China's login host differs between Microsoft's Graph and
// Entra pages; both are accepted.
std::optional<CloudHosts> HostsOfCloud(const std::string& cloud) {
  if (cloud == "global") {
    return CloudHosts{"https://graph.microsoft.com",
                      {"https://login.microsoftonline.com"}};
  }
  if (cloud == "usgov") {
    return CloudHosts{"https://graph.microsoft.us",
                      {"https://login.microsoftonline.us"}};
  }
  if (cloud == "usgov_dod") {
    return CloudHosts{"https://dod-graph.microsoft.us",
                      {"https://login.microsoftonline.us"}};
  }
  if (cloud == "china") {
    return CloudHosts{"https://microsoftgraph.chinacloudapi.cn",
                      {"https://login.chinacloudapi.cn",
                       "https://login.partner.microsoftonline.cn"}};
  }
  return std::nullopt;
}

void ReadRoot(ObjectReader& r, EmulatorConfig* c) {
  int64_t seed = static_cast<int64_t>(c->seed);
  r.Int("seed", 0, INT64_MAX, &seed);
  c->seed = static_cast<uint64_t>(seed);
  r.String("tenant_domain", &c->tenant_domain);
  // "cloud" names one of the four national clouds (graph-api.md 8);
  // "graph_resource" overrides it with any host.
  std::string cloud;
  r.String("cloud", &cloud);
  if (!cloud.empty()) {
    std::optional<CloudHosts> hosts = HostsOfCloud(cloud);
    if (hosts) {
      c->graph_resource = hosts->graph;
      c->authority_hosts = hosts->authorities;
    } else {
      r.Fail("cloud", "must be global, usgov, usgov_dod or china");
    }
  }
  r.String("graph_resource", &c->graph_resource);
  if (c->tenant_domain.empty()) r.Fail("tenant_domain", "must not be empty");
  if (!absl::StartsWith(c->graph_resource, "https://")) {
    r.Fail("graph_resource", "must start with https://");
  }
  Section(r, "token", [&](ObjectReader& s) { ReadToken(s, &c->token); });
  Section(r, "invitations",
          [&](ObjectReader& s) { ReadInvitations(s, &c->invitations); });
  Section(r, "consistency", [&](ObjectReader& s) { ReadConsistency(s, c); });
  List(r, "groups", &c->groups, ReadGroup);
  List(r, "latency", &c->latency, ReadLatency);
  List(r, "faults", &c->faults, ReadFault);
  Section(r, "chaos", [&](ObjectReader& s) { ReadChaos(s, &c->chaos); });
  Section(r, "throttling",
          [&](ObjectReader& s) { ReadThrottling(s, &c->throttling); });
  Section(r, "batch", [&](ObjectReader& s) { ReadBatch(s, &c->batch); });
  Section(r, "tenant_policy",
          [&](ObjectReader& s) { ReadTenantPolicy(s, &c->tenant_policy); });
  r.RejectUnknownKeys();
}

}  // namespace

std::optional<AllowInvitesFrom> ParseAllowInvitesFrom(absl::string_view name) {
  for (AllowInvitesFrom v :
       {AllowInvitesFrom::kNone, AllowInvitesFrom::kAdminsAndGuestInviters,
        AllowInvitesFrom::kAdminsGuestInvitersAndAllMembers,
        AllowInvitesFrom::kEveryone}) {
    if (name == AllowInvitesFromName(v)) return v;
  }
  return std::nullopt;
}

const char* AllowInvitesFromName(AllowInvitesFrom value) {
  switch (value) {
    case AllowInvitesFrom::kNone:
      return "none";
    case AllowInvitesFrom::kAdminsAndGuestInviters:
      return "adminsAndGuestInviters";
    case AllowInvitesFrom::kAdminsGuestInvitersAndAllMembers:
      return "adminsGuestInvitersAndAllMembers";
    case AllowInvitesFrom::kEveryone:
      return "everyone";
  }
  return "everyone";
}

bool PathMatcher::Matches(const std::string& method_upper,
                          const std::string& path) const {
  if (!method.empty() && method != method_upper) return false;
  if (compiled_regex) return re2::RE2::FullMatch(path, *compiled_regex);
  return absl::StartsWith(path, path_prefix);
}

EmulatorConfig DefaultEmulatorConfig() {
  EmulatorConfig config;
  // Fixed ids so that scripts and docs can name the groups.
  config.groups = {
      {"5f1c3a2e-8b4d-4e6f-9a10-1b2c3d4e5f01", "Fabrikam Partners",
       "External partners from Fabrikam", "fabrikampartners", true, false},
      {"5f1c3a2e-8b4d-4e6f-9a10-1b2c3d4e5f02", "Contoso Suppliers",
       "Supplier guests", "contososuppliers", true, false},
      {"5f1c3a2e-8b4d-4e6f-9a10-1b2c3d4e5f03", "Northwind Contractors",
       "Contractor guests", "northwindcontractors", true, false},
  };
  return config;
}

absl::StatusOr<EmulatorConfig> ParseEmulatorConfig(absl::string_view text) {
  absl::StatusOr<json::value> value = ParseJson(text);
  if (!value.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("config is not valid JSON: ", value.status().message()));
  }
  if (!value->is_object()) {
    return absl::InvalidArgumentError("config must be a JSON object");
  }
  EmulatorConfig config = DefaultEmulatorConfig();
  absl::Status error;
  ObjectReader reader(value->get_object(), "", &error);
  ReadRoot(reader, &config);
  if (!error.ok()) return error;
  absl::Status unique = CheckUniqueGroupIds(config.groups);
  if (!unique.ok()) return unique;
  return config;
}

}  // namespace guestinvitation::emulator
