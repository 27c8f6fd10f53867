#include "client/error_details.h"

#include <string>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace guestinvitation::client {
namespace {

// The message name after the last '/' of a type URL: servers are free to
// use a prefix other than type.googleapis.com.
absl::string_view TypeName(absl::string_view type_url) {
  const size_t slash = type_url.rfind('/');
  return slash == absl::string_view::npos ? type_url
                                          : type_url.substr(slash + 1);
}

void AddErrorInfo(const std::string& bytes, RichError& out) {
  google::rpc::ErrorInfo info;
  if (!info.ParseFromString(bytes)) return;
  out.reason = info.reason();
  out.domain = info.domain();
  for (const auto& [key, value] : info.metadata()) out.metadata[key] = value;
}

void AddBadRequest(const std::string& bytes, RichError& out) {
  google::rpc::BadRequest bad_request;
  if (!bad_request.ParseFromString(bytes)) return;
  for (const auto& violation : bad_request.field_violations()) {
    out.field_violations.push_back(
        {violation.field(), violation.description()});
  }
}

void AddRetryInfo(const std::string& bytes, RichError& out) {
  google::rpc::RetryInfo info;
  if (!info.ParseFromString(bytes) || !info.has_retry_delay()) return;
  out.retry_delay = absl::Seconds(info.retry_delay().seconds()) +
                    absl::Nanoseconds(info.retry_delay().nanos());
}

}  // namespace

absl::Status FromGrpcStatus(const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  absl::Status result(static_cast<absl::StatusCode>(status.error_code()),
                      status.error_message());
  google::rpc::Status details;
  if (status.error_details().empty() ||
      !details.ParseFromString(status.error_details())) {
    return result;
  }
  for (const auto& any : details.details()) {
    result.SetPayload(any.type_url(), absl::Cord(any.value()));
  }
  return result;
}

RichError ExtractRichError(const absl::Status& status) {
  RichError out;
  out.code = status.code();
  out.message = std::string(status.message());
  status.ForEachPayload(
      [&out](absl::string_view type_url, const absl::Cord& payload) {
        const absl::string_view name = TypeName(type_url);
        const std::string bytes(payload);
        if (name == "google.rpc.ErrorInfo") AddErrorInfo(bytes, out);
        if (name == "google.rpc.BadRequest") AddBadRequest(bytes, out);
        if (name == "google.rpc.RetryInfo") AddRetryInfo(bytes, out);
      });
  return out;
}

std::string StatusCodeName(absl::StatusCode code) {
  // absl's names are the canonical upper-snake gRPC names; a code from a
  // newer server that absl does not know is shown by number.
  std::string name = absl::StatusCodeToString(code);
  if (name.empty()) name = absl::StrCat("CODE_", static_cast<int>(code));
  return name;
}

}  // namespace guestinvitation::client
