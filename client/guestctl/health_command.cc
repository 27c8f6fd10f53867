// guestctl health: grpc.health.v1.Health/Check.
#include "client/guestctl/command.h"

namespace guestinvitation::guestctl {
namespace {

int RunHealth(CommandContext& context) {
  auto response = context.client.HealthCheck(context.flags.Value("service"));
  if (!response.ok()) return context.printer.RpcFailure(response.status());
  const std::string status =
      client::HealthCheckResponse::ServingStatus_Name(response->status());
  context.printer.Result(*response, status + "\n");
  // Only SERVING is healthy: scripts use the exit code as a readiness probe.
  return response->status() == client::HealthCheckResponse::SERVING
             ? kExitOk
             : kExitFailure;
}

}  // namespace

Command HealthCommand() {
  Command command;
  command.name = "health";
  command.summary = "Check whether the server is serving";
  command.details =
      "Asks the server's grpc.health.v1 service and prints SERVING,\n"
      "NOT_SERVING, UNKNOWN or SERVICE_UNKNOWN. Exits 0 only for SERVING;\n"
      "the server turns SERVING once it holds a Graph token.";
  command.flags = {{"service", "NAME",
                    "Service to ask about (default: the whole server), e.g. "
                    "guestinvitation.v1.GuestInvitationService"}};
  command.run = RunHealth;
  return command;
}

}  // namespace guestinvitation::guestctl
