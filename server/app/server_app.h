// Wires the whole server: config -> io_context threads, HTTPS transport,
// token provider, Graph client, use cases, gRPC server with health and
// reflection. main() and the integration tests both run the server through
// this class, so tests exercise exactly what production runs.
#ifndef GUESTINVITATION_SERVER_APP_SERVER_APP_H_
#define GUESTINVITATION_SERVER_APP_SERVER_APP_H_

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <grpcpp/grpcpp.h>

#include "absl/status/statusor.h"
#include "server/app/graph_stack.h"
#include "server/common/asio_scheduler.h"
#include "server/config/server_config.h"
#include "server/service/guest_invitation_service.h"

namespace guestinvitation {

namespace emulator {
class EmbeddedEmulator;
}

class ServerApp {
 public:
  // Starts everything and returns once the gRPC port accepts RPCs. Health
  // is NOT_SERVING until the first Graph token has been obtained.
  static absl::StatusOr<std::unique_ptr<ServerApp>> Start(ServerConfig config);
  ~ServerApp();

  int port() const { return port_; }
  bool serving() const { return serving_.load(); }
  // In --dev mode, the embedded emulator (else nullptr).
  emulator::EmbeddedEmulator* dev_emulator() const { return emulator_.get(); }

  // Graceful drain: health NOT_SERVING, refuse new RPCs, let in-flight ones
  // finish until `grace` runs out (then cancel them), stop outbound work.
  // Idempotent.
  void Shutdown(absl::Duration grace);

 private:
  ServerApp() = default;
  absl::Status StartDevEmulator();
  absl::Status StartIo();
  absl::Status StartGrpc();
  void PrimeToken(absl::Duration retry_delay);
  void SetServing(bool serving);

  ServerConfig config_;
  std::unique_ptr<emulator::EmbeddedEmulator> emulator_;
  boost::asio::io_context io_;
  std::unique_ptr<boost::asio::executor_work_guard<
      boost::asio::io_context::executor_type>> work_;
  std::vector<std::thread> io_threads_;
  std::shared_ptr<AsioScheduler> scheduler_;
  GraphStack graph_;
  std::shared_ptr<IdempotencyCache> idempotency_;
  std::shared_ptr<InvitationUseCases> use_cases_;
  std::unique_ptr<GuestInvitationServiceImpl> service_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
  std::atomic<bool> serving_{false};
  std::atomic<bool> shutting_down_{false};
  std::once_flag shutdown_once_;
};

}  // namespace guestinvitation

#endif  // GUESTINVITATION_SERVER_APP_SERVER_APP_H_
