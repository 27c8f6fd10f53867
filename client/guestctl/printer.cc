#include "client/guestctl/printer.h"

#include "absl/strings/str_cat.h"
#include "client/error_details.h"
#include "client/guestctl/error_format.h"
#include "client/guestctl/json_format.h"

namespace guestinvitation::guestctl {

void Printer::Result(const google::protobuf::Message& message,
                     absl::string_view text) {
  if (format_ == OutputFormat::kJson) {
    out_ << MessageToJson(message) << "\n";
  } else {
    out_ << text;
  }
}

int Printer::RpcFailure(const absl::Status& status) {
  const client::RichError error = client::ExtractRichError(status);
  err_ << FormatErrorText(error);
  if (format_ == OutputFormat::kJson) out_ << ErrorToJson(error) << "\n";
  return kExitFailure;
}

int Printer::UsageError(absl::string_view command, absl::string_view message) {
  const std::string where = command.empty() ? "" : absl::StrCat(command, ": ");
  err_ << "error: " << where << message << "\n"
       << "Run 'guestctl help" << (command.empty() ? "" : " ") << command
       << "' for usage.\n";
  return kExitUsage;
}

void Printer::Note(absl::string_view text) { err_ << text << "\n"; }

}  // namespace guestinvitation::guestctl
