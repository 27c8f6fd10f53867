// Test harness: a real GraphEmulator over HTTPS on 127.0.0.1:0 and a real
// ServerApp (configured as in production: --graph-base-url/--authority-host
// pointing at the emulator, its CA trusted) reached over gRPC on port 0.
#ifndef GUESTINVITATION_TESTS_INTEGRATION_SERVER_HARNESS_H_
#define GUESTINVITATION_TESTS_INTEGRATION_SERVER_HARNESS_H_

#include <grpcpp/grpcpp.h>

#include <boost/json.hpp>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "guestinvitation/v1/guest_invitation.grpc.pb.h"
#include "server/app/server_app.h"
#include "tools/graph_emulator/embedded_emulator.h"

namespace guestinvitation::testing {

inline constexpr char kGroupA[] = "5f1c3a2e-8b4d-4e6f-9a10-1b2c3d4e5f01";
inline constexpr char kGroupB[] = "5f1c3a2e-8b4d-4e6f-9a10-1b2c3d4e5f02";

struct HarnessOptions {
  emulator::EmulatorConfig emulator_config = emulator::DefaultEmulatorConfig();
  // Extra server flags, e.g. "--replication-wait=2s".
  std::vector<std::string> server_flags;
  // Overrides the client secret the server uses (to test a wrong one).
  std::string client_secret_override;
  bool wait_until_serving = true;
};

class ServerHarness {
 public:
  static absl::StatusOr<std::unique_ptr<ServerHarness>> Start(
      HarnessOptions options = {});
  ~ServerHarness();

  v1::GuestInvitationService::Stub& stub() { return *stub_; }
  grpc::health::v1::Health::Stub& health() { return *health_; }
  emulator::EmbeddedEmulator& emulator() { return *emulator_; }
  ServerApp& app() { return *app_; }
  boost::json::object Ledger() { return emulator_->emulator().Ledger(); }

  // Every log line written since Start (the harness captures the sink).
  std::vector<std::string> LogLines();
  // Polls (bounded by `timeout`) until some log line contains `needle`.
  bool WaitForLog(const std::string& needle, absl::Duration timeout);

  absl::StatusOr<v1::CreateInvitationResponse> Invite(
      const v1::CreateInvitationRequest& request,
      absl::Duration deadline = absl::Seconds(20),
      grpc::Status* raw_status = nullptr);

 private:
  std::unique_ptr<emulator::EmbeddedEmulator> emulator_;
  std::unique_ptr<ServerApp> app_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::GuestInvitationService::Stub> stub_;
  std::unique_ptr<grpc::health::v1::Health::Stub> health_;
  std::mutex log_mu_;
  std::vector<std::string> log_lines_;
};

v1::CreateInvitationRequest BobRequest();

// google.rpc.ErrorInfo carried by a failed call, if any.
struct RpcError {
  grpc::StatusCode code = grpc::StatusCode::OK;
  std::string reason;
  std::map<std::string, std::string> metadata;
  std::vector<std::string> violated_fields;
  bool has_retry_info = false;
};
RpcError ParseRpcError(const grpc::Status& status);

}  // namespace guestinvitation::testing

#endif  // GUESTINVITATION_TESTS_INTEGRATION_SERVER_HARNESS_H_
