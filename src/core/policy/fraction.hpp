#pragma once
// An exact ratio such as 1/3 or 2/3. Shares in regulations are thirds and halves; a float would
// make "one third of 72" 23.99 instead of 24, so policy files write "1/3" and we keep integers.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/common/hours.hpp"

namespace jixu::policy {

struct Fraction {
  int64_t num = 1;
  int64_t den = 1;

  /// "1/3", "2/3", "0.5", "2": non-negative, denominator > 0. Decimals keep at most 4 places.
  static std::optional<Fraction> Parse(std::string_view text);
  static std::optional<Fraction> FromDouble(double value);

  /// `h` × num / den, rounded half up to the nearest 0.01 (amounts are never negative).
  Hours Of(Hours h) const;
  bool IsOne() const { return num == den; }
  /// "1/3", or "0.5" style when the denominator is a power of ten, for notes.
  std::string ToString() const;
};

}  // namespace jixu::policy
