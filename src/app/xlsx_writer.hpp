#pragma once
// Writing Excel .xlsx files (libxlsxwriter): sheets with a bold, shaded, frozen header row in
// Chinese, column widths fitted to Chinese text, dates as real Excel dates and hours as numbers,
// so a clerk can sort, filter and sum without conversions.
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "core/common/date.hpp"

namespace jixu::app {

enum class XlsxKind { kText, kNumber, kDate, kPercent };

struct XlsxColumn {
  std::string header;
  double width = 12;  ///< in Excel's character units (a Chinese character is about 2)
  XlsxKind kind = XlsxKind::kText;
};

using XlsxCell = std::variant<std::monostate, std::string, double, Date>;

class XlsxWriter {
 public:
  /// Creates the workbook; it is written when Close() is called. Throws Fault on failure.
  explicit XlsxWriter(const std::string& path);
  ~XlsxWriter();
  XlsxWriter(const XlsxWriter&) = delete;
  XlsxWriter& operator=(const XlsxWriter&) = delete;

  /// Starts a new sheet with the given columns; rows go to the newest sheet.
  void AddSheet(const std::string& name, const std::vector<XlsxColumn>& columns);
  void AddRow(const std::vector<XlsxCell>& cells);
  /// Writes the file. Throws Fault("file_unwritable") if it cannot.
  void Close();

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace jixu::app
