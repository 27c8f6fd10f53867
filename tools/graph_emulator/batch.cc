#include "tools/graph_emulator/batch.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tools/graph_emulator/batch_request.h"
#include "tools/graph_emulator/graph_errors.h"
#include "tools/graph_emulator/json_util.h"
#include "tools/graph_emulator/odata_query.h"
#include "tools/graph_emulator/router.h"
#include "tools/graph_emulator/throttling.h"

namespace guestinvitation::emulator {
namespace {

namespace json = boost::json;

bool Succeeded(int status) { return status / 100 == 2; }

std::string ItemTarget(const BatchItem& item) {
  return absl::StrCat("/v1.0", item.url);
}

// "METHOD /route/template" of an item that is answered without being
// dispatched, so the ledger still counts it under its own route.
std::string LedgerRoute(const BatchItem& item) {
  std::optional<ParsedTarget> target = ParseTarget(ItemTarget(item));
  std::string route = target ? MatchRoute(target->segments).path_template
                             : std::string("/v1.0/(unknown)");
  return absl::StrCat(item.method, " ", route);
}

// The item as a top-level request: the outer token, Host and
// client-request-id unless the item sets its own.
ServerRequest InnerRequest(const RequestContext& ctx, const BatchItem& item) {
  ServerRequest inner;
  inner.method = item.method;
  inner.target = ItemTarget(item);
  for (const auto& [name, value] : item.headers) {
    if (absl::EqualsIgnoreCase(name, "Authorization") ||
        absl::EqualsIgnoreCase(name, "Host")) {
      continue;
    }
    inner.headers.emplace_back(name, value);
  }
  inner.headers.emplace_back("Authorization", ctx.Header("Authorization"));
  inner.headers.emplace_back("Host", ctx.Header("Host"));
  if (!http::FindHeader(inner.headers, "client-request-id")) {
    inner.headers.emplace_back("client-request-id", ctx.client_request_id);
  }
  inner.body = item.body.value_or("");
  return inner;
}

// Graph resolves item urls against the version root, so "/v1.0/users"
// names a segment "v1.0" that does not exist (msgraph-sdk-javascript#1178).
bool HasVersionSegment(const BatchItem& item) {
  std::string first = FirstSegment(item.url);
  return absl::EqualsIgnoreCase(first, "v1.0") ||
         absl::EqualsIgnoreCase(first, "beta");
}

ServerResponse FailedDependency(const RequestContext& ctx,
                                const std::string& dependency) {
  return GraphError(ctx, 424, "FailedDependency",
                    absl::StrCat("The request depends on request '", dependency,
                                 "', which failed."));
}

ServerResponse AppliedBut429(const RequestContext& ctx) {
  ServerResponse response =
      ThrottledError(ctx, "TooManyRequests", "Please retry again later.");
  response.headers.emplace_back("Retry-After", "1");
  return response;
}

class BatchRun {
 public:
  BatchRun(EmulatorState& state, const RequestContext& ctx,
           const BatchItemServer& serve_item, const BatchRequest& batch)
      : state_(state), ctx_(ctx), serve_item_(serve_item), batch_(batch) {}

  void Run() {
    for (size_t index : batch_.run_order) {
      const BatchItem& item = batch_.items[index];
      ServerResponse response = RunItem(item);
      status_[item.id] = response.status;
      responses_.emplace(index, std::move(response));
    }
  }

  ServerResponse Envelope() {
    json::array rendered;
    for (size_t index : ResponseOrder()) {
      rendered.emplace_back(
          Render(batch_.items[index].id, responses_.at(index)));
    }
    ServerResponse out =
        JsonResponse(200, json::object{{"responses", std::move(rendered)}});
    for (size_t index : batch_.run_order) {
      const ServerResponse& r = responses_.at(index);
      // Sequential items add up; parallel ones overlap.
      out.delay = batch_.sequential ? out.delay + r.delay
                                    : std::max(out.delay, r.delay);
      // A socket fault of an item breaks the one connection the batch has.
      if (out.fault == ResponseFault::kNone) CopySocketFault(r, &out);
    }
    return out;
  }

 private:
  ServerResponse RunItem(const BatchItem& item) {
    for (const std::string& dep : item.depends_on) {
      if (!Succeeded(status_.at(dep))) {
        ServerResponse r = FailedDependency(ctx_, dep);
        state_.ledger.CountRequest(LedgerRoute(item), "424");
        return r;
      }
    }
    if (HasVersionSegment(item)) {
      state_.ledger.CountRequest(LedgerRoute(item), "400");
      return GraphError(ctx_, 400, "BadRequest",
                        absl::StrCat("Resource not found for the segment '",
                                     FirstSegment(item.url), "'."));
    }
    ServerRequest inner = InnerRequest(ctx_, item);
    ServerResponse response = serve_item_(inner);
    if (IsWrite(item.method) && Succeeded(response.status) &&
        state_.batch_random.Chance(
            state_.config.batch.applied_but_429_probability)) {
      ++state_.ledger.batch_applied_but_429;
      ServerResponse reported = AppliedBut429(ctx_);
      reported.delay = response.delay;
      CopySocketFault(response, &reported);
      return reported;
    }
    return response;
  }

  std::vector<size_t> ResponseOrder() {
    std::vector<size_t> order;
    for (size_t i = 0; i < batch_.items.size(); ++i) order.push_back(i);
    switch (state_.config.batch.response_order) {
      case BatchResponseOrder::kRequest:
        break;
      case BatchResponseOrder::kReversed:
        std::reverse(order.begin(), order.end());
        break;
      case BatchResponseOrder::kShuffled:
        state_.batch_random.Shuffle(&order);
        break;
    }
    return order;
  }

  // Header names as the handler set them, except that Graph sends
  // `retry-after` in lower case inside batches (graph-api.md 5.4).
  static json::object Render(const std::string& id, const ServerResponse& r) {
    json::object headers;
    for (const auto& [name, value] : r.headers) {
      std::string key = absl::EqualsIgnoreCase(name, "Retry-After")
                            ? std::string("retry-after")
                            : name;
      headers[JsonView(key)] = value;
    }
    json::object item;
    item["id"] = id;
    item["status"] = r.status;
    item["headers"] = std::move(headers);
    if (!r.body.empty()) {
      // JSON bodies are embedded as JSON; anything else (a body cut by a
      // malformed_json fault) as a string.
      absl::StatusOr<json::value> body = ParseJson(r.body);
      item["body"] = body.ok() ? *std::move(body) : json::value(r.body);
    }
    return item;
  }

  EmulatorState& state_;
  const RequestContext& ctx_;
  const BatchItemServer& serve_item_;
  const BatchRequest& batch_;
  std::map<std::string, int> status_;
  std::map<size_t, ServerResponse> responses_;
};

}  // namespace

ServerResponse HandleBatch(EmulatorState& state, const RequestContext& ctx,
                           const BatchItemServer& serve_item) {
  absl::StatusOr<BatchRequest> batch =
      ParseBatchRequest(ctx.body(), state.config.batch);
  if (!batch.ok()) {
    return GraphError(ctx, 400, "BadRequest",
                      std::string(batch.status().message()));
  }
  ++state.ledger.batches;
  state.ledger.batch_items += static_cast<int64_t>(batch->items.size());
  BatchRun run(state, ctx, serve_item, *batch);
  run.Run();
  return run.Envelope();
}

}  // namespace guestinvitation::emulator
