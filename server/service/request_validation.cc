#include "server/service/request_validation.h"

#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "server/common/error_details.h"
#include "server/service/field_rules.h"

namespace guestinvitation {
namespace {

using v1::CreateInvitationRequest;
using v1::InvitedUserMessageInfo;

void CheckMessageInfo(const InvitedUserMessageInfo& info,
                      const std::string& prefix, FieldViolations& out) {
  const std::string p = prefix + "invited_user_message_info.";
  out.AddIf(p + "customized_message_body",
            CheckText(info.customized_message_body(), kMaxMessageBodyLength,
                      /*multiline=*/true));
  if (!info.message_language().empty()) {
    out.AddIf(p + "message_language", CheckLanguageTag(info.message_language()));
  }
  if (!info.customized_message_body().empty() &&
      !info.message_language().empty()) {
    out.Add(p + "message_language",
            "set either customized_message_body or message_language, not both "
            "(Graph ignores the language when a body is set)");
  }
  if (static_cast<size_t>(info.cc_recipients_size()) > kMaxCcRecipients) {
    out.Add(p + "cc_recipients",
            "at most one cc recipient (Graph only mails the first)");
  }
  for (int i = 0; i < info.cc_recipients_size(); ++i) {
    const std::string f = absl::StrCat(p, "cc_recipients[", i, "].");
    out.AddIf(f + "email_address", CheckEmail(info.cc_recipients(i).email_address()));
    out.AddIf(f + "name", CheckText(info.cc_recipients(i).name(),
                                    kMaxDisplayNameLength, false));
  }
}

void CheckGuidList(const google::protobuf::RepeatedPtrField<std::string>& ids,
                   const std::string& field, size_t max, FieldViolations& out) {
  if (static_cast<size_t>(ids.size()) > max) {
    out.Add(field, absl::StrCat("at most ", max, " entries"));
  }
  std::set<std::string> seen;
  for (int i = 0; i < ids.size(); ++i) {
    const std::string f = absl::StrCat(field, "[", i, "]");
    if (!IsGuid(ids[i])) {
      out.Add(f, "must be an object id (GUID)");
    } else if (!seen.insert(absl::AsciiStrToLower(ids[i])).second) {
      out.Add(f, "duplicate");
    }
  }
}

}  // namespace

void FieldViolations::Add(const std::string& field,
                          const std::string& description) {
  auto* v = bad_request_.add_field_violations();
  v->set_field(field);
  v->set_description(description);
}

absl::Status FieldViolations::Status() const {
  if (empty()) return absl::OkStatus();
  const auto& first = bad_request_.field_violations(0);
  std::string message = absl::StrCat("invalid request: ", first.field(), ": ",
                                     first.description());
  if (bad_request_.field_violations_size() > 1) {
    absl::StrAppend(&message, " (and ",
                    bad_request_.field_violations_size() - 1, " more)");
  }
  absl::Status status = ErrorWithReason(absl::StatusCode::kInvalidArgument,
                                        message, "REQUEST_INVALID");
  SetBadRequest(status, bad_request_);
  return status;
}

std::optional<std::string> CheckRequestId(const std::string& request_id) {
  if (request_id.empty() || IsGuid(request_id)) return std::nullopt;
  return "must be a UUID such as 123e4567-e89b-42d3-a456-426614174000";
}

void CheckCreateInvitationRequest(const CreateInvitationRequest& r,
                                  const std::string& prefix,
                                  FieldViolations& out) {
  out.AddIf(prefix + "invited_user_email_address",
            CheckEmail(r.invited_user_email_address()));
  out.AddIf(prefix + "invite_redirect_url",
            CheckRedirectUrl(r.invite_redirect_url()));
  out.AddIf(prefix + "invited_user_display_name",
            CheckText(r.invited_user_display_name(), kMaxDisplayNameLength,
                      /*multiline=*/false));
  if (r.has_invited_user_message_info()) {
    CheckMessageInfo(r.invited_user_message_info(), prefix, out);
  }
  if (!v1::InvitedUserType_IsValid(r.invited_user_type())) {
    out.Add(prefix + "invited_user_type", "unknown value");
  }
  CheckGuidList(r.invited_user_sponsor_ids(), prefix + "invited_user_sponsor_ids",
                kMaxSponsors, out);
  CheckGuidList(r.group_ids(), prefix + "group_ids", kMaxGroupIds, out);
  out.AddIf(prefix + "request_id", CheckRequestId(r.request_id()));
}

absl::Status ValidateCreateInvitationRequest(const CreateInvitationRequest& r) {
  FieldViolations violations;
  CheckCreateInvitationRequest(r, "", violations);
  return violations.Status();
}

}  // namespace guestinvitation
