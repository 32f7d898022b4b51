#pragma once
// Deterministic synthetic data at any scale for the benchmarks: valid resident IDs and credit
// codes, employers that exist, records spread over one year in date order with persons drawn at
// random (the shape of a year's stream of reports). The same generator feeds the CSV files jixu
// imports and the raw-SQLite baseline, so both store identical values.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace jixu::bench {

struct Scale {
  int64_t persons = 1'000'000;
  int64_t records_per_person = 10;
  int64_t records() const { return persons * records_per_person; }
  int64_t employers() const { return persons / 100 > 0 ? persons / 100 : 1; }
  static constexpr int64_t kProviders = 200;
  static constexpr int kYear = 2024;
};

/// One record's values, before any parsing: what the CSV row says and what raw SQL inserts.
struct RecordValues {
  int64_t person = 0;    ///< 0-based person index (person id = person + 1)
  int32_t ymd = 0;       ///< YYYYMMDD
  int category = 0;      ///< 0 professional, 1 public
  int form = 0;          ///< 0..12
  int64_t centi = 0;     ///< hours × 100
  int64_t provider = -1; ///< registered provider index, or -1 for free text
  int free_name = 0;     ///< index of the free-text institution name
  int title = 0;         ///< course title index
  bool has_source = false;
  uint64_t mix = 0;      ///< the record's random bits (raw baseline uses them as its key)
};

class Generator {
 public:
  explicit Generator(Scale scale, std::vector<std::string> counties);
  const Scale& scale() const { return scale_; }

  std::string PersonIdNumber(int64_t i) const;
  std::string EmployerCode(int64_t i) const;
  std::string ProviderCode(int64_t i) const;
  const std::string& Region(int64_t i) const { return counties_[static_cast<size_t>(i) % counties_.size()]; }
  RecordValues Record(int64_t i) const;

  /// Writes employers.csv, providers.csv, persons.csv, records.csv into `dir`.
  void WriteCsv(const std::filesystem::path& dir) const;

 private:
  Scale scale_;
  std::vector<std::string> counties_;
};

/// County-level codes from data/regions.csv (six digits not ending in "00").
std::vector<std::string> LoadCounties(const std::filesystem::path& regions_csv);

std::string FormatHours(int64_t centi);
std::string FormatYmd(int32_t ymd);

}  // namespace jixu::bench
