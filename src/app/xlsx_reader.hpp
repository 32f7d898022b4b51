#pragma once
// Reading the first worksheet of an Excel .xlsx file (Office Open XML, ECMA-376) as rows, for
// the same import pipeline as CSV (RowSource). libzip opens the package, expat parses the parts:
// shared strings, inline strings, numbers, booleans, formula results, and dates — Excel stores
// a date as a serial day number, so a number is turned into YYYY-MM-DD when its cell has a date
// format or its column's header names a date (日期, 时间, date, …). Empty cells, and rows Excel
// leaves out, come through as empty fields and skipped lines; a row's line is its Excel row
// number, so errors point at the row a user sees.
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "app/csv_reader.hpp"
#include "app/importer.hpp"

namespace jixu::app {

class XlsxReader final : public RowSource {
 public:
  /// Opens the package and reads its shared strings and styles. Throws Fault("malformed_xlsx")
  /// with a bilingual message if the file is not a readable .xlsx.
  explicit XlsxReader(const std::string& path);
  ~XlsxReader() override;
  XlsxReader(const XlsxReader&) = delete;
  XlsxReader& operator=(const XlsxReader&) = delete;

  bool Next(Row& row) override;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
  std::vector<std::string> current_;  ///< storage the returned row's views point into
};

/// True if the file is a ZIP package (an .xlsx) by its first bytes, or named *.xlsx.
bool LooksLikeXlsx(const std::string& path);

/// Import from the first sheet of an .xlsx: the same rules and report as the CSV Import().
/// A file that is not a readable .xlsx is reported (line 0, code "malformed_xlsx"), not thrown.
ImportReport ImportXlsx(storage::Store& store, ImportKind kind, const std::string& path,
                        const ImportContext& ctx);

/// Excel's serial day number (1900 date system, with its phantom 29 Feb 1900) to a date.
std::optional<Date> ExcelSerialToDate(double serial, bool date1904 = false);

}  // namespace jixu::app
