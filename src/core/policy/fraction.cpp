#include "core/policy/fraction.hpp"

#include <cmath>
#include <numeric>

namespace jixu::policy {
namespace {

constexpr int64_t kDecimalDen = 10'000;
constexpr int64_t kMaxPart = 1'000'000;

bool ParseInt(std::string_view s, int64_t& out) {
  if (s.empty() || s.size() > 7) return false;
  int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

Fraction Reduced(int64_t num, int64_t den) {
  const int64_t g = std::gcd(num, den);
  return g > 1 ? Fraction{num / g, den / g} : Fraction{num, den};
}

}  // namespace

std::optional<Fraction> Fraction::Parse(std::string_view text) {
  const size_t slash = text.find('/');
  if (slash != std::string_view::npos) {
    int64_t n = 0;
    int64_t d = 0;
    if (!ParseInt(text.substr(0, slash), n) || !ParseInt(text.substr(slash + 1), d) || d == 0) {
      return std::nullopt;
    }
    return Reduced(n, d);
  }
  // A decimal with at most four places: "0.5", "1", "0.3333".
  const size_t dot = text.find('.');
  int64_t whole = 0;
  int64_t frac = 0;
  if (!ParseInt(text.substr(0, dot), whole)) return std::nullopt;
  if (dot != std::string_view::npos) {
    std::string_view digits = text.substr(dot + 1);
    if (digits.empty() || digits.size() > 4 || !ParseInt(digits, frac)) return std::nullopt;
    for (size_t i = digits.size(); i < 4; ++i) frac *= 10;
  }
  return Reduced(whole * kDecimalDen + frac, kDecimalDen);
}

std::optional<Fraction> Fraction::FromDouble(double value) {
  if (!(value >= 0) || value > kMaxPart) return std::nullopt;
  const double scaled = value * kDecimalDen;
  const double rounded = std::round(scaled);
  if (std::fabs(scaled - rounded) > 1e-6) return std::nullopt;
  return Reduced(static_cast<int64_t>(rounded), kDecimalDen);
}

Hours Fraction::Of(Hours h) const {
  const int64_t scaled = h.centi() * num;
  return Hours::FromCenti((2 * scaled + den) / (2 * den));
}

std::string Fraction::ToString() const {
  if (den == 1) return std::to_string(num);
  if (kDecimalDen % den != 0) return std::to_string(num) + "/" + std::to_string(den);
  const int64_t v = num * (kDecimalDen / den);
  std::string frac = std::to_string(kDecimalDen + v % kDecimalDen).substr(1);
  while (!frac.empty() && frac.back() == '0') frac.pop_back();
  return std::to_string(v / kDecimalDen) + (frac.empty() ? "" : "." + frac);
}

}  // namespace jixu::policy
