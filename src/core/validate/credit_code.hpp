#pragma once
// Unified social credit codes (GB 32100-2015): 1 registration authority char, 1 entity type char,
// 6-digit region code, 9-char organisation code (GB 11714, with its own check char), and a check
// char over the first 17 (weights 3^i mod 31 over the 31-char alphabet without I, O, Z, S, V).
#include <string>
#include <string_view>

#include "core/common/error.hpp"

namespace jixu::validate {

/// Validates both check characters. Lower-case input is upper-cased. Errors name the field given.
Result<std::string> ValidateCreditCode(std::string_view text, std::string_view field = "code");

/// The GB 32100 check character of the first 17 characters.
char CreditCodeCheckChar(std::string_view first17);

/// The GB 11714 check character ('0'-'9' or 'X') of an 8-character organisation code body.
char OrganizationCodeCheckChar(std::string_view first8);

}  // namespace jixu::validate
