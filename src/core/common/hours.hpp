#pragma once
// Hours are fixed-point: integer hundredths of an hour ("centi-hours"), so sums are exact and a
// record of 1.25 h stays 1.25 h after any number of additions. Two decimals is the documented
// precision (docs/policies.md); input with more decimals is rejected, not rounded.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jixu {

class Hours {
 public:
  static constexpr int64_t kScale = 100;

  constexpr Hours() = default;
  static constexpr Hours FromCenti(int64_t centi) { return Hours(centi); }
  static constexpr Hours FromWhole(int64_t whole) { return Hours(whole * kScale); }
  /// Parses "72", "1.5", "0.25". Returns nullopt for anything else (sign, exponent, >2 decimals).
  static std::optional<Hours> Parse(std::string_view text);

  constexpr int64_t centi() const { return centi_; }
  double ToDouble() const { return static_cast<double>(centi_) / kScale; }
  /// Shortest exact decimal: "72", "1.5", "0.25".
  std::string ToString() const;

  constexpr auto operator<=>(const Hours&) const = default;
  constexpr Hours operator+(Hours o) const { return Hours(centi_ + o.centi_); }
  constexpr Hours operator-(Hours o) const { return Hours(centi_ - o.centi_); }
  constexpr Hours& operator+=(Hours o) { centi_ += o.centi_; return *this; }
  constexpr Hours& operator-=(Hours o) { centi_ -= o.centi_; return *this; }
  constexpr bool IsZero() const { return centi_ == 0; }

 private:
  constexpr explicit Hours(int64_t centi) : centi_(centi) {}
  int64_t centi_ = 0;
};

constexpr Hours Min(Hours a, Hours b) { return a < b ? a : b; }
constexpr Hours Max(Hours a, Hours b) { return a < b ? b : a; }

}  // namespace jixu
