#include "core/validate/credit_code.hpp"

#include <array>
#include <optional>

namespace jixu::validate {
namespace {

constexpr size_t kLength = 18;
// GB 32100: weight i = 3^i mod 31.
constexpr std::array<int, 17> kWeights = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                          29, 25, 13, 8,  24, 10, 30, 28};
// GB 11714 organisation code weights for the 8 body characters.
constexpr std::array<int, 8> kOrgWeights = {3, 7, 9, 10, 5, 8, 4, 2};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::optional<int> AlphabetValue(char c) {
  const size_t pos = kCreditCodeAlphabet.find(c);
  if (pos == std::string_view::npos) return std::nullopt;
  return static_cast<int>(pos);
}

char ToUpper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

size_t CodePointCount(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool IsAuthority(char c) {
  return (c >= '1' && c <= '9') || (c >= 'A' && c <= 'G') || c == 'Y';
}

}  // namespace

char CreditCodeCheckChar(std::string_view first17) {
  if (first17.size() != kWeights.size()) return '\0';
  int sum = 0;
  for (size_t i = 0; i < kWeights.size(); ++i) {
    const auto v = AlphabetValue(first17[i]);
    if (!v) return '\0';
    sum += *v * kWeights[i];
  }
  return kCreditCodeAlphabet[static_cast<size_t>((31 - sum % 31) % 31)];
}

char OrganizationCodeCheckChar(std::string_view first8) {
  if (first8.size() != kOrgWeights.size()) return '\0';
  int sum = 0;
  for (size_t i = 0; i < kOrgWeights.size(); ++i) {
    const char c = first8[i];
    int v;
    if (IsDigit(c)) {
      v = c - '0';
    } else if (c >= 'A' && c <= 'Z') {
      v = c - 'A' + 10;  // GB 11714: A=10 … Z=35 (the "letter - 55" of the standard)
    } else {
      return '\0';
    }
    sum += v * kOrgWeights[i];
  }
  const int check = 11 - sum % 11;
  if (check == 10) return 'X';
  if (check == 11) return '0';
  return static_cast<char>('0' + check);
}

Result<std::string> ValidateCreditCode(std::string_view text, std::string_view field_view) {
  const std::string field(field_view);
  const size_t length = CodePointCount(text);
  if (length != kLength) {
    return MakeError(kCreditCodeLengthError, field,
                     "统一社会信用代码（" + field + "）应为18位，实际为" +
                         std::to_string(length) + "位",
                     field + ": a unified social credit code has 18 characters, got " +
                         std::to_string(length));
  }
  std::string code;
  code.reserve(kLength);
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = ToUpper(text[i]);
    if (!AlphabetValue(c)) {
      // Non-ASCII bytes make the byte count exceed 18 while the code-point count is 18.
      const std::string pos = std::to_string(CodePointCount(text.substr(0, i)) + 1);
      return MakeError(kCreditCodeCharsError, field,
                       "统一社会信用代码（" + field + "）第" + pos +
                           "位字符无效：只能是数字或除I、O、Z、S、V外的大写字母",
                       field + ": invalid character at position " + pos +
                           " (only digits and letters other than I, O, Z, S, V)");
    }
    code.push_back(c);
  }
  if (!IsAuthority(code[0])) {
    return MakeError(kCreditCodeAuthorityError, field,
                     "统一社会信用代码（" + field + "）第1位登记管理部门代码无效：" + code[0],
                     field + ": registration authority (first character) " + code[0] +
                         " is not valid");
  }
  for (size_t i = 2; i < 8; ++i) {
    if (!IsDigit(code[i])) {
      return MakeError(kCreditCodeRegionError, field,
                       "统一社会信用代码（" + field + "）第3-8位行政区划码应为6位数字",
                       field + ": characters 3-8 (region code) must be 6 digits");
    }
  }
  const char org_expected = OrganizationCodeCheckChar(std::string_view(code).substr(8, 8));
  if (code[16] != org_expected) {
    return MakeError(kCreditCodeOrgCheckError, field,
                     "统一社会信用代码（" + field + "）第9-17位组织机构代码校验位错误：应为" +
                         org_expected,
                     field + ": organisation code (characters 9-17) check character is wrong "
                             "(expected " + org_expected + ")");
  }
  const char expected = CreditCodeCheckChar(std::string_view(code).substr(0, 17));
  if (code[17] != expected) {
    return MakeError(kCreditCodeCheckError, field,
                     "统一社会信用代码（" + field + "）校验位错误：应为" + expected,
                     field + ": check character is wrong (expected " + expected + ")");
  }
  return code;
}

}  // namespace jixu::validate
