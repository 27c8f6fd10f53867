// GuestInvitationClient over gMock stubs: deadlines, error conversion and
// metadata checks, without a channel.
#include "client/guest_invitation_client.h"

#include <chrono>

#include "client/channel.h"
#include "client/error_details.h"
#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpc/health/v1/health_mock.grpc.pb.h"
#include "gtest/gtest.h"
#include "guestinvitation/v1/guest_invitation_mock.grpc.pb.h"

namespace guestinvitation::client {
namespace {

using ::testing::_;
using ::testing::Invoke;
using ::testing::Return;
using ::testing::StrictMock;

using MockStub = StrictMock<v1::MockGuestInvitationServiceStub>;
using MockHealth = StrictMock<::grpc::health::v1::MockHealthStub>;

// Seconds from now to the context's deadline.
double SecondsLeft(grpc::ClientContext* context) {
  return std::chrono::duration<double>(context->deadline() -
                                       std::chrono::system_clock::now())
      .count();
}

class GuestInvitationClientTest : public ::testing::Test {
 protected:
  GuestInvitationClientTest() {
    auto stub = std::make_unique<MockStub>();
    auto health = std::make_unique<MockHealth>();
    stub_ = stub.get();
    health_ = health.get();
    client_ = std::make_unique<GuestInvitationClient>(
        std::move(stub), std::move(health), ClientOptions{});
  }

  MockStub* stub_;
  MockHealth* health_;
  std::unique_ptr<GuestInvitationClient> client_;
};

TEST_F(GuestInvitationClientTest, SuccessReturnsTheResponse) {
  v1::CreateInvitationResponse canned;
  canned.mutable_invitation()->set_invited_user_id("user-1");
  EXPECT_CALL(*stub_, CreateInvitation(_, _, _))
      .WillOnce(Invoke([&](grpc::ClientContext*,
                           const v1::CreateInvitationRequest& request,
                           v1::CreateInvitationResponse* response) {
        EXPECT_EQ(request.invited_user_email_address(), "bob@contoso.com");
        *response = canned;
        return grpc::Status::OK;
      }));
  v1::CreateInvitationRequest request;
  request.set_invited_user_email_address("bob@contoso.com");
  auto response = client_->CreateInvitation(request);
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->invitation().invited_user_id(), "user-1");
}

TEST_F(GuestInvitationClientTest, DefaultDeadlineIsThirtySeconds) {
  EXPECT_CALL(*stub_, GetGuest(_, _, _))
      .WillOnce(Invoke([](grpc::ClientContext* context, const auto&, auto*) {
        EXPECT_NEAR(SecondsLeft(context), 30.0, 2.0);
        return grpc::Status::OK;
      }));
  EXPECT_TRUE(client_->GetGuest(v1::GetGuestRequest()).ok());
}

TEST_F(GuestInvitationClientTest, PerCallTimeoutOverridesTheDefault) {
  EXPECT_CALL(*stub_, ListGuests(_, _, _))
      .WillOnce(Invoke([](grpc::ClientContext* context, const auto&, auto*) {
        EXPECT_NEAR(SecondsLeft(context), 3.0, 1.0);
        return grpc::Status::OK;
      }));
  CallOptions call;
  call.timeout = absl::Seconds(3);
  EXPECT_TRUE(client_->ListGuests(v1::ListGuestsRequest(), call).ok());
}

TEST_F(GuestInvitationClientTest, FailureKeepsRichDetails) {
  google::rpc::Status details;
  google::rpc::ErrorInfo info;
  info.set_reason("GUEST_NOT_FOUND");
  info.set_domain("guestinvitation");
  details.add_details()->PackFrom(info);
  EXPECT_CALL(*stub_, DeleteGuest(_, _, _))
      .WillOnce(Return(grpc::Status(grpc::StatusCode::NOT_FOUND, "no such",
                                    details.SerializeAsString())));
  auto response = client_->DeleteGuest(v1::DeleteGuestRequest());
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ExtractRichError(response.status()).reason, "GUEST_NOT_FOUND");
}

TEST_F(GuestInvitationClientTest, InvalidCallMetadataFailsWithoutCalling) {
  CallOptions call;
  call.metadata = {{"X-Upper", "v"}};
  auto response = client_->DisableGuest(v1::DisableGuestRequest(), call);
  EXPECT_EQ(response.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(GuestInvitationClientTest, HealthCheckAsksForTheService) {
  ::grpc::health::v1::HealthCheckResponse serving;
  serving.set_status(::grpc::health::v1::HealthCheckResponse::SERVING);
  EXPECT_CALL(*health_, Check(_, _, _))
      .WillOnce(
          Invoke([&](grpc::ClientContext*,
                     const ::grpc::health::v1::HealthCheckRequest& request,
                     ::grpc::health::v1::HealthCheckResponse* response) {
            EXPECT_EQ(request.service(),
                      "guestinvitation.v1.GuestInvitationService");
            *response = serving;
            return grpc::Status::OK;
          }));
  auto response =
      client_->HealthCheck("guestinvitation.v1.GuestInvitationService");
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->status(),
            ::grpc::health::v1::HealthCheckResponse::SERVING);
}

TEST(ClientChannelTest, MetadataKeysMustBeLowerCaseAndNotReserved) {
  EXPECT_TRUE(
      ValidateMetadata({{"x-tenant", "a"}, {"authorization", "b"}}).ok());
  EXPECT_FALSE(ValidateMetadata({{"X-Tenant", "a"}}).ok());
  EXPECT_FALSE(ValidateMetadata({{"grpc-timeout", "1S"}}).ok());
  EXPECT_FALSE(ValidateMetadata({{"", "a"}}).ok());
  EXPECT_FALSE(ValidateMetadata({{"bad key", "a"}}).ok());
}

TEST(ClientChannelTest, TlsOptionsWithoutTlsAreRejected) {
  ClientOptions options;
  options.ca_file = "ca.pem";
  EXPECT_EQ(MakeChannel(options).status().code(),
            absl::StatusCode::kInvalidArgument);
  options.ca_file.clear();
  options.tls_server_name = "guests.internal";
  EXPECT_EQ(MakeChannel(options).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace guestinvitation::client
