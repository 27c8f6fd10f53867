#include "server/common/error_details.h"

#include "gtest/gtest.h"

namespace guestinvitation {
namespace {

TEST(ErrorDetailsTest, ErrorInfoRoundTrips) {
  absl::Status s = ErrorWithReason(absl::StatusCode::kNotFound, "gone",
                                   "GUEST_NOT_FOUND",
                                   {{kMetaGraphCode, "Request_ResourceNotFound"}});
  auto info = GetErrorInfo(s);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->reason(), "GUEST_NOT_FOUND");
  EXPECT_EQ(info->domain(), "guestinvitation");
  EXPECT_EQ(info->metadata().at("graph_code"), "Request_ResourceNotFound");
  EXPECT_EQ(GetReason(s), "GUEST_NOT_FOUND");
}

TEST(ErrorDetailsTest, RetryDelayKeepsSubSecondPrecision) {
  absl::Status s(absl::StatusCode::kResourceExhausted, "throttled");
  SetRetryDelay(s, absl::Milliseconds(2128));
  EXPECT_EQ(GetRetryDelay(s), absl::Milliseconds(2128));
  EXPECT_EQ(DetailPayloads(s).size(), 1u);
}

TEST(ErrorDetailsTest, OkStatusCarriesNothing) {
  absl::Status s;
  SetRetryDelay(s, absl::Seconds(1));
  EXPECT_FALSE(GetRetryDelay(s).has_value());
  EXPECT_EQ(GetReason(s), "");
}

}  // namespace
}  // namespace guestinvitation
