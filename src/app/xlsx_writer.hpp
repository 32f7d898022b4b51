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

/// kCode: text that looks like a number (resident ID, credit and region codes), formatted as
/// text ("@") so Excel keeps all 18 digits instead of turning them into 4.4E+17.
enum class XlsxKind { kText, kNumber, kDate, kPercent, kCode };

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
  /// Data validation on `column` of the newest sheet, rows 2..`last_row` (1-based, header
  /// excluded): a drop-down of the values in `list_range` (a formula such as
  /// "='选项'!$A$2:$A$8", so the list may be longer than Excel's 255-character inline limit);
  /// any other value is refused with `error_zh`. `prompt_zh` shows when the cell is selected.
  void AddListValidation(size_t column, const std::string& list_range, size_t last_row,
                         const std::string& prompt_zh, const std::string& error_zh);
  /// A hint shown when a cell of `column` (rows 2..`last_row`) is selected (no restriction).
  void AddPrompt(size_t column, size_t last_row, const std::string& prompt_zh);
  /// Writes the file. Throws Fault("file_unwritable") if it cannot.
  void Close();

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace jixu::app
