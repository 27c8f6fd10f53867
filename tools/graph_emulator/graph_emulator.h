// GraphEmulator: the Graph and token-endpoint semantics of the emulator as
// one synchronous, thread-safe request handler, with no network code. The
// HTTPS server (net/https_server.h) or a unit test calls Handle(); time and
// randomness are injected so tests need no sleeps and runs repeat.
#ifndef GUESTINVITATION_TOOLS_GRAPH_EMULATOR_GRAPH_EMULATOR_H_
#define GUESTINVITATION_TOOLS_GRAPH_EMULATOR_GRAPH_EMULATOR_H_

#include <boost/json.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "absl/time/time.h"
#include "tools/graph_emulator/emulator_config.h"
#include "tools/graph_emulator/emulator_state.h"
#include "tools/graph_emulator/net/https_server.h"

namespace guestinvitation::emulator {

struct GraphEmulatorOptions {
  // The app registration the token endpoint accepts.
  EmulatorCredentials credentials;
  EmulatorConfig config = DefaultEmulatorConfig();
  // Defaults to absl::Now.
  std::function<absl::Time()> clock;
};

class GraphEmulator {
 public:
  explicit GraphEmulator(GraphEmulatorOptions options);
  ~GraphEmulator();
  GraphEmulator(const GraphEmulator&) = delete;
  GraphEmulator& operator=(const GraphEmulator&) = delete;

  // Serves one request: token endpoint, /v1.0 Graph paths, /_emulator
  // control paths. Never throws; malformed input gets a 4xx.
  ServerResponse Handle(const ServerRequest& request);
  // Handle() bound to this object, for HttpsServer.
  RequestHandler Handler();

  // The same JSON as GET /_emulator/ledger (docs/graph-emulator.md).
  boost::json::object Ledger() const;
  // POST /_emulator/reset: forget users, memberships and the ledger; keep
  // config, groups and issued tokens; re-arm the fault rules.
  void Reset();
  // PUT /_emulator/config with an already parsed config.
  void ReplaceConfig(EmulatorConfig config);
  // POST /_emulator/revoke-tokens: every issued token now gets 401.
  void RevokeTokens();
  // The embedding code's count of accepted TLS connections, for the ledger.
  void SetTlsConnectionCounter(std::function<uint64_t()> counter);

  EmulatorCredentials credentials() const;

 private:
  std::function<absl::Time()> clock_;
  mutable std::mutex mu_;
  std::unique_ptr<EmulatorState> state_;
};

}  // namespace guestinvitation::emulator

#endif  // GUESTINVITATION_TOOLS_GRAPH_EMULATOR_GRAPH_EMULATOR_H_
