#include "tools/graph_emulator/directory.h"

#include <algorithm>
#include <iterator>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"

namespace guestinvitation::emulator {

UserRecord* Directory::FindUser(const std::string& id_or_upn) {
  auto it = user_by_id_.find(absl::AsciiStrToLower(id_or_upn));
  if (it != user_by_id_.end()) {
    UserRecord& user = users_[it->second];
    return user.deleted ? nullptr : &user;
  }
  // Graph also addresses users by userPrincipalName. UPN lookups are rare
  // here, so a scan is fine.
  for (UserRecord& user : users_) {
    if (!user.deleted &&
        absl::EqualsIgnoreCase(user.user_principal_name, id_or_upn)) {
      return &user;
    }
  }
  return nullptr;
}

UserRecord* Directory::FindUserByMail(const std::string& mail) {
  // Only the newest user per address can be live: an address is re-used
  // only after its previous user was deleted.
  auto it = user_by_mail_.find(absl::AsciiStrToLower(mail));
  if (it == user_by_mail_.end()) return nullptr;
  UserRecord& user = users_[it->second];
  return user.deleted ? nullptr : &user;
}

UserRecord& Directory::AddUser(UserRecord user) {
  user.seq = next_seq_++;
  user_by_id_[absl::AsciiStrToLower(user.id)] = users_.size();
  user_by_mail_[absl::AsciiStrToLower(user.mail)] = users_.size();
  users_.push_back(std::move(user));
  return users_.back();
}

UserRecord* Directory::FindDeletedUser(const std::string& id) {
  auto it = user_by_id_.find(absl::AsciiStrToLower(id));
  if (it == user_by_id_.end()) return nullptr;
  UserRecord& user = users_[it->second];
  return user.deleted && !user.purged ? &user : nullptr;
}

UserRecord* Directory::FindDeletedUserByMail(const std::string& mail) {
  for (auto it = users_.rbegin(); it != users_.rend(); ++it) {
    if (it->deleted && !it->purged && absl::EqualsIgnoreCase(it->mail, mail)) {
      return &*it;
    }
  }
  return nullptr;
}

void Directory::SoftDeleteUser(UserRecord& user, absl::Time now) {
  user.deleted = true;
  user.deleted_at = now;
}

void Directory::PurgeUser(UserRecord& user, absl::Time now) {
  user.purged = true;
  user.purged_at = now;
  for (auto it = member_set_.begin(); it != member_set_.end();) {
    it = it->second == user.id ? member_set_.erase(it) : std::next(it);
  }
  memberships_.erase(
      std::remove_if(memberships_.begin(), memberships_.end(),
                     [&](const Membership& m) { return m.user_id == user.id; }),
      memberships_.end());
}

void Directory::RestoreUser(UserRecord& user) {
  user.deleted = false;
  user.deleted_at = absl::InfinitePast();
  // The restored user is the live one for its address again.
  for (size_t i = 0; i < users_.size(); ++i) {
    if (&users_[i] == &user) {
      user_by_mail_[absl::AsciiStrToLower(user.mail)] = i;
    }
  }
}

const GroupRecord* Directory::FindGroup(const std::string& id) const {
  for (const GroupRecord& group : groups_) {
    if (absl::EqualsIgnoreCase(group.seed.id, id)) return &group;
  }
  return nullptr;
}

void Directory::SetGroups(const std::vector<GroupSeed>& seeds, absl::Time now) {
  std::vector<GroupRecord> groups;
  for (const GroupSeed& seed : seeds) {
    const GroupRecord* existing = FindGroup(seed.id);
    groups.push_back(
        GroupRecord{next_seq_++, seed, existing ? existing->created_at : now});
  }
  groups_ = std::move(groups);
  std::vector<Membership> kept;
  for (Membership& m : memberships_) {
    if (FindGroup(m.group_id) != nullptr) {
      kept.push_back(std::move(m));
    } else {
      member_set_.erase({m.group_id, m.user_id});
    }
  }
  memberships_ = std::move(kept);
}

bool Directory::IsMember(const std::string& group_id,
                         const std::string& user_id) const {
  return member_set_.count({group_id, user_id}) > 0;
}

void Directory::AddMember(const std::string& group_id,
                          const std::string& user_id, absl::Time now) {
  if (!member_set_.insert({group_id, user_id}).second) return;
  memberships_.push_back(Membership{group_id, user_id, now});
}

bool Directory::RemoveMember(const std::string& group_id,
                             const std::string& user_id) {
  if (member_set_.erase({group_id, user_id}) == 0) return false;
  memberships_.erase(std::remove_if(memberships_.begin(), memberships_.end(),
                                    [&](const Membership& m) {
                                      return m.group_id == group_id &&
                                             m.user_id == user_id;
                                    }),
                     memberships_.end());
  return true;
}

std::vector<std::string> Directory::MembersOf(
    const std::string& group_id) const {
  std::vector<std::string> out;
  for (const Membership& m : memberships_) {
    if (m.group_id == group_id) out.push_back(m.user_id);
  }
  return out;
}

void Directory::ClearUsers() {
  users_.clear();
  user_by_id_.clear();
  user_by_mail_.clear();
  memberships_.clear();
  member_set_.clear();
}

}  // namespace guestinvitation::emulator
