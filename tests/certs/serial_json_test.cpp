// Serials (typable, checked) and RFC 8785 canonical JSON.
#include <gtest/gtest.h>

#include <set>

#include "certs/canonical_json.hpp"
#include "certs/serial.hpp"
#include "core/common/error.hpp"

namespace jixu::certs {
namespace {

using nlohmann::json;

TEST(Serial, FormatAndRoundTrip) {
  const std::string s = NewSerial(2025);
  ASSERT_EQ(s.size(), std::string("JX-2025-XXXX-XXXX-XXXX").size());
  EXPECT_EQ(s.rfind("JX-2025-", 0), 0u);
  EXPECT_EQ(NormalizeSerial(s), s);
  EXPECT_EQ(SerialYear(s), 2025);
}

TEST(Serial, ReadsWhatPeopleType) {
  const std::string s = SerialFromRandom(2024, "0123456789A");
  std::string typed;
  for (char c : s) {
    if (c == '-') continue;
    typed += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  // o for 0 and l for 1, lower case, no dashes, spaces.
  typed[6] = 'o';
  typed[7] = 'l';
  EXPECT_EQ(NormalizeSerial(typed.substr(0, 9) + " " + typed.substr(9)), s);
}

TEST(Serial, EverySingleCharacterMistakeIsCaught) {
  const std::string s = SerialFromRandom(2025, "7K3MQ9TBW2H");
  const std::string alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  int tried = 0;
  for (size_t i = 3; i < s.size(); ++i) {
    if (s[i] == '-') continue;
    for (char c : (i < 7 ? std::string("0123456789") : alphabet)) {
      if (c == s[i]) continue;
      std::string typo = s;
      typo[i] = c;
      EXPECT_FALSE(NormalizeSerial(typo).has_value()) << typo;
      ++tried;
    }
  }
  EXPECT_GT(tried, 300);
}

TEST(Serial, RandomSerialsDoNotRepeat) {
  std::set<std::string> seen;
  for (int i = 0; i < 5000; ++i) EXPECT_TRUE(seen.insert(NewSerial(2025)).second);
}

TEST(CanonicalJson, SortsByUtf16AndDropsWhitespace) {
  // RFC 8785 §3.2.3's sorting example.
  const json v = json::parse(R"({"\u20ac":"Euro Sign","\r":"Carriage Return",
      "\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One","\ud83d\ude00":"Emoji: Grinning Face",
      "\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis"})");
  const std::string c = CanonicalJson(v);
  const std::vector<std::string> order = {"\\r", "\"1\"", "\u0080", "\u00f6", "\u20ac",
                                          "\U0001F600", "\ufb33"};
  size_t last = 0;
  for (const auto& k : order) {
    const auto at = c.find(k);
    ASSERT_NE(at, std::string::npos) << k;
    EXPECT_GE(at, last) << k;
    last = at;
  }
  EXPECT_EQ(c.rfind("{\"\\r\":\"Carriage Return\",\"1\":\"One\",", 0), 0u) << c;
  EXPECT_EQ(c.find("\": "), std::string::npos);
  EXPECT_EQ(c.find(", \""), std::string::npos);
}

TEST(CanonicalJson, NumbersStringsAndNesting) {
  EXPECT_EQ(CanonicalJson(json::parse(R"({"b":[4.50,2e-3,0.25,72.0,-0.0],"a":{"z":1,"y":"\u0007é"}})")),
            "{\"a\":{\"y\":\"\\u0007é\",\"z\":1},\"b\":[4.5,0.002,0.25,72,0]}");
  EXPECT_EQ(CanonicalJson(json::parse("333333333.33333329")), "333333333.3333333");
  EXPECT_THROW(CanonicalJson(json::parse("1e30")), Fault);
  EXPECT_THROW(CanonicalJson(json::parse("9007199254740993")), Fault);
  EXPECT_EQ(CanonicalJson(json::parse(R"("a\"b\\c\n")")), R"("a\"b\\c\n")");
}

}  // namespace
}  // namespace jixu::certs
