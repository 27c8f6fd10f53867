// FromGrpcStatus / ExtractRichError over a google.rpc.Status built by hand,
// as a server would put it in grpc-status-details-bin.
#include "client/error_details.h"
#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"

namespace guestinvitation::client {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::Pair;

google::rpc::ErrorInfo SampleErrorInfo() {
  google::rpc::ErrorInfo info;
  info.set_reason("INVALID_EMAIL");
  info.set_domain("guestinvitation");
  (*info.mutable_metadata())["graph_code"] = "BadRequest";
  (*info.mutable_metadata())["http_status"] = "400";
  return info;
}

google::rpc::BadRequest SampleBadRequest() {
  google::rpc::BadRequest bad_request;
  auto* first = bad_request.add_field_violations();
  first->set_field("invited_user_email_address");
  first->set_description("not an email address");
  auto* second = bad_request.add_field_violations();
  second->set_field("invite_redirect_url");
  second->set_description("must be https");
  return bad_request;
}

grpc::Status WithDetails(const google::rpc::Status& details) {
  return {static_cast<grpc::StatusCode>(details.code()), details.message(),
          details.SerializeAsString()};
}

TEST(ClientErrorDetailsTest, AllThreeDetailsAreExtracted) {
  google::rpc::Status details;
  details.set_code(grpc::StatusCode::INVALID_ARGUMENT);
  details.set_message("request is invalid");
  details.add_details()->PackFrom(SampleErrorInfo());
  details.add_details()->PackFrom(SampleBadRequest());
  google::rpc::RetryInfo retry;
  retry.mutable_retry_delay()->set_seconds(2);
  retry.mutable_retry_delay()->set_nanos(500'000'000);
  details.add_details()->PackFrom(retry);

  const absl::Status status = FromGrpcStatus(WithDetails(details));
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "request is invalid");

  const RichError error = ExtractRichError(status);
  EXPECT_EQ(error.code, absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(error.message, "request is invalid");
  EXPECT_EQ(error.reason, "INVALID_EMAIL");
  EXPECT_EQ(error.domain, "guestinvitation");
  EXPECT_THAT(error.metadata, ElementsAre(Pair("graph_code", "BadRequest"),
                                          Pair("http_status", "400")));
  EXPECT_THAT(
      error.field_violations,
      ElementsAre(Field(&FieldViolation::field, "invited_user_email_address"),
                  Field(&FieldViolation::field, "invite_redirect_url")));
  EXPECT_EQ(error.field_violations[0].description, "not an email address");
  EXPECT_EQ(error.retry_delay, absl::Milliseconds(2500));
}

TEST(ClientErrorDetailsTest, TypeUrlPrefixOtherThanGoogleApisIsAccepted) {
  google::rpc::Status details;
  details.set_code(grpc::StatusCode::NOT_FOUND);
  details.add_details()->PackFrom(SampleErrorInfo(), "type.example.com");

  const RichError error = ExtractRichError(FromGrpcStatus(grpc::Status(
      grpc::StatusCode::NOT_FOUND, "gone", details.SerializeAsString())));
  EXPECT_EQ(error.reason, "INVALID_EMAIL");
}

TEST(ClientErrorDetailsTest, HeaderCodeAndMessageWinOverTheDetailsCopy) {
  google::rpc::Status details;
  details.set_code(grpc::StatusCode::INTERNAL);
  details.set_message("copy");
  const absl::Status status = FromGrpcStatus(grpc::Status(
      grpc::StatusCode::UNAVAILABLE, "header", details.SerializeAsString()));
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(status.message(), "header");
}

TEST(ClientErrorDetailsTest, GarbageDetailsKeepCodeAndMessage) {
  const absl::Status status = FromGrpcStatus(grpc::Status(
      grpc::StatusCode::UNAVAILABLE, "no backend", "\xff\xff not a proto"));
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable);
  const RichError error = ExtractRichError(status);
  EXPECT_EQ(error.message, "no backend");
  EXPECT_EQ(error.reason, "");
  EXPECT_TRUE(error.field_violations.empty());
  EXPECT_FALSE(error.retry_delay.has_value());
}

TEST(ClientErrorDetailsTest, NoDetailsGiveBareError) {
  const RichError error = ExtractRichError(
      FromGrpcStatus(grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not yet")));
  EXPECT_EQ(error.code, absl::StatusCode::kUnimplemented);
  EXPECT_EQ(error.message, "not yet");
  EXPECT_TRUE(error.metadata.empty());
}

TEST(ClientErrorDetailsTest, UnknownDetailTypesArePreservedAsPayloads) {
  google::rpc::Status details;
  details.set_code(grpc::StatusCode::INTERNAL);
  google::rpc::DebugInfo debug;
  debug.set_detail("stack");
  details.add_details()->PackFrom(debug);
  const absl::Status status = FromGrpcStatus(grpc::Status(
      grpc::StatusCode::INTERNAL, "boom", details.SerializeAsString()));
  EXPECT_TRUE(status.GetPayload("type.googleapis.com/google.rpc.DebugInfo")
                  .has_value());
  EXPECT_EQ(ExtractRichError(status).reason, "");
}

TEST(ClientErrorDetailsTest, OkStaysOk) {
  EXPECT_TRUE(FromGrpcStatus(grpc::Status::OK).ok());
}

TEST(ClientErrorDetailsTest, CodeNamesAreCanonical) {
  EXPECT_EQ(StatusCodeName(absl::StatusCode::kInvalidArgument),
            "INVALID_ARGUMENT");
  EXPECT_EQ(StatusCodeName(absl::StatusCode::kResourceExhausted),
            "RESOURCE_EXHAUSTED");
  EXPECT_EQ(StatusCodeName(static_cast<absl::StatusCode>(42)), "CODE_42");
}

}  // namespace
}  // namespace guestinvitation::client
