#pragma once
// Unified social credit codes (GB 32100-2015): 1 registration authority char, 1 entity type char,
// 6-digit region code, 9-char organisation code (GB 11714, with its own check char), and a check
// char over the first 17 (weights 3^i mod 31 over the 31-char alphabet without I, O, Z, S, V).
#include <string>
#include <string_view>

#include "core/common/error.hpp"

namespace jixu::validate {

/// Stable error codes (Error::code); each failure kind has its own.
inline constexpr const char* kCreditCodeLengthError = "invalid_credit_code_length";
inline constexpr const char* kCreditCodeCharsError = "invalid_credit_code_chars";
inline constexpr const char* kCreditCodeAuthorityError = "invalid_credit_code_authority";
inline constexpr const char* kCreditCodeRegionError = "invalid_credit_code_region";
inline constexpr const char* kCreditCodeOrgCheckError = "invalid_credit_code_org_check";
inline constexpr const char* kCreditCodeCheckError = "invalid_credit_code_check";

/// The 31 characters a credit code may contain, in value order (0-30).
inline constexpr std::string_view kCreditCodeAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/// Validates, in this order: length 18; every char in the 31-char alphabet; the registration
/// authority (char 1: 1-9, A-G or Y; GB 32100 assigns 1 机构编制, 5 民政, 9 工商 and others to
/// departments, so we accept the whole range the standard reserves rather than today's list);
/// chars 3-8 six digits (region code; not looked up, codes outlive counties); the GB 11714
/// organisation-code check (char 17); the GB 32100 check (char 18). Lower-case input is
/// upper-cased and returned so. Errors name the field given.
Result<std::string> ValidateCreditCode(std::string_view text, std::string_view field = "code");

/// The GB 32100 check character of the first 17 characters; '\0' unless the input is exactly 17
/// upper-case alphabet characters.
char CreditCodeCheckChar(std::string_view first17);

/// The GB 11714 check character ('0'-'9' or 'X') of an 8-character organisation code body
/// (digits and upper-case letters, letter value = 10 for A … 35 for Z); '\0' if malformed.
char OrganizationCodeCheckChar(std::string_view first8);

}  // namespace jixu::validate
