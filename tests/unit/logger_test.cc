#include "server/common/logger.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace guestinvitation {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(LoggerTest, EscapesControlCharactersSoNoInputForgesALine) {
  std::string line = FormatLogLine(LogLevel::kInfo, "rpc",
                                   {{"email", std::string("a\"b\n{\"x\":1}\r")}});
  EXPECT_THAT(line, Not(HasSubstr("\n")));
  EXPECT_THAT(line, Not(HasSubstr("\r")));
  EXPECT_THAT(line, HasSubstr(R"("email":"a\"b\n{\"x\":1}\r")"));
}

TEST(LoggerTest, RendersTypedFields) {
  std::string line = FormatLogLine(
      LogLevel::kWarning, "graph_call",
      {{"status", int64_t{429}}, {"ok", false}, {"ms", 1.5}});
  EXPECT_THAT(line, HasSubstr(R"("level":"warning")"));
  EXPECT_THAT(line, HasSubstr(R"("event":"graph_call")"));
  EXPECT_THAT(line, HasSubstr(R"("status":429)"));
  EXPECT_THAT(line, HasSubstr(R"("ok":false)"));
  EXPECT_THAT(line, HasSubstr(R"("ms":1.500)"));
}

TEST(LoggerTest, SinkReceivesLinesAtOrAboveMinLevel) {
  std::vector<std::string> lines;
  SetLogSink([&](absl::string_view l) { lines.emplace_back(l); });
  SetMinLogLevel(LogLevel::kWarning);
  Log(LogLevel::kInfo, "dropped", {});
  Log(LogLevel::kError, "kept", {});
  SetMinLogLevel(LogLevel::kInfo);
  SetLogSink(nullptr);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_THAT(lines[0], HasSubstr("kept"));
}

TEST(LoggerTest, RedactEmailKeepsDomainOnly) {
  EXPECT_EQ(RedactEmail("bob@contoso.com"), "b***@contoso.com");
  EXPECT_EQ(RedactEmail("nonsense"), "***");
  EXPECT_EQ(RedactEmail("@x"), "***");
}

TEST(LoggerTest, ParsesLevels) {
  LogLevel level = LogLevel::kInfo;
  EXPECT_TRUE(ParseLogLevel("DEBUG", &level));
  EXPECT_EQ(level, LogLevel::kDebug);
  EXPECT_FALSE(ParseLogLevel("loud", &level));
}

}  // namespace
}  // namespace guestinvitation
