// Resident ID numbers and unified social credit codes: any text is validated without a crash,
// and what passes is consistent with the check-character functions and the mask.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/validate/credit_code.hpp"
#include "core/validate/id_number.hpp"
#include "core/validate/region.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace jixu::validate;
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  const auto id = ValidateIdNumber(text);
  if (id.ok()) {
    const auto& v = id.value();
    if (v.normalized.size() != 18) __builtin_trap();
    if (IdNumberCheckChar(std::string_view(v.normalized).substr(0, 17)) != v.normalized[17]) {
      __builtin_trap();
    }
    if (v.region_code != v.normalized.substr(0, 6)) __builtin_trap();
  }
  (void)ValidateIdNumber(text, jixu::Date::FromYmd(2025, 6, 30).value());
  const std::string masked = MaskIdNumber(text);
  if (!text.empty() && masked.size() != 18) __builtin_trap();
  if (masked.size() == 18 && masked.substr(6, 8) != "********") __builtin_trap();
  (void)IdNumberCheckChar(text);

  const auto code = ValidateCreditCode(text);
  if (code.ok()) {
    const std::string& v = code.value();
    if (v.size() != 18) __builtin_trap();
    if (CreditCodeCheckChar(std::string_view(v).substr(0, 17)) != v[17]) __builtin_trap();
  }
  (void)CreditCodeCheckChar(text);
  (void)OrganizationCodeCheckChar(text);
  (void)IsRegionCodeFormat(text);
  (void)RegionLevelOf(text);
  return 0;
}
