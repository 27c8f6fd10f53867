// The Graph emulator parses whatever a test or a misbehaving client sends:
// $batch envelopes, client-assertion JWTs, OData $filter/$search/$orderby,
// invitation and group bodies, request targets, and its own JSON config.
// None of it may crash, hang or read out of bounds. The first byte picks the
// entry point, the rest is the untrusted part of the request.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "server/common/logger.h"
#include "tools/graph_emulator/emulator_config.h"
#include "tools/graph_emulator/graph_emulator.h"
#include "tools/graph_emulator/odata_query.h"

using namespace guestinvitation;
using namespace guestinvitation::emulator;

namespace {

constexpr char kGroup[] = "5f1c3a2e-8b4d-4e6f-9a10-1b2c3d4e5f01";

struct Fixture {
  Fixture() {
    SetMinLogLevel(LogLevel::kError);
    GraphEmulatorOptions options;
    options.credentials = {"0b1c2d3e-1111-4222-8333-444455556666",
                           "7a8b9c0d-aaaa-4bbb-8ccc-ddddeeeeffff",
                           "fuzz-secret", ""};
    options.clock = [] { return absl::FromUnixSeconds(1'800'000'000); };
    emulator = std::make_unique<GraphEmulator>(std::move(options));
    ServerResponse token = emulator->Handle(Request(
        "POST", "/0b1c2d3e-1111-4222-8333-444455556666/oauth2/v2.0/token",
        absl::StrCat("grant_type=client_credentials&client_id=",
                     "7a8b9c0d-aaaa-4bbb-8ccc-ddddeeeeffff",
                     "&client_secret=fuzz-secret&scope=",
                     "https%3A%2F%2Fgraph.microsoft.com%2F.default"),
        "application/x-www-form-urlencoded"));
    // "access_token":"<token>" without a JSON library: the token has no '"'.
    const std::string key = "\"access_token\":\"";
    size_t start = token.body.find(key);
    if (start != std::string::npos) {
      start += key.size();
      bearer = "Bearer " +
               token.body.substr(start, token.body.find('"', start) - start);
    }
  }

  static ServerRequest Request(std::string method, std::string target,
                               std::string body,
                               const std::string& content_type) {
    ServerRequest request;
    request.method = std::move(method);
    request.target = std::move(target);
    request.headers.emplace_back("Host", "127.0.0.1:4443");
    if (!content_type.empty()) {
      request.headers.emplace_back("Content-Type", content_type);
    }
    request.body = std::move(body);
    return request;
  }

  ServerResponse Graph(std::string method, std::string target,
                       std::string body, bool eventual = false) {
    ServerRequest request =
        Request(std::move(method), std::move(target), std::move(body),
                "application/json");
    request.headers.emplace_back("Authorization", bearer);
    if (eventual) request.headers.emplace_back("ConsistencyLevel", "eventual");
    return emulator->Handle(request);
  }

  std::unique_ptr<GraphEmulator> emulator;
  std::string bearer;
};

Fixture& TheFixture() {
  static Fixture* fixture = new Fixture();
  return *fixture;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  Fixture& f = TheFixture();
  const uint8_t selector = data[0];
  const std::string input(reinterpret_cast<const char*>(data + 1), size - 1);
  const std::string query = PercentEncode(input, "");
  switch (selector % 8) {
    case 0:
      (void)f.Graph("POST", "/v1.0/$batch", input);
      break;
    case 1:
      (void)f.emulator->Handle(Fixture::Request(
          "POST", "/0b1c2d3e-1111-4222-8333-444455556666/oauth2/v2.0/token",
          absl::StrCat("grant_type=client_credentials&client_id=",
                       "7a8b9c0d-aaaa-4bbb-8ccc-ddddeeeeffff",
                       "&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3A",
                       "client-assertion-type%3Ajwt-bearer&client_assertion=",
                       query, "&scope=https%3A%2F%2Fgraph.microsoft.com%2F",
                       ".default"),
          "application/x-www-form-urlencoded"));
      break;
    case 2:
      (void)f.Graph("GET", "/v1.0/users?$count=true&$filter=" + query, "",
                    /*eventual=*/selector & 0x80);
      break;
    case 3:
      (void)f.Graph("GET",
                    "/v1.0/users?$count=true&$search=" + query +
                        "&$orderby=displayName%20desc",
                    "", /*eventual=*/true);
      break;
    case 4:
      (void)f.Graph("POST", "/v1.0/invitations", input);
      break;
    case 5:
      (void)f.Graph(selector & 0x80 ? "POST" : "PATCH",
                    selector & 0x80
                        ? absl::StrCat("/v1.0/groups/", kGroup, "/members")
                        : absl::StrCat("/v1.0/groups/", kGroup),
                    input);
      break;
    case 6:
      (void)f.Graph(selector & 0x80 ? "GET" : "DELETE", input, "");
      break;
    default:
      (void)ParseEmulatorConfig(input);
      break;
  }
  // Keep the directory small so long runs do not grow without bound.
  f.emulator->Reset();
  return 0;
}
