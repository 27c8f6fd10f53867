// Everything the handlers read and change: configuration, the directory,
// the ledger and the random sources. One instance per GraphEmulator, always
// used under its mutex.
#ifndef GUESTINVITATION_TOOLS_GRAPH_EMULATOR_EMULATOR_STATE_H_
#define GUESTINVITATION_TOOLS_GRAPH_EMULATOR_EMULATOR_STATE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "tools/graph_emulator/batch_random.h"
#include "tools/graph_emulator/directory.h"
#include "tools/graph_emulator/emulator_config.h"
#include "tools/graph_emulator/faults.h"
#include "tools/graph_emulator/ids.h"
#include "tools/graph_emulator/ledger.h"
#include "tools/graph_emulator/tenant_policy.h"
#include "tools/graph_emulator/throttling.h"
#include "tools/graph_emulator/trusted_key.h"

namespace guestinvitation::emulator {

// The one app registration the emulated tenant knows.
struct EmulatorCredentials {
  std::string tenant_id;
  std::string client_id;
  std::string client_secret;
  // PEM of a certificate registered on the app (client assertions are
  // accepted when signed with its key); may also hold the PKCS#8 private
  // key, which the emulator ignores. Empty: none besides the configured
  // token.certificates.
  std::string client_certificate_pem;
};

struct EmulatorState {
  EmulatorState(EmulatorCredentials creds, EmulatorConfig cfg)
      : credentials(std::move(creds)),
        config(std::move(cfg)),
        ids(config.seed) {}

  EmulatorCredentials credentials;
  EmulatorConfig config;
  Directory directory;
  Ledger ledger;
  IdGenerator ids;
  FaultInjector faults;
  Throttler throttler;
  BatchRandom batch_random;
  TenantPolicyState tenant_policy;
  // credentials.client_certificate_pem, loaded once.
  std::vector<TrustedKey> credential_certificates;
  // jti -> exp of accepted certificate assertions, for
  // token.assertion_reject_replayed_jti.
  std::map<std::string, absl::Time> used_assertion_ids;
  // Supplied by the code that owns the TLS listener; may be empty.
  std::function<uint64_t()> tls_connections;
};

}  // namespace guestinvitation::emulator

#endif  // GUESTINVITATION_TOOLS_GRAPH_EMULATOR_EMULATOR_STATE_H_
