// The emulated tenant's directory: users, groups, memberships and issued
// access tokens. Plain data plus lookups; the Graph rules live in the
// handlers. Not thread-safe: GraphEmulator guards it with its one mutex.
#ifndef GUESTINVITATION_TOOLS_GRAPH_EMULATOR_DIRECTORY_H_
#define GUESTINVITATION_TOOLS_GRAPH_EMULATOR_DIRECTORY_H_

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "tools/graph_emulator/emulator_config.h"

namespace guestinvitation::emulator {

struct UserRecord {
  int64_t seq = 0;  // creation order; paging walks it
  std::string id;
  std::string mail;
  std::string user_principal_name;
  std::string display_name;
  std::string user_type;            // "Guest" / "Member"
  std::string external_user_state;  // "PendingAcceptance"
  std::string creation_type = "Invitation";
  absl::Time created_at;
  absl::Time state_changed_at;
  // Until this time reads, lists and member adds behave as if the user did
  // not exist yet (replication lag).
  absl::Time visible_at;
  bool account_enabled = true;
  bool deleted = false;  // soft-deleted: gone from reads, kept in the ledger
  absl::Time deleted_at = absl::InfinitePast();
  // Permanently deleted from directory/deletedItems (implies `deleted`):
  // cannot be restored; its memberships are gone; kept in the ledger.
  bool purged = false;
  absl::Time purged_at = absl::InfinitePast();
  std::vector<std::string> sponsor_ids;
};

struct GroupRecord {
  int64_t seq = 0;
  GroupSeed seed;
  absl::Time created_at;
};

struct Membership {
  std::string group_id;
  std::string user_id;
  absl::Time added_at;
};

struct IssuedToken {
  absl::Time expires_at;
  bool revoked = false;
};

class Directory {
 public:
  // Users that are not deleted, by id (case-insensitive) or UPN.
  UserRecord* FindUser(const std::string& id_or_upn);
  // A user that is not deleted, whose mail matches case-insensitively.
  UserRecord* FindUserByMail(const std::string& mail);
  UserRecord& AddUser(UserRecord user);
  // A soft-deleted user still in the deleted-items container, by id.
  UserRecord* FindDeletedUser(const std::string& id);
  // The newest soft-deleted (not purged) user with this mail.
  UserRecord* FindDeletedUserByMail(const std::string& mail);
  // Deleted-items transitions. Memberships stay through a soft delete (a
  // restore brings them back) and go with a permanent delete.
  void SoftDeleteUser(UserRecord& user, absl::Time now);
  void PurgeUser(UserRecord& user, absl::Time now);
  void RestoreUser(UserRecord& user);
  bool IsVisible(const UserRecord& user, absl::Time now) const {
    return now >= user.visible_at;
  }

  const GroupRecord* FindGroup(const std::string& id) const;
  // Replaces the groups, dropping memberships of groups that disappear.
  void SetGroups(const std::vector<GroupSeed>& seeds, absl::Time now);

  bool IsMember(const std::string& group_id, const std::string& user_id) const;
  void AddMember(const std::string& group_id, const std::string& user_id,
                 absl::Time now);
  bool RemoveMember(const std::string& group_id, const std::string& user_id);
  // The members of a group, in the order they were added.
  std::vector<std::string> MembersOf(const std::string& group_id) const;

  // Forgets users and memberships; groups and tokens stay.
  void ClearUsers();

  const std::vector<UserRecord>& users() const { return users_; }
  const std::vector<GroupRecord>& groups() const { return groups_; }
  const std::vector<Membership>& memberships() const { return memberships_; }
  std::map<std::string, IssuedToken>& tokens() { return tokens_; }

 private:
  int64_t next_seq_ = 1;
  std::vector<UserRecord> users_;
  std::unordered_map<std::string, size_t> user_by_id_;    // lower-case id
  std::unordered_map<std::string, size_t> user_by_mail_;  // newest per mail
  std::vector<GroupRecord> groups_;
  std::vector<Membership> memberships_;  // in the order they were added
  std::set<std::pair<std::string, std::string>> member_set_;
  std::map<std::string, IssuedToken> tokens_;
};

}  // namespace guestinvitation::emulator

#endif  // GUESTINVITATION_TOOLS_GRAPH_EMULATOR_DIRECTORY_H_
