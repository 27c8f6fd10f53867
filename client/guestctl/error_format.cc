#include "client/guestctl/error_format.h"

#include "absl/strings/str_cat.h"

namespace guestinvitation::guestctl {

std::string FormatErrorText(const client::RichError& error) {
  std::string out = absl::StrCat("error: ", client::StatusCodeName(error.code));
  if (!error.reason.empty()) absl::StrAppend(&out, " (", error.reason, ")");
  absl::StrAppend(&out, ": ", error.message, "\n");
  for (const auto& violation : error.field_violations) {
    absl::StrAppend(&out, "  - ", violation.field, ": ", violation.description,
                    "\n");
  }
  if (error.retry_delay.has_value()) {
    absl::StrAppend(&out,
                    "  retry after: ", absl::FormatDuration(*error.retry_delay),
                    "\n");
  }
  for (const auto& [key, value] : error.metadata) {
    absl::StrAppend(&out, "  ", key, ": ", value, "\n");
  }
  return out;
}

}  // namespace guestinvitation::guestctl
