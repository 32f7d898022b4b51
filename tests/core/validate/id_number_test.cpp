#include "core/validate/id_number.hpp"

#include <gtest/gtest.h>

namespace jixu::validate {
namespace {

TEST(IdNumberCheckChar, MatchesPublishedExamples) {
  // 11010519491231002X is the example printed in GB 11643-1999. By hand:
  // 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167, 167 mod 11 = 2, "10X98765432"[2] = 'X'.
  EXPECT_EQ(IdNumberCheckChar("11010519491231002"), 'X');
  // 35+9+0+5+0+16+2+9+48+0+0+9+0+5+0+0+2 = 140, 140 mod 11 = 8 -> '4'.
  EXPECT_EQ(IdNumberCheckChar("51010419800101001"), '4');
  EXPECT_EQ(IdNumberCheckChar("11010520000229001"), '3');
}

TEST(IdNumberCheckChar, RejectsMalformedInput) {
  EXPECT_EQ(IdNumberCheckChar(""), '\0');
  EXPECT_EQ(IdNumberCheckChar("1101051949123100"), '\0');    // 16 digits
  EXPECT_EQ(IdNumberCheckChar("110105194912310021"), '\0');  // 18 digits
  EXPECT_EQ(IdNumberCheckChar("1101051949123100A"), '\0');
}

TEST(ValidateIdNumber, AcceptsPublishedExampleAndExtractsFields) {
  const auto r = ValidateIdNumber("11010519491231002X");
  ASSERT_TRUE(r.ok()) << r.error().message_en;
  EXPECT_EQ(r.value().normalized, "11010519491231002X");
  EXPECT_EQ(r.value().region_code, "110105");
  EXPECT_EQ(r.value().birth_date, *Date::FromYmd(1949, 12, 31));
  EXPECT_FALSE(r.value().male);  // 17th digit 2 is even
}

TEST(ValidateIdNumber, NormalizesLowerCaseX) {
  const auto r = ValidateIdNumber("11010519491231002x");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().normalized, "11010519491231002X");
}

TEST(ValidateIdNumber, OddSequenceIsMale) {
  const auto r = ValidateIdNumber("510104198001010014");
  ASSERT_TRUE(r.ok()) << r.error().message_en;
  EXPECT_TRUE(r.value().male);
  EXPECT_EQ(r.value().birth_date.ToString(), "1980-01-01");
}

TEST(ValidateIdNumber, AcceptsLeapDays) {
  const auto a = ValidateIdNumber("110105200002290013");  // 2000 is a leap year (div by 400)
  ASSERT_TRUE(a.ok()) << a.error().message_en;
  EXPECT_EQ(a.value().birth_date.ToString(), "2000-02-29");
  EXPECT_TRUE(ValidateIdNumber("510104200402291232").ok());
}

TEST(ValidateIdNumber, RejectsFebruary29OfCommonYears) {
  // Both carry a correct check char, so only the date can be at fault.
  for (const char* id : {"110105190002290017" /* 1900: div by 100 */,
                         "110105202302290014" /* 2023 */}) {
    const auto r = ValidateIdNumber(id);
    ASSERT_FALSE(r.ok()) << id;
    EXPECT_EQ(r.error().code, kIdNumberBirthDateError) << id;
  }
}

TEST(ValidateIdNumber, RejectsBirthYearsOutsideTheSaneRange) {
  EXPECT_EQ(ValidateIdNumber("110105189912310015").error().code, kIdNumberBirthDateError);
  EXPECT_EQ(ValidateIdNumber("110105210101010012").error().code, kIdNumberBirthDateError);
  EXPECT_TRUE(ValidateIdNumber("110105210001010015").ok());  // 2100 is the documented limit
}

TEST(ValidateIdNumber, RejectsImpossibleDates) {
  // Month 13 / day 32; check chars made right so the date is the only fault.
  for (std::string first17 : {"11010519801301001", "11010519800132001", "11010519800001001"}) {
    const std::string id = first17 + IdNumberCheckChar(first17);
    EXPECT_EQ(ValidateIdNumber(id).error().code, kIdNumberBirthDateError) << id;
  }
}

TEST(ValidateIdNumber, RejectsBirthAfterGivenLatestDate) {
  const Date today = *Date::FromYmd(2025, 6, 14);
  const auto r = ValidateIdNumber("110105202506150013", today);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kIdNumberBirthDateError);
  EXPECT_NE(r.error().message_en.find("future"), std::string::npos);
  EXPECT_TRUE(ValidateIdNumber("110105202506150013", today.AddDays(1)).ok());
  EXPECT_TRUE(ValidateIdNumber("110105202506150013").ok());  // without a bound: sanity range only
}

TEST(ValidateIdNumber, WrongLength) {
  for (const char* id : {"", "11010519491231002", "11010519491231002X1"}) {
    const auto r = ValidateIdNumber(id);
    ASSERT_FALSE(r.ok()) << id;
    EXPECT_EQ(r.error().code, kIdNumberLengthError);
    EXPECT_EQ(r.error().field, "id_number");
  }
  const auto old = ValidateIdNumber("110105491231002");
  EXPECT_EQ(old.error().code, kIdNumberLengthError);
  EXPECT_NE(old.error().message_zh.find("15位旧号码"), std::string::npos);
  EXPECT_NE(old.error().message_en.find("got 15"), std::string::npos);
}

TEST(ValidateIdNumber, BadCharactersNamePosition) {
  const auto r = ValidateIdNumber("1101051949123100AX");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kIdNumberCharsError);
  EXPECT_EQ(r.error().field, "id_number");
  EXPECT_NE(r.error().message_en.find("position 17"), std::string::npos);
  EXPECT_NE(r.error().message_zh.find("第17位"), std::string::npos);
  // X is allowed only last.
  EXPECT_EQ(ValidateIdNumber("X1010519491231002X").error().code, kIdNumberCharsError);
  EXPECT_EQ(ValidateIdNumber("11010519491231002Y").error().code, kIdNumberCharsError);
  EXPECT_EQ(ValidateIdNumber("11010519491231002 ").error().code, kIdNumberCharsError);
}

TEST(ValidateIdNumber, FullWidthDigitsAreBadCharactersNotBadLength) {
  // "１" (U+FF11) is 3 bytes; 18 code points in total.
  const auto r = ValidateIdNumber("\xEF\xBC\x91" "1010519491231002X");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kIdNumberCharsError);
  EXPECT_NE(r.error().message_en.find("position 1 "), std::string::npos);
}

TEST(ValidateIdNumber, AStrayUtf8ContinuationByteIsABadCharacter) {
  // Found by tests/fuzz/validators: 19 bytes that count as 18 code points passed as the valid
  // 11010519491231002X, so the same person could be registered twice.
  const auto r = ValidateIdNumber("11010519491231002\xB5X");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kIdNumberCharsError);
  EXPECT_NE(r.error().message_en.find("position 17"), std::string::npos) << r.error().message_en;
  EXPECT_EQ(ValidateIdNumber("\x80" "11010519491231002X").error().code, kIdNumberCharsError);
  EXPECT_EQ(ValidateIdNumber("\x80" "1010519491231002X").error().code, kIdNumberLengthError);
}

TEST(ValidateIdNumber, BadCheckCharacterTellsTheExpectedOne) {
  const auto r = ValidateIdNumber("110105194912310021");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kIdNumberCheckError);
  EXPECT_EQ(r.error().message_zh, "身份证号码校验位错误：应为X");
  EXPECT_EQ(r.error().message_en, "id_number: check character is wrong (expected X)");
  // Swapping two adjacent sequence digits is caught (MOD 11-2 catches every transposition).
  EXPECT_EQ(ValidateIdNumber("11010519491231020X").error().code, kIdNumberCheckError);
}

TEST(ValidateIdNumber, EverySingleDigitChangeIsCaught) {
  const std::string valid = "510104198001010014";
  for (size_t i = 0; i < valid.size(); ++i) {
    for (char c = '0'; c <= '9'; ++c) {
      if (c == valid[i]) continue;
      std::string changed = valid;
      changed[i] = c;
      EXPECT_FALSE(ValidateIdNumber(changed).ok()) << changed;
    }
  }
}

TEST(ValidateIdNumber, UnknownProvincePrefix) {
  const auto r = ValidateIdNumber("99010519800101001X");  // check char is right for the digits
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kIdNumberRegionError);
  EXPECT_EQ(ValidateIdNumber("000000198001010010").error().code, kIdNumberRegionError);
}

TEST(ValidateIdNumber, AcceptsAbolishedCountyCodes) {
  // 110103 was Beijing's 崇文区, merged into 东城区 in 2010; its people keep their numbers.
  EXPECT_TRUE(ValidateIdNumber("110103198001010013").ok());
  // Hong Kong prefix 81 is a valid province code.
  EXPECT_TRUE(ValidateIdNumber("810000199001010019").ok());
}

TEST(ValidateIdNumber, ErrorsNeverEchoTheNumber) {
  for (const char* id : {"110105194912310021", "110105202302290014", "99010519800101001X",
                         "1101051949123100AX"}) {
    const auto r = ValidateIdNumber(id);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message_zh.find(id), std::string::npos);
    EXPECT_EQ(r.error().message_en.find(id), std::string::npos);
    EXPECT_EQ(r.error().message_en.find("19491231"), std::string::npos);
  }
}

TEST(MaskIdNumber, KeepsFirstSixAndLastFour) {
  EXPECT_EQ(MaskIdNumber("110105194912311234"), "110105********1234");
  EXPECT_EQ(MaskIdNumber("11010519491231002X"), "110105********002X");
  EXPECT_EQ(MaskIdNumber("11010519491231002x"), "110105********002X");
}

TEST(MaskIdNumber, MalformedInputIsFullyMasked) {
  for (const char* bad : {"110105491231002", "11010519491231002X1", "张三",
                          "1101051949123100AX", "110105 19491231002"}) {
    const std::string masked = MaskIdNumber(bad);
    EXPECT_EQ(masked, std::string(18, '*')) << bad;
    EXPECT_NE(masked, bad);
  }
  EXPECT_EQ(MaskIdNumber(""), "");
}

}  // namespace
}  // namespace jixu::validate
