// POST /v1.0/invitations (graph-api.md 1.1-1.6): validation, tenant policy
// (tenant_policy.h), guest creation, re-invite and reset redemption, the 201
// body with its documented quirks, and the ledger's "email sent" entries.

#include <boost/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "tools/graph_emulator/email_rules.h"
#include "tools/graph_emulator/graph_errors.h"
#include "tools/graph_emulator/handlers.h"
#include "tools/graph_emulator/json_util.h"
#include "tools/graph_emulator/tenant_policy.h"

namespace guestinvitation::emulator {
namespace {

namespace json = boost::json;

struct InvitationRequest {
  std::string email;
  std::string redirect_url;
  std::optional<std::string> display_name;
  bool send_message = false;
  bool reset_redemption = false;
  std::string user_type = "Guest";
  std::optional<std::string> invited_user_id;
  std::optional<std::string> message_language;
  std::optional<std::string> customized_body;
  json::array cc_recipients;  // echoed as sent
  std::string first_cc;       // the only one Graph honours
  bool sponsors_given = false;
  std::vector<std::string> sponsor_ids;
};

// Reads typed properties of one JSON object, keeping the first problem.
class BodyReader {
 public:
  explicit BodyReader(const json::object& o) : o_(o) {}
  const json::value* Get(const char* key) const { return o_.if_contains(key); }
  void String(const char* key, std::optional<std::string>* out) {
    const json::value* v = Get(key);
    if (v == nullptr || v->is_null()) return;
    if (!v->is_string()) return Fail(absl::StrCat(key, " must be a string."));
    *out = ToStd(v->get_string());
  }
  void Bool(const char* key, bool* out) {
    const json::value* v = Get(key);
    if (v == nullptr || v->is_null()) return;
    if (!v->is_bool()) return Fail(absl::StrCat(key, " must be a boolean."));
    *out = v->get_bool();
  }
  void Fail(std::string message) {
    if (error_.empty()) error_ = std::move(message);
  }
  const std::string& error() const { return error_; }

 private:
  const json::object& o_;
  std::string error_;
};

const std::set<std::string>& KnownProperties() {
  static const std::set<std::string> kKnown = {
      "invitedUserEmailAddress", "inviteRedirectUrl", "invitedUserDisplayName",
      "sendInvitationMessage", "invitedUserMessageInfo", "invitedUserType",
      "resetRedemption", "invitedUser", "invitedUserSponsors",
      // read-only, ignored like Graph does
      "id", "inviteRedeemUrl", "status", "@odata.type"};
  return kKnown;
}

void ReadCcRecipients(const json::value& v, InvitationRequest* req,
                      BodyReader& r) {
  if (v.is_null()) return;
  if (!v.is_array()) return r.Fail("ccRecipients must be an array.");
  for (const json::value& item : v.get_array()) {
    const json::object* recipient = item.if_object();
    const json::value* email =
        recipient ? recipient->if_contains("emailAddress") : nullptr;
    if (email == nullptr || !email->is_object()) {
      return r.Fail("Each ccRecipients item needs an emailAddress object.");
    }
    const json::value* address = email->get_object().if_contains("address");
    if (address != nullptr && !address->is_null() && !address->is_string()) {
      return r.Fail("emailAddress.address must be a string.");
    }
    if (req->first_cc.empty() && address != nullptr && address->is_string()) {
      req->first_cc = ToStd(address->get_string());
    }
    req->cc_recipients.push_back(item);
  }
}

void ReadMessageInfo(BodyReader& outer, InvitationRequest* req) {
  const json::value* v = outer.Get("invitedUserMessageInfo");
  if (v == nullptr || v->is_null()) return;
  if (!v->is_object()) {
    return outer.Fail("invitedUserMessageInfo must be an object.");
  }
  BodyReader r(v->get_object());
  r.String("messageLanguage", &req->message_language);
  r.String("customizedMessageBody", &req->customized_body);
  if (const json::value* cc = r.Get("ccRecipients")) {
    ReadCcRecipients(*cc, req, r);
  }
  if (!r.error().empty()) outer.Fail(r.error());
}

void ReadInvitedUser(BodyReader& r, InvitationRequest* req) {
  const json::value* v = r.Get("invitedUser");
  if (v == nullptr || v->is_null()) return;
  const json::object* user = v->if_object();
  if (user == nullptr) return r.Fail("invitedUser must be an object.");
  const json::value* id = user->if_contains("id");
  if (id == nullptr || id->is_null()) return;
  if (!id->is_string()) return r.Fail("invitedUser.id must be a string.");
  req->invited_user_id = ToStd(id->get_string());
}

void ReadSponsors(BodyReader& r, InvitationRequest* req) {
  const json::value* v = r.Get("invitedUserSponsors");
  if (v == nullptr || v->is_null()) return;
  if (!v->is_array()) return r.Fail("invitedUserSponsors must be an array.");
  req->sponsors_given = true;
  for (const json::value& item : v->get_array()) {
    const json::object* o = item.if_object();
    const json::value* id = o ? o->if_contains("id") : nullptr;
    if (id == nullptr || !id->is_string() || id->get_string().empty()) {
      return r.Fail("Each invitedUserSponsors item needs a string id.");
    }
    req->sponsor_ids.push_back(ToStd(id->get_string()));
  }
}

bool IsAbsoluteUrl(const std::string& url) {
  size_t colon = url.find("://");
  if (colon == std::string::npos || colon == 0 || colon + 3 >= url.size()) {
    return false;
  }
  for (size_t i = 0; i < colon; ++i) {
    unsigned char c = static_cast<unsigned char>(url[i]);
    if (!absl::ascii_isalnum(c) && c != '+' && c != '-' && c != '.') {
      return false;
    }
  }
  return url.find_first_of(" \t\r\n") == std::string::npos;
}

std::string CheckValues(const InvitationRequest& req, bool has_email,
                        bool has_redirect) {
  if (!has_email) {
    return "Required property 'invitedUserEmailAddress' is missing.";
  }
  std::string reason = InvalidEmailReason(req.email);
  if (!reason.empty()) {
    return absl::StrCat("The invitedUserEmailAddress '", req.email,
                        "' is not valid: it ", reason, ".");
  }
  if (!has_redirect) return "Required property 'inviteRedirectUrl' is missing.";
  if (!IsAbsoluteUrl(req.redirect_url)) {
    return "The inviteRedirectUrl is not a valid absolute URL.";
  }
  if (req.reset_redemption && !req.invited_user_id) {
    return "invitedUser.id is required when resetRedemption is true.";
  }
  return "";
}

std::string ReadUserType(BodyReader& r) {
  std::optional<std::string> type;
  r.String("invitedUserType", &type);
  if (!type) return "Guest";
  if (absl::EqualsIgnoreCase(*type, "guest")) return "Guest";
  if (absl::EqualsIgnoreCase(*type, "member")) return "Member";
  r.Fail("invitedUserType must be 'Guest' or 'Member'.");
  return "Guest";
}

// Reads and validates the body; the error text is empty on success.
std::string ReadInvitation(const json::object& body, InvitationRequest* req) {
  for (const auto& entry : body) {
    std::string key(entry.key().data(), entry.key().size());
    if (KnownProperties().count(key) == 0) {
      return absl::StrCat("The property '", key,
                          "' does not exist on type "
                          "'microsoft.graph.invitation'.");
    }
  }
  BodyReader r(body);
  std::optional<std::string> email, redirect;
  r.String("invitedUserEmailAddress", &email);
  r.String("inviteRedirectUrl", &redirect);
  r.String("invitedUserDisplayName", &req->display_name);
  r.Bool("sendInvitationMessage", &req->send_message);
  r.Bool("resetRedemption", &req->reset_redemption);
  req->user_type = ReadUserType(r);
  ReadMessageInfo(r, req);
  ReadInvitedUser(r, req);
  ReadSponsors(r, req);
  if (!r.error().empty()) return r.error();
  req->email = email.value_or("");
  req->redirect_url = redirect.value_or("");
  return CheckValues(*req, email.has_value(), redirect.has_value());
}

UserRecord NewGuest(EmulatorState& state, const RequestContext& ctx,
                    const InvitationRequest& req) {
  UserRecord user;
  user.id = state.ids.NewGuid();
  user.mail = req.email;
  size_t at = req.email.find('@');
  // B2B UPNs: the address with '@' as '_', then #EXT# and the tenant domain.
  user.user_principal_name =
      absl::StrCat(absl::StrReplaceAll(req.email, {{"@", "_"}}), "#EXT#@",
                   state.config.tenant_domain);
  user.display_name = req.display_name.value_or(req.email.substr(0, at));
  user.user_type = req.user_type;
  user.external_user_state = "PendingAcceptance";
  user.created_at = ctx.now;
  user.state_changed_at = ctx.now;
  user.visible_at = ctx.now + state.config.consistency_delay;
  user.sponsor_ids = req.sponsor_ids;
  return user;
}

std::string RedeemUrl(EmulatorState& state, const std::string& invitation_id) {
  std::string inner =
      absl::StrCat("https://invitations.microsoft.com/redeem/?tenant=",
                   state.credentials.tenant_id, "&user=", invitation_id,
                   "&ticket=", state.ids.NewToken(43), "&ver=2.0");
  return absl::StrCat(state.config.invitations.redeem_url_base,
                      "?rd=", PercentEncode(inner, ""));
}

json::value NullableString(const std::optional<std::string>& s) {
  if (!s) return nullptr;
  return json::value(json::string(*s));
}

json::object MessageInfoEcho(const InvitationRequest& req) {
  json::array cc = req.cc_recipients;
  if (cc.empty()) {
    // Graph echoes one empty recipient when none were sent.
    cc.emplace_back(
        json::object{{"emailAddress",
                      json::object{{"name", nullptr}, {"address", nullptr}}}});
  }
  json::object info;
  info["messageLanguage"] = NullableString(req.message_language);
  info["customizedMessageBody"] = NullableString(req.customized_body);
  info["ccRecipients"] = std::move(cc);
  return info;
}

ServerResponse Created(EmulatorState& state, const RequestContext& ctx,
                       const InvitationRequest& req, const UserRecord& user) {
  std::string invitation_id = state.ids.NewGuid();
  json::object body;
  body["@odata.context"] =
      absl::StrCat(ctx.base_url, "/v1.0/$metadata#invitations/$entity");
  body["id"] = invitation_id;
  body["inviteRedeemUrl"] = RedeemUrl(state, invitation_id);
  body["invitedUserDisplayName"] = NullableString(req.display_name);
  body["invitedUserType"] = req.user_type;
  body["invitedUserEmailAddress"] = req.email;
  body["sendInvitationMessage"] = req.send_message;
  body["resetRedemption"] = req.reset_redemption;
  body["inviteRedirectUrl"] = req.redirect_url;
  body["status"] = "PendingAcceptance";
  body["invitedUserMessageInfo"] = MessageInfoEcho(req);
  json::object invited_user{{"id", user.id}};
  if (ctx.invited_user_as_array) {
    body["invitedUser"] = json::array{invited_user};
  } else {
    body["invitedUser"] = std::move(invited_user);
  }
  if (req.sponsors_given) {
    json::array sponsors;
    for (const std::string& id : req.sponsor_ids) {
      sponsors.emplace_back(json::object{{"id", id}});
    }
    body["invitedUserSponsors"] = std::move(sponsors);
  }
  return JsonResponse(201, body);
}

ServerResponse ValidationError(const EmulatorState& state,
                               const RequestContext& ctx,
                               const std::string& message) {
  const InvitationConfig& cfg = state.config.invitations;
  return GraphError(ctx, cfg.validation_status, cfg.validation_code, message);
}

// resetRedemption: same object id and memberships, back to pending.
ServerResponse ResetRedemption(EmulatorState& state, const RequestContext& ctx,
                               const InvitationRequest& req) {
  UserRecord* user = state.directory.FindUser(*req.invited_user_id);
  if (user == nullptr) return ResourceNotFound(ctx, *req.invited_user_id);
  if (!absl::EqualsIgnoreCase(user->mail, req.email)) {
    return ValidationError(state, ctx,
                           "The invitedUserEmailAddress does not match the "
                           "mail of the invited user.");
  }
  if (auto refusal = CheckResetPolicy(state, ctx, user->id)) return *refusal;
  user->external_user_state = "PendingAcceptance";
  user->state_changed_at = ctx.now;
  if (req.sponsors_given) user->sponsor_ids = req.sponsor_ids;
  return Created(state, ctx, req, *user);
}

ServerResponse AlreadyExists(const EmulatorState& state,
                             const RequestContext& ctx,
                             const UserRecord& user) {
  std::string message = absl::StrCat(
      "The invited user already exists in the directory as object ID: ",
      user.id);
  if (!user.account_enabled) {
    absl::StrAppend(&message,
                    ", but the account is blocked from signing in. If the "
                    "account is unblocked, they can use that account to sign "
                    "in to shared apps and resources.");
  } else {
    absl::StrAppend(&message, ".");
  }
  const InvitationConfig& cfg = state.config.invitations;
  return GraphError(ctx, cfg.already_exists_status, cfg.already_exists_code,
                    message);
}

ServerResponse Invite(EmulatorState& state, const RequestContext& ctx,
                      const InvitationRequest& req) {
  if (UserRecord* existing = state.directory.FindUserByMail(req.email)) {
    if (state.config.invitations.reinvite_existing == ReinviteMode::kError) {
      return AlreadyExists(state, ctx, *existing);
    }
    return Created(state, ctx, req, *existing);
  }
  if (state.config.invitations.soft_deleted_blocks_reinvite) {
    if (UserRecord* deleted =
            state.directory.FindDeletedUserByMail(req.email)) {
      return AlreadyExists(state, ctx, *deleted);
    }
  }
  UserRecord& user = state.directory.AddUser(NewGuest(state, ctx, req));
  return Created(state, ctx, req, user);
}

}  // namespace

std::string InvitedAddressOf(const std::string& body) {
  absl::StatusOr<json::value> value = ParseJson(body);
  if (!value.ok() || !value->is_object()) return "";
  const json::value* email =
      value->get_object().if_contains("invitedUserEmailAddress");
  if (email == nullptr || !email->is_string()) return "";
  return ToStd(email->get_string());
}

ServerResponse HandleCreateInvitation(EmulatorState& state,
                                      const RequestContext& ctx) {
  absl::StatusOr<json::value> body = ParseJson(ctx.body());
  if (!body.ok() || !body->is_object()) return UnreadableBody(ctx);
  InvitationRequest req;
  std::string error = ReadInvitation(body->get_object(), &req);
  if (!error.empty()) return ValidationError(state, ctx, error);
  // Validation answers first; a refused invitation creates nothing.
  if (auto refusal = CheckInvitationPolicy(state, ctx, req.email,
                                           req.user_type == "Member")) {
    return *refusal;
  }
  ServerResponse response = req.reset_redemption
                                ? ResetRedemption(state, ctx, req)
                                : Invite(state, ctx, req);
  if (response.status == 201) ++state.ledger.invitations_succeeded;
  if (response.status == 201 && req.send_message) {
    state.ledger.CountEmail(req.email, req.first_cc);
  }
  return response;
}

}  // namespace guestinvitation::emulator
