// Search terms of the catalogue and ISBN checking.
#include <gtest/gtest.h>

#include "core/market/catalogue.hpp"

namespace jixu::market {
namespace {

using V = std::vector<std::string>;

TEST(SearchTerms, ChineseIsCutIntoBigramsAsciiIntoWords) {
  EXPECT_EQ(SearchTerms("急诊急救"), (V{"急救", "急诊", "诊急"}));
  EXPECT_EQ(SearchTerms("AI 在工程中"), (V{"ai", "在工", "工程", "程中"}));
  const V t = SearchTerms("BIM技术（2026版）：Revit入门");
  for (const char* want : {"bim", "技术", "2026", "版", "revit", "入门"}) {
    EXPECT_NE(std::find(t.begin(), t.end(), want), t.end()) << want;
  }
  EXPECT_EQ(std::find(t.begin(), t.end(), "术（"), t.end()) << "punctuation separates runs";
  EXPECT_TRUE(SearchTerms(" ，。!? ").empty());
  EXPECT_EQ(SearchTerms("护理"), (V{"护理"})) << "a two-character query is one term";
  EXPECT_EQ(SearchTerms("护"), (V{"护"}));
}

TEST(SearchTerms, AQueryMatchesTheTextsItIsPartOf) {
  const V doc = SearchTerms("急诊急救新进展与临床实践");
  for (const char* q : {"急救", "新进展", "临床实践", "急诊急救"}) {
    for (const auto& term : SearchTerms(q)) {
      EXPECT_TRUE(std::binary_search(doc.begin(), doc.end(), term)) << q << ": " << term;
    }
  }
  bool all = true;
  for (const auto& term : SearchTerms("急救护理")) all = all && std::binary_search(doc.begin(), doc.end(), term);
  EXPECT_FALSE(all) << "护理 is not in the text";
}

TEST(Isbn, ThirteenAndTenDigits) {
  auto ok = ValidateIsbn("978-7-117-26543-0");
  ASSERT_TRUE(ok.ok()) << ok.error().message_en;
  EXPECT_EQ(ok.value(), "9787117265430");
  auto ten = ValidateIsbn("7-302-02368-9");
  ASSERT_TRUE(ten.ok()) << ten.error().message_en;
  EXPECT_EQ(ten.value(), "9787302023685");
  EXPECT_FALSE(ValidateIsbn("978-7-117-26543-3").ok()) << "check digit";
  EXPECT_FALSE(ValidateIsbn("977-7-117-26543-0").ok()) << "prefix";
  EXPECT_FALSE(ValidateIsbn("12345").ok());
  auto e = ValidateIsbn("abc", "isbn");
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().field, "isbn");
  EXPECT_EQ(e.error().code, "invalid_isbn");
}

}  // namespace
}  // namespace jixu::market
