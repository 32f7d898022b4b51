#include "certs/pdf_table.hpp"

#include <algorithm>

namespace jixu::certs {
namespace {

constexpr double kLabelShare = 0.62;  // the item column's share of the width
constexpr double kInset = 10;         // text inset from a column's edges

TextStyle CellStyle(bool bold, Align align) {
  TextStyle s{kCellFontSize, bold, align};
  s.max_lines = kMaxCellLines;
  return s;
}

double LabelWidth(const TableLayout& t) { return t.split - t.x - 2 * kInset; }
double ValueWidth(const TableLayout& t) { return t.x + t.width - t.split - 2 * kInset; }

double RowHeight(PdfCanvas& c, const TableLayout& t, const std::string& left,
                 const std::string& right, bool bold) {
  const double text = std::max(c.Measure(left, LabelWidth(t), CellStyle(bold, Align::kLeft)),
                               c.Measure(right, ValueWidth(t), CellStyle(bold, Align::kRight)));
  return std::max(kMinRowHeight, text + 2 * kCellPadding);
}

}  // namespace

TableLayout LayOutTable(PdfCanvas& c, double left, double width, const TableRows& rows,
                        const std::string& head_left, const std::string& head_right) {
  TableLayout t{left, width, left + width * kLabelShare, {}};
  t.heights.push_back(RowHeight(c, t, head_left, head_right, true));
  for (const auto& [label, value] : rows) t.heights.push_back(RowHeight(c, t, label, value, false));
  return t;
}

double DrawTable(PdfCanvas& c, double y, const TableLayout& t, const TableRows& rows,
                 const std::string& head_left, const std::string& head_right) {
  const double top = y;
  c.FillRect(t.x, y, t.width, t.heights[0], 0.9);
  c.Text(head_left, t.x + kInset, y + kCellPadding, LabelWidth(t), CellStyle(true, Align::kLeft));
  c.Text(head_right, t.split + kInset, y + kCellPadding, ValueWidth(t), CellStyle(true, Align::kRight));
  y += t.heights[0];
  for (size_t i = 0; i < rows.size(); ++i) {
    c.Text(rows[i].first, t.x + kInset, y + kCellPadding, LabelWidth(t), CellStyle(false, Align::kLeft));
    c.Text(rows[i].second, t.split + kInset, y + kCellPadding, ValueWidth(t), CellStyle(false, Align::kRight));
    y += t.heights[i + 1];
    c.Line(t.x, y, t.x + t.width, y, 0.4, 0.6);
  }
  c.Rect(t.x, top, t.width, y - top, 0.8, 0.2);
  c.Line(t.split, top, t.split, y, 0.4, 0.6);
  return y;
}

}  // namespace jixu::certs
