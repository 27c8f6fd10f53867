#include "server/common/ids.h"

#include <set>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace guestinvitation {
namespace {

using ::testing::MatchesRegex;

TEST(IdsTest, FormatForcesVersionAndVariantBits) {
  std::array<uint8_t, 16> bytes;
  bytes.fill(0xff);
  EXPECT_EQ(FormatUuidV4(bytes), "ffffffff-ffff-4fff-bfff-ffffffffffff");
  bytes.fill(0x00);
  EXPECT_EQ(FormatUuidV4(bytes), "00000000-0000-4000-8000-000000000000");
  for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<uint8_t>(i);
  EXPECT_EQ(FormatUuidV4(bytes), "00010203-0405-4607-8809-0a0b0c0d0e0f");
}

TEST(IdsTest, NewUuidsAreVersionFourAndDistinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    std::string id = NewUuid();
    EXPECT_THAT(id, MatchesRegex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-"
                                 "[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 100u);
}

}  // namespace
}  // namespace guestinvitation
