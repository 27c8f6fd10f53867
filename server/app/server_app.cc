#include "server/app/server_app.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>

#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "server/common/error_details.h"
#include "server/common/logger.h"
#include "tools/graph_emulator/embedded_emulator.h"

namespace guestinvitation {
namespace {

constexpr char kServiceName[] = "guestinvitation.v1.GuestInvitationService";

absl::Status WritePortFile(const std::string& path, int port) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << port << "\n";
    if (!out) return absl::UnavailableError("cannot write " + tmp);
  }
  // Rename so a reader never sees a half-written file.
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    return absl::UnavailableError("cannot rename " + tmp + " to " + path);
  }
  return absl::OkStatus();
}

// The dev emulator's seeded groups, so a first try can add a guest to one.
std::string SeededGroupIds() {
  std::string ids;
  for (const auto& g : emulator::DefaultEmulatorConfig().groups) {
    if (!ids.empty()) ids += ",";
    ids += g.id;
  }
  return ids;
}

}  // namespace

absl::StatusOr<std::unique_ptr<ServerApp>> ServerApp::Start(ServerConfig config) {
  std::unique_ptr<ServerApp> app(new ServerApp());
  app->config_ = std::move(config);
  LogLevel level = LogLevel::kInfo;
  ParseLogLevel(app->config_.log_level, &level);
  SetMinLogLevel(level);
  if (app->config_.dev) {
    if (auto s = app->StartDevEmulator(); !s.ok()) return s;
  }
  LogEffectiveConfig(app->config_);
  if (auto s = app->StartIo(); !s.ok()) return s;
  if (auto s = app->StartGrpc(); !s.ok()) {
    app->Shutdown(absl::ZeroDuration());
    return s;
  }
  app->PrimeToken(absl::Seconds(1));
  return app;
}

absl::Status ServerApp::StartDevEmulator() {
  auto emu = emulator::EmbeddedEmulator::Start(emulator::EmbeddedEmulatorOptions{});
  if (!emu.ok()) return emu.status();
  emulator_ = std::move(*emu);
  const auto& creds = emulator_->credentials();
  config_.graph_base_url = emulator_->graph_base_url();
  config_.authority_host = emulator_->authority_host();
  config_.tenant_id = creds.tenant_id;
  config_.client_id = creds.client_id;
  config_.client_secret = creds.client_secret;
  config_.extra_ca_pem = emulator_->ca_pem();
  Log(LogLevel::kWarning, "dev_mode",
      {{"message", std::string("DEV MODE: using an embedded Graph emulator "
                               "with generated credentials; nothing reaches "
                               "Microsoft. Never use --dev in production.")},
       {"emulator", emulator_->endpoint()},
       {"seeded_group_ids", SeededGroupIds()}});
  return absl::OkStatus();
}

absl::Status ServerApp::StartIo() {
  work_ = std::make_unique<boost::asio::executor_work_guard<
      boost::asio::io_context::executor_type>>(io_.get_executor());
  for (int i = 0; i < config_.io_threads; ++i) {
    io_threads_.emplace_back([this] { io_.run(); });
  }
  scheduler_ = std::make_shared<AsioScheduler>(io_);
  auto stack = BuildGraphStack(config_, io_, scheduler_);
  if (!stack.ok()) return stack.status();
  graph_ = std::move(*stack);
  idempotency_ = std::make_shared<IdempotencyCache>(
      config_.idempotency_window,
      static_cast<size_t>(config_.idempotency_max_entries),
      [] { return absl::Now(); });
  use_cases_ = std::make_shared<InvitationUseCases>(graph_.graph, idempotency_);
  service_ = std::make_unique<GuestInvitationServiceImpl>(
      use_cases_, ServiceOptions{config_.default_deadline});
  return absl::OkStatus();
}

absl::Status ServerApp::StartGrpc() {
  grpc::EnableDefaultHealthCheckService(true);
  if (config_.enable_reflection) {
    grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  }
  grpc::ServerBuilder builder;
  builder.AddListeningPort(config_.listen, grpc::InsecureServerCredentials(),
                           &port_);
  builder.RegisterService(service_.get());
  server_ = builder.BuildAndStart();
  if (server_ == nullptr || port_ == 0) {
    return absl::UnavailableError("cannot listen on " + config_.listen);
  }
  SetServing(false);
  Log(LogLevel::kInfo, "listening",
      {{"address", config_.listen}, {"port", static_cast<int64_t>(port_)}});
  if (!config_.port_file.empty()) {
    if (auto s = WritePortFile(config_.port_file, port_); !s.ok()) return s;
  }
  return absl::OkStatus();
}

void ServerApp::SetServing(bool serving) {
  serving_.store(serving);
  auto* health = server_->GetHealthCheckService();
  if (health == nullptr) return;
  health->SetServingStatus("", serving);
  health->SetServingStatus(kServiceName, serving);
}

// Health turns SERVING once the first Graph token arrives. A failure (wrong
// secret, authority unreachable) is logged loudly and retried with a capped
// backoff; the server keeps answering health checks as NOT_SERVING.
void ServerApp::PrimeToken(absl::Duration retry_delay) {
  if (shutting_down_.load()) return;
  graph_.prime_token([this, retry_delay](absl::Status status) {
    if (shutting_down_.load()) return;
    if (status.ok()) {
      SetServing(true);
      Log(LogLevel::kInfo, "serving",
          {{"message", std::string("Graph token obtained; health is SERVING")}});
      return;
    }
    Log(LogLevel::kError, "graph_token_failed",
        {{"message", std::string(status.message())},
         {"reason", GetReason(status)},
         {"retry_in_s", absl::ToDoubleSeconds(retry_delay)}});
    const absl::Duration next = std::min(retry_delay * 2, absl::Seconds(60));
    scheduler_->RunAfter(retry_delay, [this, next] { PrimeToken(next); });
  });
}

void ServerApp::Shutdown(absl::Duration grace) {
  std::call_once(shutdown_once_, [&] {
    shutting_down_.store(true);
    Log(LogLevel::kInfo, "draining",
        {{"grace_s", absl::ToDoubleSeconds(grace)}});
    if (server_ != nullptr) {
      serving_.store(false);
      if (auto* health = server_->GetHealthCheckService()) health->Shutdown();
      server_->Shutdown(absl::ToChronoTime(absl::Now() + grace));
    }
    if (graph_.stop) graph_.stop();
    if (graph_.transport) graph_.transport->Shutdown();
    work_.reset();
    io_.stop();
    for (auto& t : io_threads_) t.join();
    io_threads_.clear();
    if (emulator_ != nullptr) emulator_->Stop();
    Log(LogLevel::kInfo, "stopped", {});
  });
}

ServerApp::~ServerApp() { Shutdown(absl::ZeroDuration()); }

}  // namespace guestinvitation
