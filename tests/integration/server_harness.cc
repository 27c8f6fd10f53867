#include "tests/integration/server_harness.h"

#include <chrono>
#include <thread>

#include "absl/strings/match.h"
#include "absl/time/clock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "server/common/logger.h"
#include "server/config/server_config.h"

namespace guestinvitation::testing {

absl::StatusOr<std::unique_ptr<ServerHarness>> ServerHarness::Start(
    HarnessOptions options) {
  std::unique_ptr<ServerHarness> h(new ServerHarness());
  SetLogSink([raw = h.get()](absl::string_view line) {
    std::lock_guard<std::mutex> lock(raw->log_mu_);
    raw->log_lines_.emplace_back(line);
  });
  emulator::EmbeddedEmulatorOptions emu_options;
  emu_options.config = options.emulator_config;
  auto emu = emulator::EmbeddedEmulator::Start(std::move(emu_options));
  if (!emu.ok()) return emu.status();
  h->emulator_ = std::move(*emu);
  const auto& creds = h->emulator_->credentials();
  std::vector<std::string> args = {
      "--listen=127.0.0.1:0", "--tenant-id=" + creds.tenant_id,
      "--client-id=" + creds.client_id,
      "--graph-base-url=" + h->emulator_->graph_base_url(),
      "--authority-host=" + h->emulator_->authority_host(),
      "--replication-wait=3s"};
  args.insert(args.end(), options.server_flags.begin(), options.server_flags.end());
  const std::string secret = options.client_secret_override.empty()
                                 ? creds.client_secret
                                 : options.client_secret_override;
  auto parsed = LoadServerConfig(
      args,
      [secret](const std::string& name) -> std::optional<std::string> {
        if (name == "GUESTINV_CLIENT_SECRET") return secret;
        return std::nullopt;
      },
      RealFileReader());
  if (!parsed.ok()) return parsed.status();
  parsed->config.extra_ca_pem = h->emulator_->ca_pem();
  auto app = ServerApp::Start(std::move(parsed->config));
  if (!app.ok()) return app.status();
  h->app_ = std::move(*app);
  h->channel_ = grpc::CreateChannel(
      "127.0.0.1:" + std::to_string(h->app_->port()),
      grpc::InsecureChannelCredentials());
  h->stub_ = v1::GuestInvitationService::NewStub(h->channel_);
  h->health_ = grpc::health::v1::Health::NewStub(h->channel_);
  if (options.wait_until_serving) {
    const absl::Time until = absl::Now() + absl::Seconds(20);
    while (!h->app_->serving() && absl::Now() < until) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (!h->app_->serving()) return absl::DeadlineExceededError("never SERVING");
  }
  return h;
}

ServerHarness::~ServerHarness() {
  if (app_) app_->Shutdown(absl::Seconds(2));
  app_.reset();
  emulator_.reset();
  SetLogSink(nullptr);
}

std::vector<std::string> ServerHarness::LogLines() {
  std::lock_guard<std::mutex> lock(log_mu_);
  return log_lines_;
}

bool ServerHarness::WaitForLog(const std::string& needle, absl::Duration timeout) {
  const absl::Time until = absl::Now() + timeout;
  while (absl::Now() < until) {
    for (const auto& line : LogLines()) {
      if (absl::StrContains(line, needle)) return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

absl::StatusOr<v1::CreateInvitationResponse> ServerHarness::Invite(
    const v1::CreateInvitationRequest& request, absl::Duration deadline,
    grpc::Status* raw_status) {
  grpc::ClientContext ctx;
  ctx.set_deadline(absl::ToChronoTime(absl::Now() + deadline));
  v1::CreateInvitationResponse response;
  grpc::Status status = stub_->CreateInvitation(&ctx, request, &response);
  if (raw_status != nullptr) *raw_status = status;
  if (!status.ok()) {
    return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                        status.error_message());
  }
  return response;
}

v1::CreateInvitationRequest BobRequest() {
  v1::CreateInvitationRequest r;
  r.set_invited_user_email_address("bob@contoso.com");
  r.set_invite_redirect_url("https://myapp.fabrikam.com");
  r.set_invited_user_display_name("Bob");
  return r;
}

RpcError ParseRpcError(const grpc::Status& status) {
  RpcError out;
  out.code = status.error_code();
  google::rpc::Status rpc;
  if (!rpc.ParseFromString(status.error_details())) return out;
  for (const auto& any : rpc.details()) {
    google::rpc::ErrorInfo info;
    google::rpc::BadRequest bad;
    if (any.UnpackTo(&info)) {
      out.reason = info.reason();
      out.metadata.insert(info.metadata().begin(), info.metadata().end());
    } else if (any.UnpackTo(&bad)) {
      for (const auto& v : bad.field_violations()) {
        out.violated_fields.push_back(v.field());
      }
    } else if (any.Is<google::rpc::RetryInfo>()) {
      out.has_retry_info = true;
    }
  }
  return out;
}

}  // namespace guestinvitation::testing
