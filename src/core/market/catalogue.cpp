#include "core/market/catalogue.hpp"

#include <algorithm>

namespace jixu::market {
namespace {

/// Length of the UTF-8 sequence starting with `lead` (1 for a stray continuation byte).
size_t SeqLen(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 1;
}

/// CJK and full-width punctuation that separates words like a space: 、。，；：？！“”‘’（）《》【】·—…
bool IsCjkPunct(std::string_view ch) {
  static constexpr std::string_view kPunct[] = {"、", "。", "，", "；", "：", "？", "！", "“", "”", "‘",
                                                "’", "（", "）", "《", "》", "【", "】", "·", "—", "…",
                                                "　", "「", "」", "〈", "〉"};
  return std::find(std::begin(kPunct), std::end(kPunct), ch) != std::end(kPunct);
}

bool IsAsciiWordChar(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

void FlushRun(std::vector<std::string_view>& run, std::vector<std::string>& out) {
  if (run.size() == 1) out.emplace_back(run[0]);
  for (size_t i = 0; i + 1 < run.size(); ++i) out.push_back(std::string(run[i]) + std::string(run[i + 1]));
  run.clear();
}

}  // namespace

std::vector<std::string> SearchTerms(std::string_view text) {
  std::vector<std::string> out;
  std::vector<std::string_view> run;  // consecutive non-ASCII characters
  std::string word;
  auto flush_word = [&] {
    if (!word.empty()) out.push_back(std::move(word));
    word.clear();
  };
  for (size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const size_t n = std::min(SeqLen(lead), text.size() - i);
    const std::string_view ch = text.substr(i, n);
    i += n;
    if (lead < 0x80) {
      FlushRun(run, out);
      if (IsAsciiWordChar(ch[0])) {
        word.push_back(static_cast<char>(ch[0] >= 'A' && ch[0] <= 'Z' ? ch[0] + 32 : ch[0]));
      } else {
        flush_word();
      }
      continue;
    }
    flush_word();
    if (n == 1 || IsCjkPunct(ch)) {
      FlushRun(run, out);
      continue;
    }
    run.push_back(ch);
  }
  FlushRun(run, out);
  flush_word();
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

Result<std::string> ValidateIsbn(std::string_view text, std::string_view field) {
  std::string digits;
  for (char c : text) {
    if (c == '-' || c == ' ') continue;
    digits.push_back(c == 'x' ? 'X' : c);
  }
  const std::string f(field);
  auto bad = [&](std::string zh, std::string en) {
    return MakeError("invalid_isbn", f, "ISBN（" + f + "）" + zh, f + ": " + en);
  };
  const bool all_digits = !digits.empty() &&
                          std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (digits.size() == 13 && all_digits) {
    if (digits.rfind("978", 0) != 0 && digits.rfind("979", 0) != 0) {
      return bad("应以978或979开头", "an ISBN-13 starts with 978 or 979");
    }
    int sum = 0;
    for (int i = 0; i < 12; ++i) sum += (digits[i] - '0') * (i % 2 == 0 ? 1 : 3);
    if ((10 - sum % 10) % 10 != digits[12] - '0') return bad("校验位错误", "wrong check digit");
    return digits;
  }
  if (digits.size() == 10) {
    int sum = 0;
    for (int i = 0; i < 10; ++i) {
      const char c = digits[i];
      int v = 0;
      if (c >= '0' && c <= '9') v = c - '0';
      else if (c == 'X' && i == 9) v = 10;
      else return bad("含有无效字符", "invalid character");
      sum += v * (10 - i);
    }
    if (sum % 11 != 0) return bad("校验位错误", "wrong check digit");
    std::string isbn13 = "978" + digits.substr(0, 9);
    int s13 = 0;
    for (int i = 0; i < 12; ++i) s13 += (isbn13[i] - '0') * (i % 2 == 0 ? 1 : 3);
    isbn13.push_back(static_cast<char>('0' + (10 - s13 % 10) % 10));
    return isbn13;
  }
  return bad("应为13位（或10位）", "must have 13 (or 10) digits");
}

}  // namespace jixu::market
