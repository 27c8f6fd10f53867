#include "tools/graph_emulator/ledger.h"

#include "absl/strings/ascii.h"
#include "tools/graph_emulator/graph_errors.h"
#include "tools/graph_emulator/json_util.h"

namespace guestinvitation::emulator {
namespace {

namespace json = boost::json;

json::object RenderUser(const UserRecord& user) {
  json::object o;
  o["id"] = user.id;
  o["mail"] = user.mail;
  o["userPrincipalName"] = user.user_principal_name;
  o["displayName"] = user.display_name;
  o["userType"] = user.user_type;
  o["externalUserState"] = user.external_user_state;
  o["externalUserStateChangeDateTime"] = GraphDateTime(user.state_changed_at);
  o["accountEnabled"] = user.account_enabled;
  o["createdDateTime"] = GraphDateTime(user.created_at);
  o["deleted"] = user.deleted;
  if (user.deleted) {
    o["deletedDateTime"] = GraphDateTime(user.deleted_at);
  } else {
    o["deletedDateTime"] = nullptr;
  }
  // Permanently deleted from directory/deletedItems ("deleted" stays true).
  o["permanentlyDeleted"] = user.purged;
  if (user.purged) {
    o["permanentlyDeletedDateTime"] = GraphDateTime(user.purged_at);
  } else {
    o["permanentlyDeletedDateTime"] = nullptr;
  }
  json::array sponsors;
  for (const std::string& id : user.sponsor_ids) sponsors.emplace_back(id);
  o["sponsorIds"] = std::move(sponsors);
  return o;
}

json::object RenderEmails(const Ledger& ledger) {
  json::object emails;
  for (const auto& [address, entry] : ledger.emails_sent) {
    json::array cc;
    for (const std::string& c : entry.cc) cc.emplace_back(c);
    json::object e;
    e["count"] = entry.count;
    e["cc"] = std::move(cc);
    emails[JsonView(address)] = std::move(e);
  }
  return emails;
}

json::object RenderRequests(const Ledger& ledger) {
  json::object requests;
  for (const auto& [route, outcomes] : ledger.requests) {
    json::object by_outcome;
    for (const auto& [outcome, count] : outcomes) {
      by_outcome[JsonView(outcome)] = count;
    }
    requests[JsonView(route)] = std::move(by_outcome);
  }
  return requests;
}

}  // namespace

void Ledger::CountRequest(const std::string& route,
                          const std::string& outcome) {
  ++requests[route][outcome];
}

void Ledger::CountInvitationPost(const std::string& address) {
  ++invitation_posts[absl::AsciiStrToLower(address)];
}

void Ledger::CountEmail(const std::string& address, const std::string& cc) {
  EmailLedgerEntry& entry = emails_sent[absl::AsciiStrToLower(address)];
  ++entry.count;
  if (!cc.empty()) entry.cc.push_back(cc);
}

json::object RenderLedger(const Ledger& ledger, const Directory& directory,
                          uint64_t tls_connections_accepted) {
  json::object out;
  json::array users;
  for (const UserRecord& user : directory.users()) {
    users.emplace_back(RenderUser(user));
  }
  out["users"] = std::move(users);
  json::array memberships;
  for (const Membership& m : directory.memberships()) {
    memberships.emplace_back(
        json::object{{"group_id", m.group_id},
                     {"user_id", m.user_id},
                     {"added", GraphDateTime(m.added_at)}});
  }
  out["memberships"] = std::move(memberships);
  out["emails_sent"] = RenderEmails(ledger);
  json::object posts;
  for (const auto& [address, count] : ledger.invitation_posts) {
    posts[JsonView(address)] = count;
  }
  out["invitation_posts"] = std::move(posts);
  out["invitations_succeeded"] = ledger.invitations_succeeded;
  json::object refused;
  for (const auto& [reason, count] : ledger.invitations_refused) {
    refused[JsonView(reason)] = count;
  }
  out["invitations_refused"] = std::move(refused);
  out["token_requests"] = ledger.token_requests;
  out["tokens_issued"] = ledger.tokens_issued;
  out["throttled"] = ledger.throttled;
  out["batches"] = ledger.batches;
  out["batch_items"] = ledger.batch_items;
  out["batch_applied_but_429"] = ledger.batch_applied_but_429;
  json::object credentials;
  for (const auto& [kind, count] : ledger.token_credentials) {
    credentials[JsonView(kind)] =
        json::object{{"issued", count.issued}, {"failed", count.failed}};
  }
  out["token_credentials"] = std::move(credentials);
  out["tls_connections_accepted"] = tls_connections_accepted;
  out["requests"] = RenderRequests(ledger);
  return out;
}

}  // namespace guestinvitation::emulator
