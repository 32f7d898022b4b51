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

/// Stable error codes (Error::code).
inline constexpr const char* kRegionTableError = "invalid_region_table";
inline constexpr const char* kRegionSetsError = "invalid_region_sets";
inline constexpr const char* kRegionCodeFormatError = "invalid_region_code";
inline constexpr const char* kRegionUnknownError = "unknown_region_code";

/// True for the 2-digit GB/T 2260 province prefixes: 11-15, 21-23, 31-37, 41-46, 50-54, 61-65,
/// 71 (Taiwan), 81, 82 (Hong Kong, Macao). A fixed list, since provinces change far more rarely
/// than counties and this check must work without the table (ID numbers).
bool IsProvincePrefix(std::string_view two_digits);

/// True if `code` is six ASCII digits with a valid province prefix.
bool IsRegionCodeFormat(std::string_view code);

/// The level implied by a well-formed code: xx0000 province, xxxx00 city, anything else county.
RegionLevel RegionLevelOf(std::string_view code);

struct Region {
  std::string code;  ///< 6 digits, e.g. "510104"; a province is "510000", a city "510100"
  std::string name;  ///< e.g. "锦江区"
  RegionLevel level = RegionLevel::kCounty;
};

class RegionTable {
 public:
  /// Parses CSV text with header `code,name` (one row per division; a UTF-8 BOM, CRLF line ends,
  /// blank lines and RFC 4180 quoted names are accepted). Rejects malformed codes, empty names
  /// and duplicate codes. Errors carry the 1-based line number in both messages. Rows need not
  /// have their parent rows: FullName skips missing levels.
  static Result<RegionTable> Parse(std::string_view csv_text);

  bool Contains(std::string_view code) const;
  const Region* Find(std::string_view code) const;
  /// "四川省 成都市 锦江区" for a county; the province alone for a province code. Placeholder
  /// city rows (市辖区, 县, 省直辖县级行政区划 …) are left out: "北京市 朝阳区". Empty if unknown.
  std::string FullName(std::string_view code) const;
  /// The name of the division a 2-, 4- or 6-digit prefix stands for (a chart's bar, a table's
  /// row): "广东省", "广州市", "天河区". A placeholder city (市辖区 …) is named by its province;
  /// empty if the table has no such row.
  std::string NameOfPrefix(std::string_view prefix) const;
  /// Checks a 6-digit code exists. Errors name `field`.
  Result<std::string> Validate(std::string_view code, std::string_view field = "region_code") const;
  std::vector<const Region*> Provinces() const;
  /// Every county-level row whose code starts with the prefix (2 digits: a province, 4: a city),
  /// in code order (for generating demo data).
  std::vector<const Region*> CountiesOf(std::string_view province_prefix) const;
  /// One level down from a prefix, for a 省/市/县 cascader: "" → provinces (2-digit prefixes),
  /// a province → its cities (4-digit; a placeholder city such as 市辖区 named by its province),
  /// a city → its counties (6-digit). Each as (prefix, name), in code order.
  std::vector<std::pair<std::string, std::string>> ChildrenOf(std::string_view prefix) const;
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
  /// Parses `[[set]]` tables with string `id`, `name_zh`, `name_en` and an array `provinces` of
  /// 2-digit prefixes. Rejects TOML syntax errors (with line), missing or mistyped keys, duplicate
  /// ids, invalid prefixes and a province listed twice in one set.
  static Result<RegionSets> Parse(std::string_view toml_text);
  /// Ids of the sets the region belongs to (by its 2-digit province prefix).
  /// Accepts a 2-digit prefix or any longer region code; empty for anything else.
  std::vector<std::string> SetsOf(std::string_view region_code) const;
  /// The set with this id, or nullptr.
  const Set* Find(std::string_view id) const;
  const std::vector<Set>& sets() const { return sets_; }

 private:
  std::vector<Set> sets_;
};

}  // namespace jixu::validate
