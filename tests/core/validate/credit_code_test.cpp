#include "core/validate/credit_code.hpp"

#include <gtest/gtest.h>

namespace jixu::validate {
namespace {

// Real codes of well-known companies, each checked by hand or by a separate script; a random
// 18-char string passes both checks with probability 1/341, so passing is meaningful.
constexpr const char* kRealCodes[] = {
    "91350100M000100Y43",  // the worked example in GB 32100-2015
    "914403001922038216",  // 华为技术有限公司
    "9144030071526726XG",  // 深圳市腾讯计算机系统有限公司 (organisation check 'X')
    "91110108551385082Q",  // 小米科技有限责任公司
    "91310000MA1FL1MMXL",  // a Shanghai "MA" code, letters in the organisation body
};

TEST(CreditCode, AcceptsRealCodes) {
  for (const char* code : kRealCodes) {
    const auto r = ValidateCreditCode(code);
    ASSERT_TRUE(r.ok()) << code << ": " << r.error().message_en;
    EXPECT_EQ(r.value(), code);
  }
}

TEST(CreditCode, CheckCharsOfTheStandardExampleByHand) {
  // Organisation body M000100Y: M=22, Y=34 (letter - 55):
  // 22*3 + 1*5 + 34*2 = 139, 139 mod 11 = 7, 11 - 7 = 4.
  EXPECT_EQ(OrganizationCodeCheckChar("M000100Y"), '4');
  // Alphabet values (M=21, Y=30 in the 31-char alphabet):
  // 9*1+1*3+3*9+5*27+1*26+21*20+1*8+30*30+4*28 = 1640, 1640 mod 31 = 28, 31 - 28 = 3.
  EXPECT_EQ(CreditCodeCheckChar("91350100M000100Y4"), '3');
}

TEST(CreditCode, OrganizationCheckMapsTenToXAndElevenToZero) {
  EXPECT_EQ(OrganizationCodeCheckChar("71526726"), 'X');  // from 腾讯's code
  // 1*3 = 3, 3 mod 11 = 3 -> 8; 00000000 -> sum 0 -> 11 -> '0'.
  EXPECT_EQ(OrganizationCodeCheckChar("10000000"), '8');
  EXPECT_EQ(OrganizationCodeCheckChar("00000000"), '0');
  EXPECT_EQ(OrganizationCodeCheckChar("1000000"), '\0');
  EXPECT_EQ(OrganizationCodeCheckChar("1000000a"), '\0');
}

TEST(CreditCode, CheckCharRejectsMalformedInput) {
  EXPECT_EQ(CreditCodeCheckChar("91350100M000100Y"), '\0');   // 16
  EXPECT_EQ(CreditCodeCheckChar("91350100M000100I4"), '\0');  // I is not in the alphabet
  EXPECT_EQ(CreditCodeCheckChar("91350100m000100Y4"), '\0');  // callers upper-case first
}

TEST(CreditCode, UpperCasesInput) {
  const auto r = ValidateCreditCode("91350100m000100y43");
  ASSERT_TRUE(r.ok()) << r.error().message_en;
  EXPECT_EQ(r.value(), "91350100M000100Y43");
}

TEST(CreditCode, FrequentlyQuotedExampleFailsBothChecks) {
  // 911100001000013823 circulates as a "valid" example; it is not: the organisation code
  // 10000138 needs check 5 (3+8+12+16 = 39, 11 - 39 mod 11 = 5), not 2.
  const auto r = ValidateCreditCode("911100001000013823");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kCreditCodeOrgCheckError);
  EXPECT_NE(r.error().message_en.find("expected 5"), std::string::npos);
  // With the organisation check fixed, the overall check (R) is still wrong.
  const auto r2 = ValidateCreditCode("911100001000013853");
  EXPECT_EQ(r2.error().code, kCreditCodeCheckError);
  EXPECT_EQ(CreditCodeCheckChar("91110000100001385"), 'R');
}

TEST(CreditCode, WrongLength) {
  for (const char* bad : {"", "91350100M000100Y4", "91350100M000100Y433"}) {
    const auto r = ValidateCreditCode(bad, "employer_code");
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, kCreditCodeLengthError);
    EXPECT_EQ(r.error().field, "employer_code");
    EXPECT_NE(r.error().message_en.find("employer_code:"), std::string::npos);
    EXPECT_NE(r.error().message_zh.find("employer_code"), std::string::npos);
  }
}

TEST(CreditCode, BadCharactersNamePosition) {
  // I, O, Z, S, V are excluded because they look like 1, 0, 2, 5, U.
  for (char c : {'I', 'O', 'Z', 'S', 'V', '-', ' '}) {
    std::string code = "91350100M000100Y43";
    code[10] = c;
    const auto r = ValidateCreditCode(code);
    ASSERT_FALSE(r.ok()) << code;
    EXPECT_EQ(r.error().code, kCreditCodeCharsError) << code;
    EXPECT_NE(r.error().message_en.find("position 11"), std::string::npos) << code;
  }
}

TEST(CreditCode, RegistrationAuthority) {
  // Swap the first char and recompute both checks so only the authority can be wrong.
  auto with_authority = [](char a) {
    std::string code = std::string(1, a) + "1350100M000100Y4";
    return code + CreditCodeCheckChar(code);
  };
  for (char ok : {'1', '5', '9', 'A', 'G', 'Y'}) {
    EXPECT_TRUE(ValidateCreditCode(with_authority(ok)).ok()) << ok;
  }
  for (char bad : {'0', 'H', 'X'}) {
    const auto r = ValidateCreditCode(with_authority(bad));
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, kCreditCodeAuthorityError) << bad;
  }
}

TEST(CreditCode, RegionMustBeSixDigits) {
  std::string code = "9135A100M000100Y4";
  code += CreditCodeCheckChar(code);
  const auto r = ValidateCreditCode(code);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kCreditCodeRegionError);
}

TEST(CreditCode, BadOrganizationCheck) {
  std::string code = "91350100M000100Y5";  // organisation check should be 4
  code += CreditCodeCheckChar(code);         // overall check made right
  const auto r = ValidateCreditCode(code);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kCreditCodeOrgCheckError);
  EXPECT_NE(r.error().message_zh.find("应为4"), std::string::npos);
}

TEST(CreditCode, BadOverallCheck) {
  const auto r = ValidateCreditCode("91350100M000100Y44", "code");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kCreditCodeCheckError);
  EXPECT_EQ(r.error().field, "code");
  EXPECT_EQ(r.error().message_en, "code: check character is wrong (expected 3)");
  EXPECT_EQ(r.error().message_zh, "统一社会信用代码（code）校验位错误：应为3");
}

TEST(CreditCode, EverySingleCharacterChangeIsCaught) {
  for (const char* code : kRealCodes) {
    for (size_t i = 0; i < 18; ++i) {
      for (char c : kCreditCodeAlphabet) {
        if (c == code[i]) continue;
        std::string changed = code;
        changed[i] = c;
        EXPECT_FALSE(ValidateCreditCode(changed).ok()) << changed;
      }
    }
  }
}

}  // namespace
}  // namespace jixu::validate
