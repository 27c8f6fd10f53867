#include <gtest/gtest.h>

#include "server/http/transport_error.h"
#include "server/http/url.h"

namespace guestinvitation::http {
namespace {

void ExpectInvalid(absl::string_view url) {
  absl::StatusOr<ParsedUrl> parsed = ParseHttpsUrl(url);
  ASSERT_FALSE(parsed.ok()) << url;
  EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument) << url;
  EXPECT_EQ(GetSendState(parsed.status()), SendState::kNotSent) << url;
}

TEST(ParseHttpsUrlTest, HostPathAndQuery) {
  auto parsed = ParseHttpsUrl("https://graph.microsoft.com/v1.0/users?$top=5");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->origin.host, "graph.microsoft.com");
  EXPECT_EQ(parsed->origin.port, "443");
  EXPECT_FALSE(parsed->origin.is_ip_literal);
  EXPECT_EQ(parsed->target, "/v1.0/users?$top=5");
  EXPECT_EQ(parsed->origin.HostHeader(), "graph.microsoft.com");
  EXPECT_EQ(parsed->origin.Key(), "graph.microsoft.com:443");
}

TEST(ParseHttpsUrlTest, ExplicitPortAndIpv4Literal) {
  auto parsed = ParseHttpsUrl("https://127.0.0.1:8443/x");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->origin.host, "127.0.0.1");
  EXPECT_EQ(parsed->origin.port, "8443");
  EXPECT_TRUE(parsed->origin.is_ip_literal);
  EXPECT_EQ(parsed->origin.HostHeader(), "127.0.0.1:8443");
}

TEST(ParseHttpsUrlTest, Ipv6LiteralWithPort) {
  auto parsed = ParseHttpsUrl("https://[::1]:9000/a?b=c");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->origin.host, "::1");
  EXPECT_EQ(parsed->origin.port, "9000");
  EXPECT_TRUE(parsed->origin.is_ip_literal);
  EXPECT_EQ(parsed->origin.HostHeader(), "[::1]:9000");
  EXPECT_EQ(parsed->target, "/a?b=c");
}

TEST(ParseHttpsUrlTest, Ipv6LiteralWithoutPort) {
  auto parsed = ParseHttpsUrl("https://[2001:db8::1]");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->origin.host, "2001:db8::1");
  EXPECT_EQ(parsed->origin.HostHeader(), "[2001:db8::1]");
  EXPECT_EQ(parsed->target, "/");
}

TEST(ParseHttpsUrlTest, MissingPathBecomesSlashAndQueryOnlyIsRooted) {
  EXPECT_EQ(ParseHttpsUrl("https://example.com")->target, "/");
  EXPECT_EQ(ParseHttpsUrl("https://example.com?x=1")->target, "/?x=1");
}

TEST(ParseHttpsUrlTest, SchemeAndHostAreCaseInsensitive) {
  auto parsed = ParseHttpsUrl("HTTPS://Login.MicrosoftOnline.COM/Tenant/");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->origin.host, "login.microsoftonline.com");
  EXPECT_EQ(parsed->target, "/Tenant/");  // the path keeps its case
}

TEST(ParseHttpsUrlTest, FragmentIsDropped) {
  EXPECT_EQ(ParseHttpsUrl("https://h/p?q=1#frag")->target, "/p?q=1");
}

TEST(ParseHttpsUrlTest, EmptyPortMeansDefault) {
  EXPECT_EQ(ParseHttpsUrl("https://h:/p")->origin.port, "443");
}

TEST(ParseHttpsUrlTest, RejectsOtherSchemes) {
  ExpectInvalid("http://example.com/");
  ExpectInvalid("ftp://example.com/");
  ExpectInvalid("example.com/");
  ExpectInvalid("//example.com/");
}

TEST(ParseHttpsUrlTest, RejectsBadAuthorities) {
  ExpectInvalid("https:///path");
  ExpectInvalid("https://user:pw@example.com/");
  ExpectInvalid("https://example.com:0/");
  ExpectInvalid("https://example.com:65536/");
  ExpectInvalid("https://example.com:+80/");
  ExpectInvalid("https://example.com:8o/");
  ExpectInvalid("https://[::1/");
  ExpectInvalid("https://[::1]x/");
  ExpectInvalid("https://[not-v6]/");
  ExpectInvalid("https://[fe80::1%25eth0]/");
  ExpectInvalid("https://exa mple.com/");
}

TEST(ParseHttpsUrlTest, RejectsControlBytesInHostAndTarget) {
  ExpectInvalid("https://example.com\r\nX-Evil: 1/");
  ExpectInvalid("https://example.com/a\r\nX-Evil: 1");
  ExpectInvalid("https://example.com/a\nb");
  ExpectInvalid(std::string("https://example.com/a\0b", 23));
  ExpectInvalid("https://example.com/a\x7f");
  ExpectInvalid("https://example.com/a\tb");
  ExpectInvalid("https://example.com/a b");
  ExpectInvalid("https://example.com/caf\xc3\xa9");
}

}  // namespace
}  // namespace guestinvitation::http
