#include "server/service/unary_call.h"

#include <chrono>

#include "absl/time/clock.h"
#include "server/common/error_details.h"
#include "server/common/ids.h"
#include "server/service/grpc_status.h"

namespace guestinvitation {
namespace {

absl::Time CallDeadline(grpc::CallbackServerContext* context,
                        absl::Duration default_deadline, absl::Time now) {
  const auto deadline = context->deadline();
  const absl::Time fallback = now + default_deadline;
  // No deadline from the caller reads as a far-future time point.
  if (deadline >= std::chrono::system_clock::time_point::max() -
                      std::chrono::hours(24 * 365)) {
    return fallback;
  }
  return absl::FromChrono(deadline);
}

}  // namespace

UnaryCall::UnaryCall(grpc::CallbackServerContext* context, std::string method,
                     absl::Duration default_deadline, LogFields fields)
    : method_(std::move(method)),
      peer_(context->peer()),
      start_(absl::Now()),
      fields_(std::move(fields)),
      cancelled_(std::make_shared<std::atomic<bool>>(false)) {
  call_options_.deadline = CallDeadline(context, default_deadline, start_);
  call_options_.rpc_id = NewUuid();
  call_options_.cancelled = cancelled_;
  context->AddInitialMetadata("guestinv-rpc-id", call_options_.rpc_id);
}

void UnaryCall::OnCancel() { cancelled_->store(true); }

void UnaryCall::Complete(const absl::Status& status) {
  LogFields fields = {{"method", method_},
                      {"rpc_id", call_options_.rpc_id},
                      {"peer", peer_},
                      {"code", std::string(absl::StatusCodeToString(status.code()))}};
  if (!status.ok()) {
    fields.emplace_back("reason", GetReason(status));
    fields.emplace_back("message", std::string(status.message()));
  }
  fields.emplace_back("latency_ms",
                      absl::ToDoubleMilliseconds(absl::Now() - start_));
  for (auto& f : fields_) fields.push_back(std::move(f));
  const bool server_fault = status.code() == absl::StatusCode::kInternal ||
                            status.code() == absl::StatusCode::kUnknown;
  Log(server_fault ? LogLevel::kError : LogLevel::kInfo, "rpc", fields);
  Finish(ToGrpcStatus(status));
}

}  // namespace guestinvitation
