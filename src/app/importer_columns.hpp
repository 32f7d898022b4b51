#pragma once
// Column headers of the import files: canonical English names (SPEC §5) and the Chinese and
// alternative names accepted for each, mapped to positions in the file's header row.
#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "app/importer.hpp"

namespace jixu::app::import {

/// Canonical columns of every kind, one enum so a row handler reads `Col::kIdNumber`.
enum class Col {
  kCode, kName, kRegionCode, kType, kIndustry,
  kIdNumber, kEmployerCode, kField, kTitleLevel, kTitleSince, kJoined,
  kDate, kCategory, kForm, kHours, kProvider, kTitle, kSourceId, kTopic, kActivity,
  kCourseCode, kStatus,
  kCount
};

struct ColumnSpec {
  Col col;
  bool required;
};

/// The columns of one kind, in the SPEC's order.
std::span<const ColumnSpec> ColumnsOf(ImportKind kind);
std::string_view ColumnName(Col col);    ///< "id_number"
std::string_view ColumnNameZh(Col col);  ///< "身份证号"

/// Where each canonical column sits in the file, or -1.
class ColumnMap {
 public:
  /// Maps a header row. Unknown headers are ignored; a missing required column or a column
  /// given twice is an error (listed in `errors`, with the header's line).
  static ColumnMap FromHeader(ImportKind kind, const Row& header, std::vector<ImportError>& errors);

  bool has(Col c) const { return index_[static_cast<size_t>(c)] >= 0; }
  /// The trimmed value of column `c` in `row` ("" if the column or the cell is absent).
  std::string_view Get(const Row& row, Col c) const;
  /// The canonical column at position `index` of the file, if the header named one.
  std::optional<Col> ColumnAt(size_t index) const;
  size_t width() const { return width_; }

 private:
  std::array<int, static_cast<size_t>(Col::kCount)> index_{};
  size_t width_ = 0;  ///< number of header cells
};

/// Trims ASCII white space and the ideographic space U+3000 (common in hand-typed sheets).
std::string_view Trim(std::string_view s);

}  // namespace jixu::app::import
