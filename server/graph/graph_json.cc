#include "server/graph/graph_json.h"

#include <algorithm>
#include <boost/json.hpp>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_replace.h"
#include "absl/time/time.h"

namespace guestinvitation::graph {
namespace {

namespace json = boost::json;
namespace v1 = guestinvitation::v1;

// Timestamp's valid range: 0001-01-01T00:00:00Z .. 9999-12-31T23:59:59Z.
constexpr int64_t kMinTimestampSeconds = -62'135'596'800;
constexpr int64_t kMaxTimestampSeconds = 253'402'300'799;

std::optional<json::object> ParseObject(absl::string_view body) {
  json::error_code ec;
  json::value v = json::parse(json::string_view(body.data(), body.size()), ec);
  if (ec || !v.is_object()) return std::nullopt;
  return std::move(v.as_object());
}

// Missing, null or non-string values read as "": Graph sends null for
// every unset property.
std::string Str(const json::object& o, const char* key) {
  const json::value* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : "";
}

bool Bool(const json::object& o, const char* key) {
  const json::value* v = o.if_contains(key);
  return v != nullptr && v->is_bool() && v->as_bool();
}

const char* UserTypeName(v1::InvitedUserType type) {
  switch (type) {
    case v1::INVITED_USER_TYPE_GUEST:
      return "Guest";
    case v1::INVITED_USER_TYPE_MEMBER:
      return "Member";
    default:
      return nullptr;
  }
}

json::object MessageInfoJson(const v1::InvitedUserMessageInfo& info) {
  json::object out;
  if (!info.customized_message_body().empty()) {
    out["customizedMessageBody"] = info.customized_message_body();
  }
  if (!info.message_language().empty()) {
    out["messageLanguage"] = info.message_language();
  }
  if (info.cc_recipients_size() > 0) {
    json::array cc;
    for (const v1::Recipient& r : info.cc_recipients()) {
      json::object address{{"address", r.email_address()}};
      if (!r.name().empty()) address["name"] = r.name();
      cc.push_back(json::object{{"emailAddress", std::move(address)}});
    }
    out["ccRecipients"] = std::move(cc);
  }
  return out;
}

// invitedUser is an object in v1.0 and an array of one object in an old
// beta example; anything else has no id.
std::string InvitedUserId(const json::object& o) {
  const json::value* v = o.if_contains("invitedUser");
  if (v != nullptr && v->is_array() && !v->as_array().empty()) {
    v = &v->as_array().front();
  }
  if (v == nullptr || !v->is_object()) return "";
  return Str(v->as_object(), "id");
}

std::string Squeeze(absl::string_view text) {
  std::string out = absl::AsciiStrToLower(text);
  out.erase(
      std::remove_if(out.begin(), out.end(),
                     [](unsigned char c) { return absl::ascii_isspace(c); }),
      out.end());
  return out;
}

v1::Guest GuestFromObject(const json::object& o) {
  v1::Guest guest;
  guest.set_id(Str(o, "id"));
  guest.set_display_name(Str(o, "displayName"));
  guest.set_mail(Str(o, "mail"));
  guest.set_user_type(ParseUserType(Str(o, "userType")));
  guest.set_account_enabled(Bool(o, "accountEnabled"));
  guest.set_external_user_state(
      ParseExternalUserState(Str(o, "externalUserState")));
  guest.set_user_principal_name(Str(o, "userPrincipalName"));
  google::protobuf::Timestamp t;
  if (ParseGraphTime(Str(o, "externalUserStateChangeDateTime"), &t)) {
    *guest.mutable_external_user_state_change_time() = t;
  }
  if (ParseGraphTime(Str(o, "createdDateTime"), &t)) {
    *guest.mutable_create_time() = t;
  }
  return guest;
}

}  // namespace

std::string BuildInvitationBody(
    const v1::CreateInvitationRequest& request,
    const std::optional<std::string>& reset_redemption_user_id) {
  json::object body;
  body["invitedUserEmailAddress"] = request.invited_user_email_address();
  body["inviteRedirectUrl"] = request.invite_redirect_url();
  if (!request.invited_user_display_name().empty()) {
    body["invitedUserDisplayName"] = request.invited_user_display_name();
  }
  body["sendInvitationMessage"] = request.send_invitation_message();
  json::object info = MessageInfoJson(request.invited_user_message_info());
  if (!info.empty()) body["invitedUserMessageInfo"] = std::move(info);
  if (const char* type = UserTypeName(request.invited_user_type())) {
    body["invitedUserType"] = type;
  }
  if (request.invited_user_sponsor_ids_size() > 0) {
    json::array sponsors;
    for (const std::string& id : request.invited_user_sponsor_ids()) {
      sponsors.push_back(json::object{{"id", id}});
    }
    body["invitedUserSponsors"] = std::move(sponsors);
  }
  if (reset_redemption_user_id.has_value()) {
    body["resetRedemption"] = true;
    body["invitedUser"] = json::object{{"id", *reset_redemption_user_id}};
  }
  return json::serialize(body);
}

std::string BuildMemberRefBody(absl::string_view directory_object_url) {
  json::object body;
  body["@odata.id"] = json::string_view(directory_object_url.data(),
                                        directory_object_url.size());
  return json::serialize(body);
}

std::string BuildAccountEnabledBody(bool enabled) {
  return json::serialize(json::object{{"accountEnabled", enabled}});
}

absl::StatusOr<v1::Invitation> ParseInvitation(absl::string_view body) {
  std::optional<json::object> o = ParseObject(body);
  if (!o) return absl::InvalidArgumentError("invitation is not a JSON object");
  v1::Invitation inv;
  inv.set_invited_user_id(InvitedUserId(*o));
  if (inv.invited_user_id().empty()) {
    return absl::InvalidArgumentError("invitation has no invitedUser.id");
  }
  inv.set_id(Str(*o, "id"));
  inv.set_invite_redeem_url(Str(*o, "inviteRedeemUrl"));
  inv.set_status(ParseInvitationStatus(Str(*o, "status")));
  inv.set_invited_user_email_address(Str(*o, "invitedUserEmailAddress"));
  inv.set_invited_user_display_name(Str(*o, "invitedUserDisplayName"));
  inv.set_invited_user_type(ParseUserType(Str(*o, "invitedUserType")));
  inv.set_invite_redirect_url(Str(*o, "inviteRedirectUrl"));
  inv.set_send_invitation_message(Bool(*o, "sendInvitationMessage"));
  return inv;
}

absl::StatusOr<v1::Guest> ParseUser(absl::string_view body) {
  std::optional<json::object> o = ParseObject(body);
  if (!o) return absl::InvalidArgumentError("user is not a JSON object");
  if (Str(*o, "id").empty()) {
    return absl::InvalidArgumentError("user has no id");
  }
  return GuestFromObject(*o);
}

absl::StatusOr<UserPage> ParseUserPage(absl::string_view body) {
  std::optional<json::object> o = ParseObject(body);
  if (!o) return absl::InvalidArgumentError("user page is not a JSON object");
  const json::value* value = o->if_contains("value");
  if (value == nullptr || !value->is_array()) {
    return absl::InvalidArgumentError("user page has no value array");
  }
  UserPage page;
  for (const json::value& item : value->as_array()) {
    if (!item.is_object() || Str(item.as_object(), "id").empty()) {
      return absl::InvalidArgumentError("user page has an entry without id");
    }
    page.users.push_back(GuestFromObject(item.as_object()));
  }
  page.next_link = Str(*o, "@odata.nextLink");
  return page;
}

v1::InvitationStatus ParseInvitationStatus(absl::string_view text) {
  const std::string s = Squeeze(text);
  if (s == "pendingacceptance") return v1::INVITATION_STATUS_PENDING_ACCEPTANCE;
  if (s == "completed") return v1::INVITATION_STATUS_COMPLETED;
  if (s == "inprogress") return v1::INVITATION_STATUS_IN_PROGRESS;
  if (s == "error") return v1::INVITATION_STATUS_ERROR;
  return v1::INVITATION_STATUS_UNSPECIFIED;
}

v1::ExternalUserState ParseExternalUserState(absl::string_view text) {
  const std::string s = Squeeze(text);
  if (s == "pendingacceptance") {
    return v1::EXTERNAL_USER_STATE_PENDING_ACCEPTANCE;
  }
  if (s == "accepted") return v1::EXTERNAL_USER_STATE_ACCEPTED;
  return v1::EXTERNAL_USER_STATE_UNSPECIFIED;
}

v1::InvitedUserType ParseUserType(absl::string_view text) {
  const std::string s = Squeeze(text);
  if (s == "guest") return v1::INVITED_USER_TYPE_GUEST;
  if (s == "member") return v1::INVITED_USER_TYPE_MEMBER;
  return v1::INVITED_USER_TYPE_UNSPECIFIED;
}

bool ParseGraphTime(absl::string_view text,
                    google::protobuf::Timestamp* timestamp) {
  absl::Time t;
  std::string err;
  if (!absl::ParseTime(absl::RFC3339_full, text, &t, &err) &&
      !absl::ParseTime("%Y-%m-%dT%H:%M:%E*S", text, absl::UTCTimeZone(), &t,
                       &err)) {
    return false;
  }
  const int64_t seconds = absl::ToUnixSeconds(t);
  if (seconds < kMinTimestampSeconds || seconds > kMaxTimestampSeconds) {
    return false;
  }
  const absl::Duration rest = t - absl::FromUnixSeconds(seconds);
  timestamp->set_seconds(seconds);
  timestamp->set_nanos(static_cast<int32_t>(absl::ToInt64Nanoseconds(rest)));
  return true;
}

}  // namespace guestinvitation::graph
