// GET /users advanced queries (graph-api.md 3.2): the operators, the
// ConsistencyLevel + $count rules, @odata.count on page 1 only, nextLinks
// followed without the header, $orderby, $search, /users/$count, and the
// parser's bounds.
#include "tests/unit/emulator_test_support.h"
#include "tools/graph_emulator/odata_query.h"

namespace guestinvitation::emulator::testing {
namespace {

using ::testing::HasSubstr;

const http::Headers kEventual = {{"ConsistencyLevel", "eventual"}};

class AdvancedQueryTest : public EmulatorTest {
 protected:
  void SetUp() override {
    // One Member guest below; Member invites need an admin caller.
    Make(Config(R"({"tenant_policy":{"caller_is_admin":true}})"));
    InviteUser("ann@fabrikam.com", R"(,"invitedUserDisplayName":"Ann Bolt")");
    InviteUser("bob@contoso.com", R"(,"invitedUserDisplayName":"Bob Stone")");
    InviteUser("cid@fabrikam.com", R"(,"invitedUserDisplayName":"Cid Bow",)"
                                   R"("invitedUserType":"Member")");
    InviteUser("dee@contoso.com", R"(,"invitedUserDisplayName":"Dee Ash")");
  }

  ServerResponse Users(const std::string& query, bool eventual) {
    return Graph("GET", absl::StrCat("/v1.0/users?", query), "",
                 eventual ? kEventual : http::Headers{});
  }
  std::vector<std::string> Mails(const ServerResponse& r) {
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<std::string> out;
    boost::json::value body = Json(r);
    if (!body.is_object() || !body.as_object().contains("value")) return out;
    for (const auto& u : body.at("value").as_array()) {
      out.push_back(Str(u.at("mail")));
    }
    return out;
  }
  // An advanced query: the header and $count=true.
  std::vector<std::string> Advanced(const std::string& filter) {
    return Mails(Users(absl::StrCat("$count=true&$filter=", filter), true));
  }
  static std::string Relative(const std::string& link) {
    EXPECT_EQ(link.rfind(kBase, 0), 0u) << link;
    return link.substr(std::string(kBase).size());
  }
};

using Strings = std::vector<std::string>;

TEST_F(AdvancedQueryTest, BasicOperatorsNeedNoHeader) {
  EXPECT_EQ(Mails(Users("$filter=startsWith(mail,'B')", false)),
            Strings{"bob@contoso.com"});
  EXPECT_EQ(Mails(Users("$filter=startswith(displayName,'cid')", false)),
            Strings{"cid@fabrikam.com"});
  EXPECT_EQ(
      Mails(Users("$filter=mail in ('dee@contoso.com','ANN@fabrikam.com')",
                  false)),
      (Strings{"ann@fabrikam.com", "dee@contoso.com"}));
  EXPECT_EQ(Mails(Users("$filter=userType eq 'Member' or mail eq "
                        "'bob@contoso.com'",
                        false)),
            (Strings{"bob@contoso.com", "cid@fabrikam.com"}));
  EXPECT_EQ(Mails(Users("$filter=displayName eq 'dee ash'", false)),
            Strings{"dee@contoso.com"});
  // and binds tighter than or; parentheses override.
  EXPECT_EQ(Mails(Users("$filter=mail eq 'ann@fabrikam.com' or userType eq "
                        "'Member' and mail eq 'nobody@x.com'",
                        false)),
            Strings{"ann@fabrikam.com"});
  EXPECT_EQ(Mails(Users("$filter=(mail eq 'ann@fabrikam.com' or userType eq "
                        "'Member') and startsWith(mail,'c')",
                        false)),
            Strings{"cid@fabrikam.com"});
}

TEST_F(AdvancedQueryTest, AdvancedOperatorsWithHeaderAndCount) {
  EXPECT_EQ(Advanced("userType ne 'Guest'"), Strings{"cid@fabrikam.com"});
  EXPECT_EQ(Advanced("not(userType eq 'Guest')"), Strings{"cid@fabrikam.com"});
  EXPECT_EQ(
      Advanced("not startsWith(mail,'a') and endsWith(mail,'@fabrikam.com')"),
      Strings{"cid@fabrikam.com"});
  EXPECT_EQ(Advanced("endsWith(mail,'@CONTOSO.com')"),
            (Strings{"bob@contoso.com", "dee@contoso.com"}));
  EXPECT_TRUE(Advanced("mail eq null").empty());
  EXPECT_EQ(Advanced("accountEnabled ne false and userType in ('Member')"),
            Strings{"cid@fabrikam.com"});
}

TEST_F(AdvancedQueryTest, AdvancedQueriesWithoutHeaderOrCountAre400) {
  struct Case {
    const char* query;
    bool eventual;
    const char* message;
  } cases[] = {
      {"$filter=userType ne 'Guest'", false,
       "Unsupported or invalid query filter clause specified for property "
       "'userType' of resource 'User'."},
      // The header alone is not enough for ne: $count=true is needed too.
      {"$filter=userType ne 'Guest'", true,
       "Unsupported or invalid query filter clause specified for property "
       "'userType' of resource 'User'."},
      {"$count=true&$filter=userType ne 'Guest'", false, "$count is not"},
      {"$filter=not(mail eq 'a')", false, "property 'mail'"},
      {"$filter=endsWith(mail,'a')", true, "property 'mail'"},
      {"$filter=mail eq null", false, "property 'mail'"},
      {"$count=true", false, "'ConsistencyLevel:eventual' header is missing"},
      {"$search=\"displayName:bo\"", false,
       "Request with $search query parameter only works through MSGraph "
       "with a special request header: 'ConsistencyLevel: eventual'"},
      {"$filter=userType eq 'Guest'&$orderby=displayName", false,
       "Sorting not supported for current query."},
      {"$filter=userType eq 'Guest'&$orderby=displayName", true,
       "Sorting not supported for current query."},
      {"$orderby=createdDateTime", false,
       "Unsupported sort property 'createdDateTime' for 'User'."},
      {"$filter=startsWith(userType,'G')", false, "property 'userType'"},
  };
  for (const Case& c : cases) {
    ServerResponse r = Users(c.query, c.eventual);
    EXPECT_EQ(r.status, 400) << c.query;
    EXPECT_EQ(ErrorCode(r), "Request_UnsupportedQuery") << c.query;
    EXPECT_THAT(ErrorMessage(r), HasSubstr(c.message)) << c.query;
  }
}

TEST_F(AdvancedQueryTest, WrongLiteralTypesAndBadOptionsAreBadRequest) {
  for (const char* query :
       {"$filter=accountEnabled eq 'yes'", "$filter=mail in ('a', true)",
        "$filter=startsWith(mail,1)", "$count=maybe", "$orderby=displayName up",
        "$search=displayName:bo", "$search=\"bo\"",
        "$filter=startsWith(mail 'a')", "$filter=not", "$filter=(mail eq 'a'",
        "$filter=mail eq 'a')", "$filter=mail in 'a'"}) {
    ServerResponse r = Users(query, true);
    EXPECT_EQ(r.status, 400) << query;
    boost::json::value body = Json(r);
    EXPECT_TRUE(body.as_object().contains("error")) << query;
  }
}

TEST_F(AdvancedQueryTest, CountOnFirstPageOnlyAndNextLinkNeedsTheHeader) {
  ServerResponse first =
      Users("$count=true&$filter=userType ne 'Member'&$top=2", true);
  ASSERT_EQ(first.status, 200) << first.body;
  boost::json::object body = Json(first).as_object();
  EXPECT_EQ(body.at("@odata.count").as_int64(), 3);
  EXPECT_EQ(body.at("value").as_array().size(), 2u);
  std::string next = Relative(Str(body.at("@odata.nextLink")));
  EXPECT_THAT(next, HasSubstr("$count=true"));
  // Graph does not carry ConsistencyLevel to the next page.
  ServerResponse bare = Graph("GET", next);
  EXPECT_EQ(bare.status, 400);
  EXPECT_EQ(ErrorCode(bare), "Request_UnsupportedQuery");
  ServerResponse second = Graph("GET", next, "", kEventual);
  ASSERT_EQ(second.status, 200) << second.body;
  boost::json::object page2 = Json(second).as_object();
  EXPECT_FALSE(page2.contains("@odata.count"));
  EXPECT_FALSE(page2.contains("@odata.nextLink"));
  EXPECT_EQ(Mails(second), Strings{"dee@contoso.com"});
}

TEST_F(AdvancedQueryTest, CountWithoutFilterAndBasicQueriesHaveNoCount) {
  boost::json::object all = Json(Users("$count=true", true)).as_object();
  EXPECT_EQ(all.at("@odata.count").as_int64(), 4);
  boost::json::object basic = Json(Users("$top=1", true)).as_object();
  EXPECT_FALSE(basic.contains("@odata.count"));
  boost::json::object off = Json(Users("$count=false", false)).as_object();
  EXPECT_FALSE(off.contains("@odata.count"));
}

TEST_F(AdvancedQueryTest, OrderByAscDescAndSortedPaging) {
  EXPECT_EQ(Mails(Users("$orderby=displayName", false)),
            (Strings{"ann@fabrikam.com", "bob@contoso.com", "cid@fabrikam.com",
                     "dee@contoso.com"}));
  EXPECT_EQ(Mails(Users("$orderby=mail desc", false)),
            (Strings{"dee@contoso.com", "cid@fabrikam.com", "bob@contoso.com",
                     "ann@fabrikam.com"}));
  ServerResponse r = Users(
      "$count=true&$filter=userType eq 'Guest'&$orderby=displayName desc&"
      "$top=2",
      true);
  EXPECT_EQ(Mails(r), (Strings{"dee@contoso.com", "bob@contoso.com"}));
  std::string next = Relative(Str(Json(r).at("@odata.nextLink")));
  EXPECT_EQ(Mails(Graph("GET", next, "", kEventual)),
            Strings{"ann@fabrikam.com"});
  // A token of one paging kind is refused by the other.
  std::string plain = Str(Json(Users("$top=1", false)).at("@odata.nextLink"));
  std::string token = plain.substr(plain.find("$skiptoken=") + 11);
  EXPECT_EQ(
      Users(absl::StrCat("$orderby=mail&$skiptoken=", token), false).status,
      400);
}

TEST_F(AdvancedQueryTest, SearchMatchesWordPrefixesWithTheHeaderOnly) {
  EXPECT_EQ(
      Mails(Users("$search=\"displayName:bo\"", true)),
      (Strings{"ann@fabrikam.com", "bob@contoso.com", "cid@fabrikam.com"}));
  EXPECT_EQ(Mails(Users("$search=\"mail:dee\"", true)),
            Strings{"dee@contoso.com"});
  EXPECT_TRUE(Mails(Users("$search=\"displayName:olt\"", true)).empty());
  ServerResponse bad = Users("$search=\"jobTitle:x\"", true);
  EXPECT_EQ(bad.status, 400);
}

TEST_F(AdvancedQueryTest, RawCountIsTextPlainAndNeedsTheHeader) {
  ServerResponse bare = Graph("GET", "/v1.0/users/$count");
  EXPECT_EQ(bare.status, 400);
  EXPECT_EQ(ErrorCode(bare), "Request_UnsupportedQuery");
  EXPECT_THAT(ErrorMessage(bare), HasSubstr("Raw count (/$count)"));
  ServerResponse r = Graph("GET", "/v1.0/users/%24count", "", kEventual);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body, "4");
  EXPECT_EQ(HeaderOf(r, "Content-Type"), "text/plain");
  // The header is enough for advanced operators on /$count.
  ServerResponse ne = Graph(
      "GET", "/v1.0/users/$count?$filter=userType ne 'Guest'", "", kEventual);
  EXPECT_EQ(ne.body, "1");
  EXPECT_EQ(Graph("POST", "/v1.0/users/$count", "{}", kEventual).status, 405);
}

TEST_F(AdvancedQueryTest, DeletedAndLaggingUsersAreNotCounted) {
  std::string id = InviteUser("gone@x.com");
  Graph("DELETE", absl::StrCat("/v1.0/users/", id));
  EXPECT_EQ(Graph("GET", "/v1.0/users/$count", "", kEventual).body, "4");
}

TEST(AdvancedQueryParserTest, BuildsTheTree) {
  ODataQuery q;
  auto error = ParseODataQuery(
      {{"$filter",
        "not(mail eq 'a') or mail in ('b','c') and endsWith(mail,'d')"}},
      &q);
  ASSERT_FALSE(error.has_value()) << error->message;
  ASSERT_EQ(q.filter.size(), 1u);
  const FilterClause& root = q.filter[0];
  EXPECT_EQ(root.op, FilterClause::Op::kOr);
  ASSERT_EQ(root.operands.size(), 2u);
  EXPECT_EQ(root.operands[0].op, FilterClause::Op::kNot);
  EXPECT_EQ(root.operands[1].op, FilterClause::Op::kAnd);
  EXPECT_EQ(root.operands[1].operands[0].op, FilterClause::Op::kIn);
  EXPECT_EQ(root.operands[1].operands[0].operands.size(), 2u);
  EXPECT_EQ(root.operands[1].operands[1].op, FilterClause::Op::kEndsWith);
  EXPECT_EQ(root.operands[1].operands[1].text, "d");
}

TEST(AdvancedQueryParserTest, OrderBySearchAndCountOptions) {
  ODataQuery q;
  ASSERT_FALSE(ParseODataQuery({{"$orderby", "displayName desc"},
                                {"$search", " \"displayName:Ann B\" "},
                                {"$count", "TRUE"}},
                               &q)
                   .has_value());
  ASSERT_TRUE(q.orderby.has_value());
  EXPECT_TRUE(q.orderby->descending);
  ASSERT_TRUE(q.search.has_value());
  EXPECT_EQ(q.search->term, "Ann B");
  EXPECT_TRUE(q.count);
  ODataQuery two;
  auto error = ParseODataQuery({{"$orderby", "displayName,mail"}}, &two);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->code, "Request_UnsupportedQuery");
}

TEST(AdvancedQueryParserTest, BoundsAreEnforced) {
  std::string deep = "mail eq 'a'";
  for (int i = 0; i < 20; ++i) deep = absl::StrCat("not(", deep, ")");
  std::string in_list = "mail in ('a'";
  for (int i = 0; i < 20; ++i) in_list += ",'a'";
  in_list += ")";
  std::string many = "mail eq 'a'";
  for (int i = 0; i < 16; ++i) many += " or mail eq 'a'";
  for (const std::string& filter :
       {deep, in_list, many, std::string(5000, ' '),
        absl::StrCat("mail eq '", std::string(600, 'x'), "'")}) {
    ODataQuery q;
    auto error = ParseODataQuery({{"$filter", filter}}, &q);
    ASSERT_TRUE(error.has_value()) << filter.substr(0, 80);
    EXPECT_EQ(error->code, "Request_UnsupportedQuery") << filter.substr(0, 80);
  }
  // Within the caps.
  std::string ok = "mail eq 'a'";
  for (int i = 0; i < 15; ++i) ok += " or mail eq 'a'";
  ODataQuery q;
  EXPECT_FALSE(ParseODataQuery({{"$filter", ok}}, &q).has_value());
}

TEST(AdvancedQueryParserTest, GarbageNeverCrashes) {
  const char* inputs[] = {"(((((",
                          ")))",
                          "not not not",
                          "in",
                          "eq eq eq",
                          "startsWith(",
                          "startsWith(mail,",
                          "endsWith()",
                          "mail in ()",
                          "mail in (,)",
                          "'",
                          "''",
                          ",",
                          "a b c",
                          "mail eq 'a' and",
                          "or mail eq 'a'",
                          "not()",
                          "foo(mail,'a')",
                          "mail eq 'a' xor mail eq 'b'"};
  for (const char* input : inputs) {
    ODataQuery q;
    EXPECT_TRUE(ParseODataQuery({{"$filter", input}}, &q).has_value()) << input;
  }
}

}  // namespace
}  // namespace guestinvitation::emulator::testing
