#pragma once
// Resident identity numbers (GB 11643-1999): 6-digit region code, 8-digit birth date, 3-digit
// sequence (odd = male), and a check character by ISO 7064 MOD 11-2. Sensitive personal data
// (PIPL): shown masked everywhere except to those who need the full number.
#include <string>
#include <string_view>

#include "core/common/date.hpp"
#include "core/common/error.hpp"

namespace jixu::validate {

struct IdNumberInfo {
  std::string normalized;   ///< 18 chars, a trailing 'x' upper-cased
  std::string region_code;  ///< first 6 digits (the region of first registration)
  Date birth_date;
  bool male = false;
};

/// Checks length, digits, birth date (a real date, not in the future of `latest_birth` if given)
/// and the check character. Errors name the field "id_number" with a bilingual message.
Result<IdNumberInfo> ValidateIdNumber(std::string_view text);

/// The ISO 7064 MOD 11-2 check character ('0'-'9' or 'X') of the first 17 digits.
char IdNumberCheckChar(std::string_view first17);

/// 110105********1234: the first 6 and last 4 characters kept, the rest masked.
std::string MaskIdNumber(std::string_view id_number);

}  // namespace jixu::validate
