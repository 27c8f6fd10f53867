#include "tools/graph_emulator/graph_errors.h"

#include "absl/strings/str_cat.h"
#include "tools/graph_emulator/json_util.h"

namespace guestinvitation::emulator {

namespace json = boost::json;

ServerResponse JsonResponse(int status, const json::value& body) {
  ServerResponse response;
  response.status = status;
  response.headers.emplace_back("Content-Type", kGraphJsonContentType);
  response.body = Serialize(body);
  return response;
}

ServerResponse EmptyResponse(int status) {
  ServerResponse response;
  response.status = status;
  return response;
}

ServerResponse GraphError(const RequestContext& ctx, int status,
                          absl::string_view code, absl::string_view message) {
  json::object inner;
  inner["date"] = InnerErrorDate(ctx.now);
  inner["request-id"] = ctx.request_id;
  inner["client-request-id"] = ctx.client_request_id;
  json::object error;
  error["code"] = JsonView(code);
  error["message"] = JsonView(message);
  error["innerError"] = std::move(inner);
  json::object body;
  body["error"] = std::move(error);
  return JsonResponse(status, body);
}

ServerResponse ThrottledError(const RequestContext& ctx, absl::string_view code,
                              absl::string_view message) {
  json::object inner;
  inner["code"] = "429";
  inner["date"] = InnerErrorDate(ctx.now);
  inner["message"] = "Please retry after";
  inner["request-id"] = ctx.request_id;
  inner["status"] = "429";
  inner["client-request-id"] = ctx.client_request_id;
  json::object error{{"code", JsonView(code)}, {"message", JsonView(message)}};
  error["innerError"] = std::move(inner);
  return JsonResponse(429, json::object{{"error", std::move(error)}});
}

ServerResponse ActivityLimitReachedError(const RequestContext& ctx) {
  json::object quota{{"code", "quota"}};
  json::object inner{{"code", "throttledRequest"},
                     {"message", "The request has been throttled"},
                     {"innerError", std::move(quota)},
                     {"date", InnerErrorDate(ctx.now)},
                     {"request-id", ctx.request_id},
                     {"client-request-id", ctx.client_request_id}};
  json::object error{{"code", "activityLimitReached"},
                     {"message", "The request has been throttled"},
                     {"innerError", std::move(inner)}};
  return JsonResponse(429, json::object{{"error", std::move(error)}});
}

std::string ResourceNotFoundMessage(absl::string_view id) {
  return absl::StrCat("Resource '", id,
                      "' does not exist or one of its queried "
                      "reference-property objects are not present.");
}

ServerResponse ResourceNotFound(const RequestContext& ctx,
                                absl::string_view id) {
  return GraphError(ctx, 404, "Request_ResourceNotFound",
                    ResourceNotFoundMessage(id));
}

std::string Echo(absl::string_view caller_text, size_t max) {
  if (caller_text.size() <= max) return std::string(caller_text);
  return absl::StrCat(caller_text.substr(0, max), "...");
}

ServerResponse BadSkipToken(const RequestContext& ctx) {
  return GraphError(ctx, 400, "BadRequest", "Invalid $skiptoken.");
}

ServerResponse UnreadableBody(const RequestContext& ctx) {
  return GraphError(ctx, 400, "BadRequest",
                    "Unable to read JSON request payload. Please ensure "
                    "Content-Type header is set and payload is of valid JSON "
                    "format.");
}

ServerResponse TokenError(const RequestContext& ctx, int status,
                          absl::string_view error, int aadsts,
                          absl::string_view description) {
  std::string timestamp =
      absl::FormatTime("%Y-%m-%d %H:%M:%SZ", ctx.now, absl::UTCTimeZone());
  json::object body;
  body["error"] = JsonView(error);
  // The identity platform appends these lines to every description.
  body["error_description"] = absl::StrCat(
      "AADSTS", aadsts, ": ", description, " Trace ID: ", ctx.request_id,
      " Correlation ID: ", ctx.client_request_id, " Timestamp: ", timestamp);
  body["error_codes"] = json::array{aadsts};
  body["timestamp"] = timestamp;
  body["trace_id"] = ctx.request_id;
  body["correlation_id"] = ctx.client_request_id;
  ServerResponse response;
  response.status = status;
  response.headers.emplace_back("Content-Type",
                                "application/json; charset=utf-8");
  response.body = Serialize(body);
  return response;
}

std::string InnerErrorDate(absl::Time t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%S", t, absl::UTCTimeZone());
}

std::string GraphDateTime(absl::Time t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", t, absl::UTCTimeZone());
}

std::string HttpDate(absl::Time t) {
  return absl::FormatTime("%a, %d %b %Y %H:%M:%S GMT", t, absl::UTCTimeZone());
}

}  // namespace guestinvitation::emulator
