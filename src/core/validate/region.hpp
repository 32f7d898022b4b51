#pragma once
// GB/T 2260 administrative division codes. The table is data (data/regions.csv), parsed here from
// text handed in by the caller: the core does no I/O.
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/common/error.hpp"

namespace jixu::validate {

enum class RegionLevel { kProvince, kCity, kCounty };

struct Region {
  std::string code;  ///< 6 digits, e.g. "510104"; a province is "510000", a city "510100"
  std::string name;  ///< e.g. "锦江区"
  RegionLevel level = RegionLevel::kCounty;
};

class RegionTable {
 public:
  /// Parses CSV text with header `code,name` (one row per division). Errors name the line.
  static Result<RegionTable> Parse(std::string_view csv_text);

  bool Contains(std::string_view code) const;
  const Region* Find(std::string_view code) const;
  /// "四川省 成都市 锦江区" for a county; the province alone for a province code.
  std::string FullName(std::string_view code) const;
  /// Checks a 6-digit code exists. Errors name `field`.
  Result<std::string> Validate(std::string_view code, std::string_view field = "region_code") const;
  std::vector<const Region*> Provinces() const;
  /// Every county-level code (for generating demo data).
  std::vector<const Region*> CountiesOf(std::string_view province_prefix) const;
  size_t size() const { return regions_.size(); }

 private:
  std::vector<Region> regions_;
  std::unordered_map<std::string, size_t> index_;
};

/// Named sets of provinces (West, Northeast, Central …, Art. 17–19), from data/region_sets.toml.
class RegionSets {
 public:
  struct Set {
    std::string id;       ///< "west"
    std::string name_zh;  ///< "西部地区"
    std::string name_en;  ///< "Western China"
    std::vector<std::string> provinces;  ///< 2-digit prefixes
  };
  static Result<RegionSets> Parse(std::string_view toml_text);
  /// Ids of the sets the region belongs to (by its 2-digit province prefix).
  std::vector<std::string> SetsOf(std::string_view region_code) const;
  const std::vector<Set>& sets() const { return sets_; }

 private:
  std::vector<Set> sets_;
};

}  // namespace jixu::validate
