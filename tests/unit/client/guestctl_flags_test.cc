// guestctl's flag parser, global options and request id formatting.
#include "client/guestctl/flags.h"
#include "client/guestctl/global_options.h"
#include "client/guestctl/request_id.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace guestinvitation::guestctl {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::MatchesRegex;

const std::vector<FlagSpec>& Specs() {
  static const auto* specs = new std::vector<FlagSpec>{
      {"email", "ADDRESS", "", false, /*required=*/true},
      {"group", "ID", "", /*repeatable=*/true},
      {"send-email", "", ""},
      {"message", "TEXT", ""},
      {"help", "", "", /*repeatable=*/true},
  };
  return *specs;
}

absl::StatusOr<ParsedFlags> Parse(const std::vector<std::string>& args) {
  ParsedFlags flags;
  auto next = ParseFlags(args, 0, Specs(), ParseMode::kAll, &flags);
  if (!next.ok()) return next.status();
  EXPECT_EQ(*next, args.size());
  return flags;
}

std::string ErrorOf(const std::vector<std::string>& args) {
  return std::string(Parse(args).status().message());
}

TEST(GuestctlFlagParserTest, ValueWithEqualsOrSpace) {
  auto flags = Parse({"--email=bob@contoso.com", "--message", "hi there"});
  ASSERT_TRUE(flags.ok()) << flags.status();
  EXPECT_EQ(flags->Value("email"), "bob@contoso.com");
  EXPECT_EQ(flags->Value("message"), "hi there");
  EXPECT_FALSE(flags->Has("group"));
  EXPECT_EQ(flags->Value("group", "none"), "none");
}

TEST(GuestctlFlagParserTest, ValueMayContainEqualsAndBeEmpty) {
  auto flags = Parse({"--message=a=b", "--email="});
  ASSERT_TRUE(flags.ok());
  EXPECT_EQ(flags->Value("message"), "a=b");
  EXPECT_TRUE(flags->Has("email"));
  EXPECT_EQ(flags->Value("email"), "");
}

TEST(GuestctlFlagParserTest, RepeatableFlagKeepsEveryValueInOrder) {
  auto flags = Parse({"--group=g1", "--group", "g2", "--group=g3"});
  ASSERT_TRUE(flags.ok());
  EXPECT_THAT(flags->Values("group"), ElementsAre("g1", "g2", "g3"));
  EXPECT_THAT(flags->Values("email"), IsEmpty());
}

TEST(GuestctlFlagParserTest, SwitchesAndExplicitBooleans) {
  auto on = Parse({"--send-email"});
  ASSERT_TRUE(on.ok());
  EXPECT_TRUE(on->Switch("send-email"));
  auto off = Parse({"--send-email=false"});
  ASSERT_TRUE(off.ok());
  EXPECT_FALSE(off->Switch("send-email"));
  EXPECT_FALSE(off->Switch("help"));
  EXPECT_THAT(ErrorOf({"--send-email=yes"}),
              HasSubstr("--send-email takes no value"));
}

TEST(GuestctlFlagParserTest, SwitchDoesNotSwallowTheNextArgument) {
  auto flags = Parse({"--send-email", "USER"});
  ASSERT_TRUE(flags.ok());
  EXPECT_THAT(flags->positionals(), ElementsAre("USER"));
}

TEST(GuestctlFlagParserTest, PositionalsAndDoubleDash) {
  auto flags = Parse({"a", "--email=x", "b", "--", "--group=g", "-"});
  ASSERT_TRUE(flags.ok());
  EXPECT_THAT(flags->positionals(), ElementsAre("a", "b", "--group=g", "-"));
  EXPECT_FALSE(flags->Has("group"));
}

TEST(GuestctlFlagParserTest, UnknownFlagSuggestsTheClosest) {
  EXPECT_EQ(ErrorOf({"--emial=x"}),
            "unknown flag --emial (did you mean --email?)");
  EXPECT_EQ(ErrorOf({"--colour"}), "unknown flag --colour");
}

TEST(GuestctlFlagParserTest, MissingValueIsNamed) {
  EXPECT_EQ(ErrorOf({"--email"}),
            "flag --email needs a value (--email=ADDRESS)");
  // A following flag is taken as a forgotten value, not as the value.
  EXPECT_EQ(ErrorOf({"--message", "--send-email"}),
            "flag --message needs a value (--message=TEXT)");
  auto dashes = Parse({"--message=--literally"});
  ASSERT_TRUE(dashes.ok());
  EXPECT_EQ(dashes->Value("message"), "--literally");
}

TEST(GuestctlFlagParserTest, NonRepeatableFlagGivenTwiceIsAnError) {
  EXPECT_EQ(ErrorOf({"--email=a", "--email=b"}),
            "flag --email given more than once");
}

TEST(GuestctlFlagParserTest, SingleDashFlagsAreRejectedExceptH) {
  EXPECT_THAT(ErrorOf({"-e"}), HasSubstr("unknown flag -e"));
  auto help = Parse({"-h", "--help"});
  ASSERT_TRUE(help.ok());
  EXPECT_TRUE(help->Switch("help"));
}

TEST(GuestctlFlagParserTest, StopAtPositionalLeavesTheRest) {
  const std::vector<std::string> args = {"--email", "x", "invite", "--group=g"};
  ParsedFlags flags;
  auto next =
      ParseFlags(args, 0, Specs(), ParseMode::kStopAtPositional, &flags);
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(*next, 2u);
  EXPECT_EQ(flags.Value("email"), "x");
  // A second pass over the same ParsedFlags sees repeats across passes.
  const std::vector<std::string> again = {"--email=y"};
  EXPECT_FALSE(ParseFlags(again, 0, Specs(), ParseMode::kAll, &flags).ok());
}

TEST(GuestctlFlagParserTest, RequiredFlagsAreChecked) {
  auto flags = Parse({"--group=g"});
  ASSERT_TRUE(flags.ok());
  EXPECT_EQ(CheckRequiredFlags(*flags, Specs()).message(),
            "missing required flag --email=ADDRESS");
  auto complete = Parse({"--email=e"});
  EXPECT_TRUE(CheckRequiredFlags(*complete, Specs()).ok());
}

TEST(GuestctlFlagParserTest, ClosestNameIgnoresFarWords) {
  EXPECT_EQ(ClosestName("invte", {"invite", "list"}), "invite");
  EXPECT_EQ(ClosestName("frobnicate", {"invite", "list"}), "");
}

TEST(GuestctlParseTimeoutTest, AcceptsDurationsAndBareSeconds) {
  EXPECT_EQ(*ParseTimeout("30s"), absl::Seconds(30));
  EXPECT_EQ(*ParseTimeout("500ms"), absl::Milliseconds(500));
  EXPECT_EQ(*ParseTimeout("2m"), absl::Minutes(2));
  EXPECT_EQ(*ParseTimeout("1m30s"), absl::Seconds(90));
  EXPECT_EQ(*ParseTimeout("45"), absl::Seconds(45));
}

TEST(GuestctlParseTimeoutTest, RejectsNonPositiveInfiniteAndGarbage) {
  for (const char* text : {"0", "0s", "-1s", "inf", "soon", ""}) {
    EXPECT_FALSE(ParseTimeout(text).ok()) << text;
  }
}

absl::StatusOr<GlobalOptions> Resolve(const std::vector<std::string>& args,
                                      const Environment& env = {}) {
  ParsedFlags flags;
  auto next = ParseFlags(args, 0, GlobalFlagSpecs(), ParseMode::kAll, &flags);
  if (!next.ok()) return next.status();
  return ResolveGlobalOptions(flags, env);
}

TEST(GuestctlGlobalOptionsTest, Defaults) {
  auto options = Resolve({});
  ASSERT_TRUE(options.ok());
  EXPECT_EQ(options->client.target, "127.0.0.1:50051");
  EXPECT_FALSE(options->client.tls);
  EXPECT_EQ(options->client.default_timeout, absl::Seconds(30));
  EXPECT_EQ(options->output, OutputFormat::kText);
}

TEST(GuestctlGlobalOptionsTest, FlagBeatsEnvironmentWhichBeatsDefault) {
  Environment env;
  env.server = "env-host:1";
  EXPECT_EQ(Resolve({}, env)->client.target, "env-host:1");
  EXPECT_EQ(Resolve({"--server=flag-host:2"}, env)->client.target,
            "flag-host:2");
}

TEST(GuestctlGlobalOptionsTest, TlsFlags) {
  auto options =
      Resolve({"--tls", "--ca-file=ca.pem", "--tls-server-name=guests.internal",
               "--timeout=5s", "--output=json"});
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_TRUE(options->client.tls);
  EXPECT_EQ(options->client.ca_file, "ca.pem");
  EXPECT_EQ(options->client.tls_server_name, "guests.internal");
  EXPECT_EQ(options->client.default_timeout, absl::Seconds(5));
  EXPECT_EQ(options->output, OutputFormat::kJson);
}

TEST(GuestctlGlobalOptionsTest, InvalidCombinationsAreUsageErrors) {
  EXPECT_THAT(Resolve({"--ca-file=ca.pem"}).status().message(),
              HasSubstr("need --tls"));
  EXPECT_THAT(Resolve({"--output=yaml"}).status().message(),
              HasSubstr("use text or json"));
  EXPECT_THAT(Resolve({"--timeout=fast"}).status().message(),
              HasSubstr("invalid --timeout"));
  EXPECT_FALSE(Resolve({"--server="}).ok());
}

TEST(GuestctlRequestIdTest, RandomIdsAreWellFormedAndDistinct) {
  const std::string a = NewRandomRequestId();
  EXPECT_THAT(a, MatchesRegex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-"
                              "[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
  EXPECT_NE(a, NewRandomRequestId());
}

}  // namespace
}  // namespace guestinvitation::guestctl
