#include "server/service/field_rules.h"

#include <string>

#include "gtest/gtest.h"

namespace guestinvitation {
namespace {

TEST(CheckEmailTest, AcceptsOrdinaryAndGraphAllowedAddresses) {
  for (const char* ok : {"bob@contoso.com", "first.last@sub.contoso.co.uk",
                         "o'brien@contoso.com", "a_b@contoso.com", "_x_@c.io",
                         "a-b@contoso-corp.com", "B@CONTOSO.COM"}) {
    EXPECT_EQ(CheckEmail(ok), std::nullopt) << ok;
  }
}

TEST(CheckEmailTest, RejectsEveryCharacterGraphForbids) {
  for (char c : std::string("~!#$%^&*()+=[]{}\\/|;:\"<>?,")) {
    std::string email = std::string("bo") + c + "b@contoso.com";
    EXPECT_NE(CheckEmail(email), std::nullopt) << email;
  }
}

TEST(CheckEmailTest, RejectsDotOrDashAtEdgesOfLocalPart) {
  for (const char* bad : {".bob@contoso.com", "bob.@contoso.com",
                          "-bob@contoso.com", "bob-@contoso.com",
                          "b..ob@contoso.com"}) {
    EXPECT_NE(CheckEmail(bad), std::nullopt) << bad;
  }
}

TEST(CheckEmailTest, RejectsStructuralProblems) {
  for (const char* bad : {"", "bob", "@contoso.com", "bob@", "bob@contoso",
                          "bob@@contoso.com", "a@b@contoso.com",
                          "bob @contoso.com", "bob@contoso..com",
                          "bob@-contoso.com", "bob@contoso_x.com",
                          "b\xc3\xb6@contoso.com", "bob\n@contoso.com"}) {
    EXPECT_NE(CheckEmail(bad), std::nullopt) << bad;
  }
}

TEST(CheckEmailTest, EnforcesLengthLimits) {
  std::string local(64, 'a');
  EXPECT_EQ(CheckEmail(local + "@contoso.com"), std::nullopt);
  EXPECT_NE(CheckEmail(local + "a@contoso.com"), std::nullopt);
  std::string domain;
  while (domain.size() < 250) domain += "abcdefghi.";
  EXPECT_NE(CheckEmail("a@" + domain + "com"), std::nullopt);
}

TEST(CheckRedirectUrlTest, HttpsOnlyExceptLoopback) {
  EXPECT_EQ(CheckRedirectUrl("https://myapp.fabrikam.com"), std::nullopt);
  EXPECT_EQ(CheckRedirectUrl("https://myapps.microsoft.com?tenantId=x"), std::nullopt);
  EXPECT_EQ(CheckRedirectUrl("http://localhost:8080/cb"), std::nullopt);
  EXPECT_EQ(CheckRedirectUrl("http://127.0.0.1/cb"), std::nullopt);
  EXPECT_EQ(CheckRedirectUrl("http://[::1]:80/"), std::nullopt);
  EXPECT_NE(CheckRedirectUrl("http://myapp.fabrikam.com"), std::nullopt);
  EXPECT_NE(CheckRedirectUrl("http://localhost.evil.com"), std::nullopt);
}

TEST(CheckRedirectUrlTest, RejectsRelativeUserInfoAndJunk) {
  for (const char* bad :
       {"", "/relative", "myapp.fabrikam.com", "javascript:alert(1)",
        "ftp://x.com", "https://", "https://user:pw@fabrikam.com/",
        "https://fabrikam.com/a b", "https://fabrikam.com/\r\nX: y"}) {
    EXPECT_NE(CheckRedirectUrl(bad), std::nullopt) << bad;
  }
  EXPECT_NE(CheckRedirectUrl("https://x.com/" + std::string(2100, 'a')),
            std::nullopt);
}

TEST(IsGuidTest, AcceptsOnlyCanonicalForm) {
  EXPECT_TRUE(IsGuid("cbb896f9-8306-49d0-b56b-b8e39cd28825"));
  EXPECT_TRUE(IsGuid("CBB896F9-8306-49D0-B56B-B8E39CD28825"));
  EXPECT_FALSE(IsGuid("cbb896f9830649d0b56bb8e39cd28825"));
  EXPECT_FALSE(IsGuid("{cbb896f9-8306-49d0-b56b-b8e39cd28825}"));
  EXPECT_FALSE(IsGuid("gbb896f9-8306-49d0-b56b-b8e39cd28825"));
  EXPECT_FALSE(IsGuid(""));
}

TEST(CheckTextTest, BoundsAndControlCharacters) {
  EXPECT_EQ(CheckText("Bob Smith", 256, false), std::nullopt);
  EXPECT_NE(CheckText(std::string(257, 'a'), 256, false), std::nullopt);
  EXPECT_NE(CheckText("Bob\nSmith", 256, false), std::nullopt);
  EXPECT_EQ(CheckText("Hello\nBob", 256, true), std::nullopt);
  EXPECT_NE(CheckText(std::string("a\0b", 3), 256, true), std::nullopt);
}

TEST(CheckLanguageTagTest, Iso639Tags) {
  EXPECT_EQ(CheckLanguageTag("en"), std::nullopt);
  EXPECT_EQ(CheckLanguageTag("en-US"), std::nullopt);
  EXPECT_EQ(CheckLanguageTag("zh-Hant-TW"), std::nullopt);
  EXPECT_NE(CheckLanguageTag("e"), std::nullopt);
  EXPECT_NE(CheckLanguageTag("english"), std::nullopt);
  EXPECT_NE(CheckLanguageTag("en_US"), std::nullopt);
  EXPECT_NE(CheckLanguageTag("en-"), std::nullopt);
}

}  // namespace
}  // namespace guestinvitation
