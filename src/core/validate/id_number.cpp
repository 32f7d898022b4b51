#include "core/validate/id_number.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include "core/validate/region.hpp"

namespace jixu::validate {
namespace {

constexpr size_t kLength = 18;
constexpr std::string_view kField = "id_number";
// ISO 7064 MOD 11-2 as written in GB 11643: weight i = 2^(17-i) mod 11.
constexpr std::array<int, 17> kWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::string_view kCheckChars = "10X98765432";

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Length in code points, so a number typed with full-width digits reports 18, not 54, and the
// user is then told about the characters instead of a puzzling length.
size_t CodePointCount(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// 1-based code-point position of the first character that is not allowed at its place.
std::optional<size_t> FirstBadChar(std::string_view s) {
  size_t pos = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    // A continuation byte reached here follows an ASCII byte or nothing (a lead byte returns
    // below): stray, and not counted by CodePointCount, so "…002\xB5X" once passed as 18
    // characters and was stored with the stray byte (a second person for the same number).
    if ((c & 0xC0) == 0x80) return std::max<size_t>(pos, 1);
    ++pos;
    const bool last = pos == kLength;
    if (c >= 0x80 || !(IsDigit(static_cast<char>(c)) || (last && (c == 'X' || c == 'x')))) {
      return pos;
    }
  }
  return std::nullopt;
}

int Digits(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

Error LengthError(size_t actual) {
  std::string zh = "身份证号码应为18位，实际为" + std::to_string(actual) + "位";
  std::string en = "id_number: must be 18 characters, got " + std::to_string(actual);
  if (actual == 15) {
    // The 15-digit numbers issued before 1999 are no longer valid identity documents.
    zh += "（15位旧号码请使用换发后的18位号码）";
    en += " (15-digit old numbers are not accepted; use the 18-digit number)";
  }
  return MakeError(kIdNumberLengthError, std::string(kField), zh, en);
}

Result<IdNumberInfo> Validate(std::string_view text, std::optional<Date> latest_birth) {
  const size_t length = CodePointCount(text);
  if (length != kLength) return LengthError(length);
  if (auto bad = FirstBadChar(text)) {
    const std::string pos = std::to_string(*bad);
    return MakeError(kIdNumberCharsError, std::string(kField),
                     "身份证号码第" + pos + "位字符无效：前17位应为数字，最后一位为数字或X",
                     "id_number: invalid character at position " + pos +
                         " (first 17 must be digits, the last a digit or X)");
  }
  // From here the text is 18 ASCII bytes.
  std::string normalized(text);
  if (normalized.back() == 'x') normalized.back() = 'X';

  if (!IsProvincePrefix(std::string_view(normalized).substr(0, 2))) {
    return MakeError(kIdNumberRegionError, std::string(kField),
                     "身份证号码前6位地址码无效：前两位" + normalized.substr(0, 2) +
                         "不是有效的省级代码",
                     "id_number: region code is invalid (" + normalized.substr(0, 2) +
                         " is not a province code)");
  }

  const int year = Digits(std::string_view(normalized).substr(6, 4));
  const int month = Digits(std::string_view(normalized).substr(10, 2));
  const int day = Digits(std::string_view(normalized).substr(12, 2));
  std::optional<Date> birth;
  if (year >= kIdNumberMinBirthYear && year <= kIdNumberMaxBirthYear) {
    birth = Date::FromYmd(year, month, day);
  }
  if (!birth) {
    return MakeError(kIdNumberBirthDateError, std::string(kField),
                     "身份证号码中的出生日期（第7-14位）不是有效日期",
                     "id_number: birth date (positions 7-14) is not a valid date between " +
                         std::to_string(kIdNumberMinBirthYear) + " and " +
                         std::to_string(kIdNumberMaxBirthYear));
  }
  if (latest_birth && *birth > *latest_birth) {
    return MakeError(kIdNumberBirthDateError, std::string(kField),
                     "身份证号码中的出生日期晚于今天",
                     "id_number: birth date (positions 7-14) is in the future");
  }

  const char expected = IdNumberCheckChar(std::string_view(normalized).substr(0, 17));
  if (normalized.back() != expected) {
    return MakeError(kIdNumberCheckError, std::string(kField),
                     std::string("身份证号码校验位错误：应为") + expected,
                     std::string("id_number: check character is wrong (expected ") + expected +
                         ")");
  }

  IdNumberInfo info;
  info.region_code = normalized.substr(0, 6);
  info.birth_date = *birth;
  info.male = (normalized[16] - '0') % 2 == 1;  // 17th digit: odd for men, even for women
  info.normalized = std::move(normalized);
  return info;
}

}  // namespace

Result<IdNumberInfo> ValidateIdNumber(std::string_view text) {
  return Validate(text, std::nullopt);
}

Result<IdNumberInfo> ValidateIdNumber(std::string_view text, Date latest_birth) {
  return Validate(text, latest_birth);
}

char IdNumberCheckChar(std::string_view first17) {
  if (first17.size() != kWeights.size()) return '\0';
  int sum = 0;
  for (size_t i = 0; i < kWeights.size(); ++i) {
    if (!IsDigit(first17[i])) return '\0';
    sum += (first17[i] - '0') * kWeights[i];
  }
  return kCheckChars[static_cast<size_t>(sum % 11)];
}

std::string MaskIdNumber(std::string_view id_number) {
  if (id_number.empty()) return {};
  bool shaped = id_number.size() == kLength;
  for (size_t i = 0; shaped && i < id_number.size(); ++i) {
    const char c = id_number[i];
    shaped = IsDigit(c) || c == 'X' || c == 'x';
  }
  if (!shaped) return std::string(kLength, '*');
  std::string masked(id_number.substr(0, 6));
  masked.append(8, '*');
  masked.append(id_number.substr(14));
  if (masked.back() == 'x') masked.back() = 'X';
  return masked;
}

}  // namespace jixu::validate
