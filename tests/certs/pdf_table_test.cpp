// The certificate table's rows grow with their text, so nothing runs over the row lines.
#include "certs/pdf_table.hpp"

#include <gtest/gtest.h>

namespace jixu::certs {
namespace {

constexpr double kLeft = 96;
constexpr double kWidth = 403;

TEST(PdfTable, EveryRowHoldsItsTallerCell) {
  std::string out;
  PdfCanvas c(out);
  const std::string long_name = "国家卫生健康委员会人才交流服务中心暨中华医学会继续医学教育部联合举办的全国基层卫生人才能力提升培训项目办公室";
  const TableRows rows = {
      {"机构代码  Provider code", "12100000400010398P"},
      {"施教机构  Provider", long_name},
      {"起止日期  Dates", "2026-03-01 ~ 2026-11-30"},
  };
  const TableLayout t = LayOutTable(c, kLeft, kWidth, rows, "项目  Item", "内容  Detail");
  ASSERT_EQ(t.heights.size(), rows.size() + 1);
  EXPECT_DOUBLE_EQ(t.heights[0], kMinRowHeight);
  EXPECT_DOUBLE_EQ(t.heights[1], kMinRowHeight) << "a short value keeps the standard row";
  const double value_width = kLeft + kWidth - t.split - 20;
  TextStyle cell{kCellFontSize, false, Align::kRight};
  cell.max_lines = kMaxCellLines;
  const double name_height = c.Measure(long_name, value_width, cell);
  EXPECT_GT(name_height, kMinRowHeight - 2 * kCellPadding) << "the name wraps";
  EXPECT_GE(t.heights[2], name_height + 2 * kCellPadding) << "its row is as tall as the wrapped name";
  EXPECT_GE(t.heights[3], c.Measure(rows[2].second, value_width, cell) + 2 * kCellPadding);
}

TEST(PdfTable, AVeryLongValueIsCutAfterThreeLines) {
  std::string out;
  PdfCanvas c(out);
  std::string endless;
  for (int i = 0; i < 40; ++i) endless += "继续教育培训机构";
  const TableLayout t = LayOutTable(c, kLeft, kWidth, {{"施教机构  Provider", endless}}, "项目", "内容");
  TextStyle one{kCellFontSize, false, Align::kRight};
  const double line = c.Measure("继续", 200, one);
  EXPECT_LE(t.heights[1], kMaxCellLines * line + 2 * kCellPadding + 1);
  EXPECT_GE(t.heights[1], (kMaxCellLines - 1) * line + 2 * kCellPadding);
}

}  // namespace
}  // namespace jixu::certs
