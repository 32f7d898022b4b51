#include "core/common/date.hpp"

#include <cstdio>

namespace jixu {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days algorithms (public domain formulas).
constexpr int32_t DaysFromCivil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

struct Ymd { int y; unsigned m; unsigned d; };

constexpr Ymd CivilFromDays(int32_t z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}

bool ParseDigits(std::string_view s, int& out) {
  if (s.empty()) return false;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

}  // namespace

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && IsLeapYear(y)) return 29;
  return kDays[m - 1];
}

std::optional<Date> Date::FromYmd(int y, int m, int d) {
  constexpr int kMinYear = 1900;
  constexpr int kMaxYear = 2200;
  if (y < kMinYear || y > kMaxYear || m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m)) {
    return std::nullopt;
  }
  return Date(DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)));
}

std::optional<Date> Date::Parse(std::string_view t) {
  int y = 0, m = 0, d = 0;
  if (t.size() == 10 && (t[4] == '-' || t[4] == '/') && t[7] == t[4]) {
    if (!ParseDigits(t.substr(0, 4), y) || !ParseDigits(t.substr(5, 2), m) ||
        !ParseDigits(t.substr(8, 2), d)) {
      return std::nullopt;
    }
  } else if (t.size() == 8) {
    if (!ParseDigits(t.substr(0, 4), y) || !ParseDigits(t.substr(4, 2), m) ||
        !ParseDigits(t.substr(6, 2), d)) {
      return std::nullopt;
    }
  } else {
    return std::nullopt;
  }
  return FromYmd(y, m, d);
}

int Date::year() const { return CivilFromDays(days_).y; }
int Date::month() const { return static_cast<int>(CivilFromDays(days_).m); }
int Date::day() const { return static_cast<int>(CivilFromDays(days_).d); }

std::string Date::ToString() const {
  const Ymd c = CivilFromDays(days_);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", c.y, c.m, c.d);
  return buf;
}

int32_t Date::ToYmdInt() const {
  const Ymd c = CivilFromDays(days_);
  return c.y * 10000 + static_cast<int32_t>(c.m * 100 + c.d);
}

std::optional<Date> Date::FromYmdInt(int32_t ymd) {
  return FromYmd(ymd / 10000, (ymd / 100) % 100, ymd % 100);
}

Date YearStart(int year) { return *Date::FromYmd(year, 1, 1); }
Date YearEnd(int year) { return *Date::FromYmd(year, 12, 31); }

}  // namespace jixu
