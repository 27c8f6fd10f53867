#include "client/guestctl/text_format.h"

#include <algorithm>
#include <array>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "client/error_details.h"

namespace guestinvitation::guestctl {
namespace {

constexpr int kKeyWidth = 22;

void AppendField(std::string* out, absl::string_view key,
                 absl::string_view value) {
  std::string line = absl::StrCat(key, ":");
  line.resize(std::max<size_t>(line.size() + 1, kKeyWidth), ' ');
  absl::StrAppend(&line, value);
  absl::StripTrailingAsciiWhitespace(&line);
  absl::StrAppend(out, line, "\n");
}

std::string FormatTimestamp(const google::protobuf::Timestamp& ts) {
  if (ts.seconds() == 0 && ts.nanos() == 0) return "";
  const absl::Time time =
      absl::FromUnixSeconds(ts.seconds()) + absl::Nanoseconds(ts.nanos());
  // RFC 3339 with "Z", the form Graph and protobuf JSON use.
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", time, absl::UTCTimeZone());
}

std::string UserType(v1::InvitedUserType type) {
  return ShortEnumName(v1::InvitedUserType_Name(type), "INVITED_USER_TYPE_");
}

std::string UserState(v1::ExternalUserState state) {
  return ShortEnumName(v1::ExternalUserState_Name(state),
                       "EXTERNAL_USER_STATE_");
}

std::string FormatOperationError(const v1::OperationError& error) {
  std::string text =
      client::StatusCodeName(static_cast<absl::StatusCode>(error.code()));
  if (!error.reason().empty())
    absl::StrAppend(&text, " (", error.reason(), ")");
  if (!error.message().empty()) absl::StrAppend(&text, ": ", error.message());
  return text;
}

}  // namespace

std::string ShortEnumName(absl::string_view full_name,
                          absl::string_view prefix) {
  if (full_name.substr(0, prefix.size()) == prefix) {
    full_name.remove_prefix(prefix.size());
  }
  return std::string(full_name);
}

std::string FormatInvitation(const v1::Invitation& invitation) {
  std::string out;
  AppendField(&out, "invited_user_id", invitation.invited_user_id());
  AppendField(&out, "invitation_id", invitation.id());
  AppendField(&out, "status",
              ShortEnumName(v1::InvitationStatus_Name(invitation.status()),
                            "INVITATION_STATUS_"));
  AppendField(&out, "email", invitation.invited_user_email_address());
  if (!invitation.invited_user_display_name().empty()) {
    AppendField(&out, "display_name", invitation.invited_user_display_name());
  }
  AppendField(&out, "user_type", UserType(invitation.invited_user_type()));
  AppendField(&out, "email_sent",
              invitation.send_invitation_message() ? "yes" : "no");
  AppendField(&out, "redeem_url", invitation.invite_redeem_url());
  return out;
}

std::string FormatGroupResults(const GroupResults& results) {
  std::string out;
  for (const auto& result : results) {
    absl::StrAppend(&out, "group ", result.group_id(), ": ",
                    ShortEnumName(v1::GroupResultStatus_Name(result.status()),
                                  "GROUP_RESULT_STATUS_"));
    if (result.has_error()) {
      absl::StrAppend(&out, " ", FormatOperationError(result.error()));
    }
    absl::StrAppend(&out, "\n");
  }
  return out;
}

std::string FormatGuest(const v1::Guest& guest) {
  std::string out;
  AppendField(&out, "id", guest.id());
  AppendField(&out, "display_name", guest.display_name());
  AppendField(&out, "mail", guest.mail());
  AppendField(&out, "user_principal_name", guest.user_principal_name());
  AppendField(&out, "user_type", UserType(guest.user_type()));
  AppendField(&out, "account_enabled", guest.account_enabled() ? "yes" : "no");
  AppendField(&out, "external_user_state",
              UserState(guest.external_user_state()));
  AppendField(&out, "state_changed",
              FormatTimestamp(guest.external_user_state_change_time()));
  AppendField(&out, "created", FormatTimestamp(guest.create_time()));
  return out;
}

std::string FormatGuestTable(
    const google::protobuf::RepeatedPtrField<v1::Guest>& guests) {
  if (guests.empty()) return "no guests\n";
  using Row = std::array<std::string, 5>;
  std::vector<Row> rows = {{"ID", "MAIL", "STATE", "ENABLED", "DISPLAY NAME"}};
  for (const auto& guest : guests) {
    rows.push_back(
        {guest.id(), guest.mail(), UserState(guest.external_user_state()),
         guest.account_enabled() ? "yes" : "no", guest.display_name()});
  }
  std::array<size_t, 5> width{};
  for (const Row& row : rows) {
    for (size_t c = 0; c < row.size(); ++c) {
      width[c] = std::max(width[c], row[c].size());
    }
  }
  std::string out;
  for (Row& row : rows) {
    for (size_t c = 0; c < row.size(); ++c) row[c].resize(width[c], ' ');
    std::string line = absl::StrJoin(row, "  ");
    absl::StripTrailingAsciiWhitespace(&line);
    absl::StrAppend(&out, line, "\n");
  }
  return out;
}

}  // namespace guestinvitation::guestctl
