#include "tools/graph_emulator/batch_request.h"

#include <map>
#include <set>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tools/graph_emulator/json_util.h"
#include "tools/graph_emulator/odata_query.h"

namespace guestinvitation::emulator {
namespace {

namespace json = boost::json;

constexpr size_t kMaxIdLength = 128;
constexpr size_t kMaxMethodLength = 16;
constexpr size_t kMaxUrlLength = 4096;
constexpr size_t kMaxHeaders = 32;
constexpr size_t kMaxHeaderValue = 4096;

absl::Status Invalid(absl::string_view message = kInvalidBatchPayload) {
  return absl::InvalidArgumentError(message);
}

bool PrintableAscii(absl::string_view s, bool allow_space) {
  for (char c : s) {
    if (c < 0x20 || c >= 0x7F) return false;
    if (c == ' ' && !allow_space) return false;
  }
  return true;
}

bool IsToken(absl::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) &&
        absl::string_view("!#$%&'*+-.^_`|~").find(c) ==
            absl::string_view::npos) {
      return false;
    }
  }
  return true;
}

const json::string* StringField(const json::object& o, const char* key) {
  const json::value* v = o.if_contains(key);
  return v == nullptr ? nullptr : v->if_string();
}

absl::Status ReadHeaders(const json::object& o, BatchItem* item) {
  const json::value* v = o.if_contains("headers");
  if (v == nullptr || v->is_null()) return absl::OkStatus();
  const json::object* headers = v->if_object();
  if (headers == nullptr || headers->size() > kMaxHeaders) return Invalid();
  for (const auto& entry : *headers) {
    absl::string_view name(entry.key().data(), entry.key().size());
    const json::string* value = entry.value().if_string();
    if (!IsToken(name) || value == nullptr || value->size() > kMaxHeaderValue ||
        !PrintableAscii(absl::string_view(value->data(), value->size()),
                        true)) {
      return Invalid();
    }
    item->headers.emplace_back(std::string(name), ToStd(*value));
  }
  return absl::OkStatus();
}

// A JSON body is re-serialized; a string with a non-JSON Content-Type is
// passed on as is.
void ReadBody(const json::object& o, BatchItem* item) {
  const json::value* v = o.if_contains("body");
  if (v == nullptr || v->is_null()) return;
  std::string type = absl::AsciiStrToLower(
      http::FindHeader(item->headers, "Content-Type").value_or(""));
  if (v->is_string() && !absl::StrContains(type, "json")) {
    item->body = ToStd(v->get_string());
  } else {
    item->body = Serialize(*v);
  }
}

absl::Status ReadDependsOn(const json::object& o, BatchItem* item) {
  const json::value* v = o.if_contains("dependsOn");
  if (v == nullptr || v->is_null()) return absl::OkStatus();
  const json::array* ids = v->if_array();
  if (ids == nullptr) return Invalid();
  for (const json::value& id : *ids) {
    if (!id.is_string()) return Invalid();
    item->depends_on.push_back(ToStd(id.get_string()));
  }
  return absl::OkStatus();
}

// Methods whose batch item must carry a body (and so a Content-Type).
bool RequiresBody(const std::string& method) {
  return method == "POST" || method == "PATCH" || method == "PUT";
}

absl::StatusOr<BatchItem> ReadItem(const json::value& value) {
  const json::object* o = value.if_object();
  if (o == nullptr) return Invalid();
  const json::string* id = StringField(*o, "id");
  const json::string* method = StringField(*o, "method");
  const json::string* url = StringField(*o, "url");
  if (id == nullptr || id->empty() || id->size() > kMaxIdLength ||
      !PrintableAscii(ToStd(*id), true)) {
    return Invalid();
  }
  if (method == nullptr || method->size() > kMaxMethodLength ||
      !IsToken(ToStd(*method)) || url == nullptr || url->empty() ||
      url->size() > kMaxUrlLength || !PrintableAscii(ToStd(*url), true)) {
    return Invalid();
  }
  BatchItem item;
  item.id = ToStd(*id);
  item.method = absl::AsciiStrToUpper(ToStd(*method));
  item.url = ToStd(*url);
  // Relative only: no scheme, no host (Graph: "Invalid batch payload").
  absl::string_view path =
      absl::string_view(item.url).substr(0, item.url.find('?'));
  if (absl::StrContains(path, "://") ||
      absl::StartsWithIgnoreCase(item.url, "http") ||
      absl::StartsWith(item.url, "//")) {
    return Invalid();
  }
  if (item.url[0] != '/') item.url.insert(0, "/");
  if (absl::Status s = ReadHeaders(*o, &item); !s.ok()) return s;
  ReadBody(*o, &item);
  if (absl::Status s = ReadDependsOn(*o, &item); !s.ok()) return s;
  // Observed Graph wording (msgraph-sdk-dotnet#1038, #2628).
  bool has_type = http::FindHeader(item.headers, "Content-Type").has_value();
  if ((item.body && !has_type) || (RequiresBody(item.method) && !item.body)) {
    return Invalid(absl::StrCat("Write request id : ", item.id,
                                " does not contain Content-Type header or "
                                "body."));
  }
  return item;
}

// No dependsOn anywhere, one chain, or all depending on one item: the
// shapes Graph accepts ("Batch should be either fully sequential or fully
// parallel.") and the JS SDK's BatchRequestContent validates.
bool SequentialOrParallel(const std::vector<BatchItem>& items) {
  std::map<std::string, int> dependents;
  size_t roots = 0;
  std::string root;
  for (const BatchItem& item : items) {
    if (item.depends_on.size() > 1) return false;
    if (item.depends_on.empty()) {
      ++roots;
      root = item.id;
    } else {
      ++dependents[item.depends_on[0]];
    }
  }
  if (roots == items.size()) return true;
  if (roots != 1) return false;
  bool chain = true;
  for (const auto& [id, count] : dependents) chain = chain && count == 1;
  bool star = dependents.size() == 1 && dependents.count(root) == 1;
  return chain || star;
}

// Dependencies first, otherwise the order sent; error on a cycle.
absl::StatusOr<std::vector<size_t>> RunOrder(
    const std::vector<BatchItem>& items) {
  std::vector<size_t> order;
  std::set<std::string> done;
  std::vector<bool> placed(items.size(), false);
  while (order.size() < items.size()) {
    bool progress = false;
    for (size_t i = 0; i < items.size() && !progress; ++i) {
      if (placed[i]) continue;
      bool ready = true;
      for (const std::string& dep : items[i].depends_on) {
        ready = ready && done.count(dep) == 1;
      }
      if (!ready) continue;
      placed[i] = true;
      done.insert(items[i].id);
      order.push_back(i);
      progress = true;
    }
    if (!progress) {
      return Invalid("The dependsOn of the batch requests form a cycle.");
    }
  }
  return order;
}

absl::Status CheckIdsAndDependencies(const std::vector<BatchItem>& items) {
  std::set<std::string> ids;
  for (const BatchItem& item : items) {
    if (!ids.insert(item.id).second) {
      return Invalid(absl::StrCat("Batch request id '", item.id,
                                  "' is used more than once."));
    }
  }
  for (const BatchItem& item : items) {
    for (const std::string& dep : item.depends_on) {
      if (ids.count(dep) == 0 || dep == item.id) {
        return Invalid(absl::StrCat("Request id '", item.id,
                                    "' depends on an invalid request id."));
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace

std::string FirstSegment(absl::string_view url) {
  url = url.substr(0, url.find('?'));
  while (!url.empty() && url[0] == '/') url.remove_prefix(1);
  absl::string_view raw = url.substr(0, url.find('/'));
  return PercentDecode(raw, false).value_or(std::string(raw));
}

absl::StatusOr<BatchRequest> ParseBatchRequest(absl::string_view body,
                                               const BatchConfig& config) {
  absl::StatusOr<json::value> parsed = ParseJson(body);
  if (!parsed.ok() || !parsed->is_object()) return Invalid();
  const json::value* requests = parsed->get_object().if_contains("requests");
  if (requests == nullptr || !requests->is_array() ||
      requests->get_array().empty()) {
    return Invalid();
  }
  const json::array& array = requests->get_array();
  if (static_cast<int64_t>(array.size()) > config.max_requests) {
    // Observed wording (microsoftgraph-postman-collections#9).
    return Invalid("Number of requests inside batch exceeds the limit.");
  }
  BatchRequest batch;
  for (const json::value& value : array) {
    absl::StatusOr<BatchItem> item = ReadItem(value);
    if (!item.ok()) return item.status();
    if (absl::EqualsIgnoreCase(FirstSegment(item->url), "$batch")) {
      return Invalid("A batch request cannot contain another batch request.");
    }
    batch.sequential = batch.sequential || !item->depends_on.empty();
    batch.items.push_back(*std::move(item));
  }
  if (absl::Status s = CheckIdsAndDependencies(batch.items); !s.ok()) return s;
  if (config.require_sequential_or_parallel &&
      !SequentialOrParallel(batch.items)) {
    return Invalid(
        "Batch should be either fully sequential or fully parallel.");
  }
  absl::StatusOr<std::vector<size_t>> order = RunOrder(batch.items);
  if (!order.ok()) return order.status();
  batch.run_order = *std::move(order);
  return batch;
}

}  // namespace guestinvitation::emulator
