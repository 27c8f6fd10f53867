// What happened in the emulated tenant, for tests to prove "exactly once":
// counters kept as requests are served, plus the directory contents, both
// rendered as the JSON of GET /_emulator/ledger (docs/graph-emulator.md).
#ifndef GUESTINVITATION_TOOLS_GRAPH_EMULATOR_LEDGER_H_
#define GUESTINVITATION_TOOLS_GRAPH_EMULATOR_LEDGER_H_

#include <boost/json.hpp>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "tools/graph_emulator/directory.h"

namespace guestinvitation::emulator {

struct EmailLedgerEntry {
  int64_t count = 0;
  std::vector<std::string> cc;  // one entry per send that had a cc
};

struct Ledger {
  std::map<std::string, EmailLedgerEntry> emails_sent;  // lower-case address
  std::map<std::string, int64_t> invitation_posts;      // lower-case address
  // POST /invitations answered 201 (the abuse block counts these).
  int64_t invitations_succeeded = 0;
  // Invitations refused by a tenant policy, by reason ("allow_invites_from",
  // "member_invite", "abuse_block", "domain_list", "cross_tenant",
  // "reset_role_holder").
  std::map<std::string, int64_t> invitations_refused;
  int64_t token_requests = 0;
  int64_t tokens_issued = 0;
  // Requests answered 429 by the token-bucket throttling.
  int64_t throttled = 0;
  // POST /$batch requests answered with the 200 envelope, their items, and
  // the write items applied but reported 429 (batch.applied_but_429_...).
  int64_t batches = 0;
  int64_t batch_items = 0;
  int64_t batch_applied_but_429 = 0;
  // Token requests by the client credential presented ("secret",
  // "certificate", "federated", "assertion" = unreadable assertion): issued
  // tokens and refusals.
  struct CredentialCount {
    int64_t issued = 0;
    int64_t failed = 0;
  };
  std::map<std::string, CredentialCount> token_credentials;
  // "METHOD /path/template" -> outcome ("201", "429", "reset", ...) -> count
  std::map<std::string, std::map<std::string, int64_t>> requests;

  void CountRequest(const std::string& route, const std::string& outcome);
  void CountInvitationPost(const std::string& address);
  void CountEmail(const std::string& address, const std::string& cc);
};

boost::json::object RenderLedger(const Ledger& ledger,
                                 const Directory& directory,
                                 uint64_t tls_connections_accepted);

}  // namespace guestinvitation::emulator

#endif  // GUESTINVITATION_TOOLS_GRAPH_EMULATOR_LEDGER_H_
