// Target and OData query parsing used by the emulator.
#include "tests/unit/emulator_test_support.h"
#include "tools/graph_emulator/email_rules.h"
#include "tools/graph_emulator/odata_query.h"
#include "tools/graph_emulator/router.h"

namespace guestinvitation::emulator::testing {
namespace {

TEST(EmulatorODataTest, ParseTargetDecodesPathAndQuery) {
  std::optional<ParsedTarget> t =
      ParseTarget("/v1.0/groups/g%2F1/members/%24ref?%24filter=a+eq+%27b%27&x");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->segments, (std::vector<std::string>{"v1.0", "groups", "g/1",
                                                   "members", "$ref"}));
  ASSERT_EQ(t->query.size(), 2u);
  EXPECT_EQ(t->query[0].first, "$filter");
  EXPECT_EQ(t->query[0].second, "a eq 'b'");
  EXPECT_EQ(t->query[1].first, "x");
  EXPECT_EQ(t->query[1].second, "");
  EXPECT_FALSE(ParseTarget("/a%4").has_value());
  EXPECT_FALSE(ParseTarget("/a%g0").has_value());
  EXPECT_FALSE(ParseTarget("nope").has_value());
}

TEST(EmulatorODataTest, PercentEncodeRoundTrips) {
  std::string text = "a b/'c'$d~é";
  std::string encoded = PercentEncode(text, "$");
  EXPECT_EQ(encoded.find(' '), std::string::npos);
  EXPECT_EQ(PercentDecode(encoded, true), text);
}

TEST(EmulatorODataTest, FilterParsesEqClauses) {
  ODataQuery q;
  auto error =
      ParseODataQuery({{"$filter",
                        "userType eq 'Guest' and accountEnabled eq false and "
                        "mail eq 'o''brien@x.com'"},
                       {"$select", "id, mail"},
                       {"$top", "5"}},
                      &q);
  ASSERT_FALSE(error.has_value()) << error->message;
  ASSERT_EQ(q.filter.size(), 3u);
  EXPECT_EQ(q.filter[0].property, "userType");
  EXPECT_EQ(q.filter[0].text, "Guest");
  EXPECT_EQ(q.filter[1].type, FilterClause::Type::kBool);
  EXPECT_FALSE(q.filter[1].boolean);
  EXPECT_EQ(q.filter[2].text, "o'brien@x.com");
  EXPECT_EQ(q.select, (std::vector<std::string>{"id", "mail"}));
  EXPECT_EQ(q.top, 5);
}

TEST(EmulatorODataTest, NonDollarParamsAreIgnored) {
  ODataQuery q;
  EXPECT_FALSE(ParseODataQuery({{"api-version", "1"}}, &q).has_value());
}

TEST(EmulatorODataTest, TooManyClausesAreRefused) {
  std::string filter = "mail eq 'a'";
  for (int i = 0; i < 20; ++i) filter += " and mail eq 'a'";
  ODataQuery q;
  EXPECT_TRUE(ParseODataQuery({{"$filter", filter}}, &q).has_value());
}

TEST(EmulatorODataTest, SkipTokenRoundTripsAndRejectsGarbage) {
  EXPECT_EQ(DecodeSkipToken(EncodeSkipToken(12345)), 12345);
  EXPECT_FALSE(DecodeSkipToken("").has_value());
  EXPECT_FALSE(DecodeSkipToken("%%%").has_value());
  EXPECT_FALSE(DecodeSkipToken(std::string(1000, 'A')).has_value());
}

TEST(EmulatorODataTest, RouterNamesTemplates) {
  EXPECT_EQ(MatchRoute({"v1.0", "users", "abc"}).path_template,
            "/v1.0/users/{id}");
  EXPECT_EQ(MatchRoute({"t", "oauth2", "v2.0", "token"}).id, RouteId::kToken);
  EXPECT_EQ(MatchRoute({"v1.0", "groups", "g", "members", "u", "$ref"}).params,
            (std::vector<std::string>{"g", "u"}));
  EXPECT_EQ(MatchRoute({"v1.0", "invitations", "x"}).id,
            RouteId::kGraphNotFound);
}

TEST(EmulatorODataTest, EmailRules) {
  EXPECT_EQ(InvalidEmailReason("a@b.com"), "");
  EXPECT_NE(InvalidEmailReason(""), "");
  EXPECT_NE(InvalidEmailReason(std::string(250, 'a') + "@b.com"), "");
  EXPECT_NE(InvalidEmailReason("a@b.com\n"), "");
  EXPECT_NE(InvalidEmailReason("a@-b.com"), "");
}

}  // namespace
}  // namespace guestinvitation::emulator::testing
