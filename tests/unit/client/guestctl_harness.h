// Runs whole guestctl command lines in-process against gMock stubs and
// captures stdout, stderr and the client options guestctl asked for.
#ifndef GUESTINVITATION_TESTS_UNIT_CLIENT_GUESTCTL_HARNESS_H_
#define GUESTINVITATION_TESTS_UNIT_CLIENT_GUESTCTL_HARNESS_H_

#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "client/guestctl/app.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health_mock.grpc.pb.h"
#include "guestinvitation/v1/guest_invitation_mock.grpc.pb.h"

namespace guestinvitation::guestctl {

inline constexpr char kFixedRequestId[] =
    "11111111-2222-4333-8444-555555555555";

class GuestctlHarness {
 public:
  using MockStub = ::testing::StrictMock<
      ::guestinvitation::v1::MockGuestInvitationServiceStub>;
  using MockHealth = ::testing::StrictMock<::grpc::health::v1::MockHealthStub>;

  GuestctlHarness()
      : stub_owner_(std::make_unique<MockStub>()),
        health_owner_(std::make_unique<MockHealth>()),
        stub_(*stub_owner_),
        health_(*health_owner_) {}

  // Set expectations on these before Run(); Run() hands them to the client,
  // which destroys them (and so verifies them) when the command ends.
  MockStub& stub() { return stub_; }
  MockHealth& health() { return health_; }
  Environment& env() { return env_; }

  int Run(std::vector<std::string> args) {
    AppDeps deps;
    deps.env = env_;
    deps.make_client = [this](const client::ClientOptions& options)
        -> absl::StatusOr<std::unique_ptr<client::GuestInvitationClient>> {
      options_ = options;
      ++clients_made_;
      return std::make_unique<client::GuestInvitationClient>(
          std::move(stub_owner_), std::move(health_owner_), options);
    };
    deps.new_request_id = [] { return std::string(kFixedRequestId); };
    return RunGuestctl(args, deps, out_, err_);
  }

  std::string out() const { return out_.str(); }
  std::string err() const { return err_.str(); }
  const client::ClientOptions& options() const { return options_; }
  int clients_made() const { return clients_made_; }

 private:
  std::unique_ptr<MockStub> stub_owner_;
  std::unique_ptr<MockHealth> health_owner_;
  MockStub& stub_;
  MockHealth& health_;
  Environment env_;
  client::ClientOptions options_;
  int clients_made_ = 0;
  std::ostringstream out_;
  std::ostringstream err_;
};

}  // namespace guestinvitation::guestctl

#endif  // GUESTINVITATION_TESTS_UNIT_CLIENT_GUESTCTL_HARNESS_H_
