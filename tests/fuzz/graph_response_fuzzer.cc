// Everything Graph or the token endpoint can send us goes through these
// parsers; none may crash, hang or read out of bounds on any input. The
// first byte picks the parser, the rest is the body / header value.
#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "server/auth/token_response.h"
#include "server/graph/graph_errors.h"
#include "server/graph/graph_json.h"
#include "server/retry/retry_after.h"

using namespace guestinvitation;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t selector = data[0];
  const absl::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);
  const absl::Time now = absl::FromUnixSeconds(1'800'000'000);
  http::HttpResponse response;
  response.body = std::string(body);
  response.headers = {{"request-id", "r"}, {"Retry-After", std::string(body.substr(0, 64))}};
  switch (selector % 8) {
    case 0: (void)graph::ParseInvitation(body); break;
    case 1: (void)graph::ParseUser(body); break;
    case 2: (void)graph::ParseUserPage(body); break;
    case 3: (void)graph::ParseGraphErrorBody(body); break;
    case 4: (void)retry::ParseRetryAfter(body, now); break;
    case 5:
      response.status = 200;
      (void)auth::ParseTokenResponse(response, now);
      break;
    case 6:
      response.status = 400 + selector % 200;
      (void)graph::StatusFromGraphResponse(response, "client-request-id", now);
      (void)auth::TokenEndpointError(response);
      break;
    default: (void)graph::ExistingUserIdFromMessage(body); break;
  }
  return 0;
}
