#include "server/common/error_details.h"

#include "absl/strings/cord.h"
#include "google/protobuf/duration.pb.h"

namespace guestinvitation {
namespace {

constexpr char kErrorInfoUrl[] = "type.googleapis.com/google.rpc.ErrorInfo";
constexpr char kBadRequestUrl[] = "type.googleapis.com/google.rpc.BadRequest";
constexpr char kRetryInfoUrl[] = "type.googleapis.com/google.rpc.RetryInfo";

template <typename Msg>
std::optional<Msg> ParsePayload(const absl::Status& status, const char* url) {
  auto payload = status.GetPayload(url);
  if (!payload.has_value()) return std::nullopt;
  Msg msg;
  if (!msg.ParseFromString(std::string(*payload))) return std::nullopt;
  return msg;
}

void SetPayload(absl::Status& status, const char* url,
                const google::protobuf::Message& msg) {
  if (status.ok()) return;  // OK statuses carry no payloads
  status.SetPayload(url, absl::Cord(msg.SerializeAsString()));
}

}  // namespace

absl::Status ErrorWithReason(absl::StatusCode code, absl::string_view message,
                             absl::string_view reason,
                             std::map<std::string, std::string> metadata) {
  absl::Status status(code, message);
  google::rpc::ErrorInfo info;
  info.set_reason(std::string(reason));
  info.set_domain(kErrorDomain);
  for (auto& [k, v] : metadata) (*info.mutable_metadata())[k] = v;
  SetErrorInfo(status, info);
  return status;
}

void SetErrorInfo(absl::Status& status, const google::rpc::ErrorInfo& info) {
  SetPayload(status, kErrorInfoUrl, info);
}

std::optional<google::rpc::ErrorInfo> GetErrorInfo(const absl::Status& status) {
  return ParsePayload<google::rpc::ErrorInfo>(status, kErrorInfoUrl);
}

std::string GetReason(const absl::Status& status) {
  auto info = GetErrorInfo(status);
  return info ? info->reason() : std::string();
}

void SetBadRequest(absl::Status& status, const google::rpc::BadRequest& br) {
  SetPayload(status, kBadRequestUrl, br);
}

std::optional<google::rpc::BadRequest> GetBadRequest(
    const absl::Status& status) {
  return ParsePayload<google::rpc::BadRequest>(status, kBadRequestUrl);
}

void SetRetryDelay(absl::Status& status, absl::Duration delay) {
  google::rpc::RetryInfo info;
  const int64_t nanos = absl::ToInt64Nanoseconds(delay);
  info.mutable_retry_delay()->set_seconds(nanos / 1'000'000'000);
  info.mutable_retry_delay()->set_nanos(static_cast<int32_t>(nanos % 1'000'000'000));
  SetPayload(status, kRetryInfoUrl, info);
}

std::optional<absl::Duration> GetRetryDelay(const absl::Status& status) {
  auto info = ParsePayload<google::rpc::RetryInfo>(status, kRetryInfoUrl);
  if (!info) return std::nullopt;
  return absl::Seconds(info->retry_delay().seconds()) +
         absl::Nanoseconds(info->retry_delay().nanos());
}

std::vector<std::pair<std::string, std::string>> DetailPayloads(
    const absl::Status& status) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const char* url : {kErrorInfoUrl, kBadRequestUrl, kRetryInfoUrl}) {
    auto payload = status.GetPayload(url);
    if (payload.has_value()) out.emplace_back(url, std::string(*payload));
  }
  return out;
}

}  // namespace guestinvitation
