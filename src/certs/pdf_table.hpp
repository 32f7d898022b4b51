#pragma once
// The certificate's two-column table of (item, value) rows. Every row is as tall as its taller
// cell, so a long provider name or a date range wraps inside its row instead of running over the
// row lines; a cell wraps to at most kMaxCellLines lines and then ends in "…".
#include <string>
#include <utility>
#include <vector>

#include "certs/pdf_canvas.hpp"

namespace jixu::certs {

using TableRows = std::vector<std::pair<std::string, std::string>>;

struct TableLayout {
  double x = 0;      ///< left edge
  double width = 0;
  double split = 0;  ///< x of the line between the columns
  std::vector<double> heights;  ///< the header's, then each row's
};

inline constexpr int kMaxCellLines = 3;
inline constexpr double kCellFontSize = 11;
inline constexpr double kMinRowHeight = 24;
inline constexpr double kCellPadding = 5;  ///< above and below a cell's text

/// Where the table's columns lie between `left` and `left + width`, and each row's height.
TableLayout LayOutTable(PdfCanvas& c, double left, double width, const TableRows& rows,
                        const std::string& head_left, const std::string& head_right);

/// Draws the table with its top at `y`; returns the y below it.
double DrawTable(PdfCanvas& c, double y, const TableLayout& layout, const TableRows& rows,
                 const std::string& head_left, const std::string& head_right);

}  // namespace jixu::certs
