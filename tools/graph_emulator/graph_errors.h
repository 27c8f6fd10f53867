// Response bodies shared by all handlers: Graph's OData error envelope, the
// identity platform's flat token error, and JSON/empty success responses.
#ifndef GUESTINVITATION_TOOLS_GRAPH_EMULATOR_GRAPH_ERRORS_H_
#define GUESTINVITATION_TOOLS_GRAPH_EMULATOR_GRAPH_ERRORS_H_

#include <boost/json.hpp>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "tools/graph_emulator/net/https_server.h"
#include "tools/graph_emulator/request_context.h"

namespace guestinvitation::emulator {

// The Content-Type Graph sends with JSON bodies.
inline constexpr char kGraphJsonContentType[] =
    "application/json;odata.metadata=minimal;odata.streaming=true;"
    "IEEE754Compatible=false;charset=utf-8";

ServerResponse JsonResponse(int status, const boost::json::value& body);
ServerResponse EmptyResponse(int status);

// {"error":{"code","message","innerError":{"date","request-id",
// "client-request-id"}}} with the ids of `ctx`.
ServerResponse GraphError(const RequestContext& ctx, int status,
                          absl::string_view code, absl::string_view message);

// 429 with the body of the documented throttling sample (graph-api.md 4.1),
// whose innerError also carries code "429", status "429" and a message.
ServerResponse ThrottledError(const RequestContext& ctx, absl::string_view code,
                              absl::string_view message);

// 429 with the nested form reported on Microsoft Q&A (graph-api.md 4.1):
// "activityLimitReached" > innerError "throttledRequest" > innerError
// "quota". The message texts are not documented anywhere.
ServerResponse ActivityLimitReachedError(const RequestContext& ctx);

// "Resource '<id>' does not exist or one of its queried reference-property
// objects are not present."
std::string ResourceNotFoundMessage(absl::string_view id);
ServerResponse ResourceNotFound(const RequestContext& ctx,
                                absl::string_view id);

// 400 for a body that is not the JSON object the endpoint expects.
ServerResponse UnreadableBody(const RequestContext& ctx);

// Caller text quoted in an error message, cut to `max` characters (with
// "..." when cut) so a 1 MiB body cannot come back in an error.
std::string Echo(absl::string_view caller_text, size_t max = 128);

// 400 for a $skiptoken the emulator did not issue.
ServerResponse BadSkipToken(const RequestContext& ctx);

// The token endpoint's flat error: {"error","error_description" (with the
// AADSTS prefix and the trace/correlation/timestamp trailer),
// "error_codes":[aadsts],"timestamp","trace_id","correlation_id"}.
ServerResponse TokenError(const RequestContext& ctx, int status,
                          absl::string_view error, int aadsts,
                          absl::string_view description);

// "2021-12-09T17:41:54" (innerError.date).
std::string InnerErrorDate(absl::Time t);
// "2021-12-09T17:41:54Z" (Graph DateTimeOffset properties).
std::string GraphDateTime(absl::Time t);
// "Thu, 09 Dec 2021 17:41:54 GMT" (Date, Retry-After).
std::string HttpDate(absl::Time t);

}  // namespace guestinvitation::emulator

#endif  // GUESTINVITATION_TOOLS_GRAPH_EMULATOR_GRAPH_ERRORS_H_
