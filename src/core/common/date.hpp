#pragma once
// A civil (proleptic Gregorian) date without time zone. Stored as days since 1970-01-01 so
// comparisons and differences are integer operations; y/m/d are derived on demand.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jixu {

class Date {
 public:
  constexpr Date() = default;
  static std::optional<Date> FromYmd(int year, int month, int day);
  /// Strict "YYYY-MM-DD" (also accepts "YYYY/MM/DD" and "YYYYMMDD", which Excel users produce).
  static std::optional<Date> Parse(std::string_view text);
  static constexpr Date FromDays(int32_t days) { return Date(days); }

  constexpr int32_t days() const { return days_; }
  int year() const;
  int month() const;
  int day() const;
  /// ISO 8601 "YYYY-MM-DD".
  std::string ToString() const;
  /// YYYYMMDD as an integer, compact for storage and readable in SQL.
  int32_t ToYmdInt() const;
  static std::optional<Date> FromYmdInt(int32_t ymd);

  constexpr auto operator<=>(const Date&) const = default;
  constexpr Date AddDays(int32_t n) const { return Date(days_ + n); }

 private:
  constexpr explicit Date(int32_t days) : days_(days) {}
  int32_t days_ = 0;
};

bool IsLeapYear(int year);
int DaysInMonth(int year, int month);
Date YearStart(int year);
Date YearEnd(int year);

}  // namespace jixu
