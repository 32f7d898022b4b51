#pragma once
// Resident identity numbers (GB 11643-1999): 6-digit region code, 8-digit birth date, 3-digit
// sequence (odd = male), and a check character by ISO 7064 MOD 11-2. Sensitive personal data
// (PIPL): shown masked everywhere except to those who need the full number.
#include <string>
#include <string_view>

#include "core/common/date.hpp"
#include "core/common/error.hpp"

namespace jixu::validate {

/// Stable error codes (Error::code); each failure kind has its own so the UI can react to it.
inline constexpr const char* kIdNumberLengthError = "invalid_id_number_length";
inline constexpr const char* kIdNumberCharsError = "invalid_id_number_chars";
inline constexpr const char* kIdNumberRegionError = "invalid_id_number_region";
inline constexpr const char* kIdNumberBirthDateError = "invalid_id_number_birth_date";
inline constexpr const char* kIdNumberCheckError = "invalid_id_number_check";

/// Birth years accepted when the caller gives no upper bound. The core reads no clock, so the
/// default upper bound is a sanity limit only; callers that know today pass it as `latest_birth`.
inline constexpr int kIdNumberMinBirthYear = 1900;
inline constexpr int kIdNumberMaxBirthYear = 2100;

struct IdNumberInfo {
  std::string normalized;   ///< 18 chars, a trailing 'x' upper-cased
  std::string region_code;  ///< first 6 digits (the region of first registration)
  Date birth_date;
  bool male = false;
};

/// Checks, in this order: length (18), characters (17 digits + digit or X/x), region (6 digits
/// whose first two are a GB/T 2260 province prefix; the county itself is NOT looked up because IDs
/// keep codes of abolished counties), birth date (a real date in 1900..2100) and the check
/// character. The first failure is returned; errors name the field "id_number" with a bilingual
/// message and never echo the number (it is personal data). No trimming: callers trim.
Result<IdNumberInfo> ValidateIdNumber(std::string_view text);

/// As above, and additionally rejects a birth date after `latest_birth` (pass the clock's today).
Result<IdNumberInfo> ValidateIdNumber(std::string_view text, Date latest_birth);

/// The ISO 7064 MOD 11-2 check character ('0'-'9' or 'X') of the first 17 digits; '\0' if the
/// input is not exactly 17 ASCII digits.
char IdNumberCheckChar(std::string_view first17);

/// 110105********1234: the first 6 and last 4 characters kept, the rest masked. Anything that
/// is not 18 characters of digits and X/x becomes 18 stars, so a malformed value (a typo, a
/// 15-digit old number, a name pasted in the wrong column) is never shown in clear. An empty
/// input stays empty: there is nothing to hide, and stars would suggest a number exists.
std::string MaskIdNumber(std::string_view id_number);

}  // namespace jixu::validate
