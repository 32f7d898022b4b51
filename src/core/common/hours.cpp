#include "core/common/hours.hpp"

namespace jixu {

std::optional<Hours> Hours::Parse(std::string_view text) {
  constexpr int64_t kMaxWhole = 1'000'000'000;
  if (text.empty()) return std::nullopt;
  int64_t whole = 0;
  size_t i = 0;
  size_t digits = 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++digits) {
    whole = whole * 10 + (text[i] - '0');
    if (whole > kMaxWhole) return std::nullopt;
  }
  int64_t frac = 0;
  if (i < text.size()) {
    if (text[i] != '.') return std::nullopt;
    ++i;
    size_t frac_digits = 0;
    for (; i < text.size(); ++i, ++frac_digits) {
      if (text[i] < '0' || text[i] > '9' || frac_digits == 2) return std::nullopt;
      frac = frac * 10 + (text[i] - '0');
    }
    if (frac_digits == 0 && digits == 0) return std::nullopt;
    if (frac_digits == 1) frac *= 10;
  } else if (digits == 0) {
    return std::nullopt;
  }
  return Hours(whole * kScale + frac);
}

std::string Hours::ToString() const {
  int64_t v = centi_;
  std::string out;
  if (v < 0) { out.push_back('-'); v = -v; }
  out += std::to_string(v / kScale);
  int64_t frac = v % kScale;
  if (frac != 0) {
    out.push_back('.');
    out.push_back(static_cast<char>('0' + frac / 10));
    if (frac % 10 != 0) out.push_back(static_cast<char>('0' + frac % 10));
  }
  return out;
}

}  // namespace jixu
