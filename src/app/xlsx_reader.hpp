#pragma once
// Reading the first worksheet of an Excel .xlsx file (Office Open XML, ECMA-376) as rows, for
// the same import pipeline as CSV (RowSource). libzip opens the package, expat parses the parts:
// shared strings, inline strings, numbers, booleans, formula results, and dates — Excel stores
// a date as a serial day number, so a number is turned into YYYY-MM-DD when its cell has a date
// format or its column's header names a date (日期, 时间, date, …). Empty cells, and rows Excel
// leaves out, come through as empty fields and skipped lines; a row's line is its Excel row
// number, so errors point at the row a user sees.
//
// An .xlsx is a ZIP of XML, so a small file can claim (or inflate to) gigabytes. The reader trusts
// nothing the package declares: every part is streamed, its inflated bytes counted as they come,
// and each cap below is checked before the memory it guards is taken (docs/cli.md#import-limits).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/csv_reader.hpp"
#include "app/importer.hpp"

namespace jixu::app {

/// What one .xlsx may make the reader do. The defaults keep any file under ~150 MiB of reader
/// memory and bound the work a hostile file can cause to a few seconds.
struct XlsxLimits {
  /// Inflated bytes of the worksheet (a full 1,048,576-row roster is about 300 MiB).
  uint64_t max_sheet_bytes = uint64_t{1} << 30;
  /// Inflated bytes of each other part (workbook, relationships, styles, shared strings).
  uint64_t max_part_bytes = uint64_t{64} << 20;
  /// Inflated ÷ compressed bytes of any part, checked once a part has passed 1 MiB. Real sheets
  /// compress 5–50×; a zip bomb reaches 1000×.
  uint64_t max_ratio = 200;
  /// Entries in the shared string table, and their total text.
  uint64_t max_shared_strings = uint64_t{4} << 20;
  uint64_t max_shared_string_bytes = uint64_t{64} << 20;
  /// Bytes of text in one cell or shared string (Excel itself stops at 32,767 characters).
  uint64_t max_cell_bytes = uint64_t{128} << 10;
  /// Bytes of all cells of one row, as for a CSV line.
  uint64_t max_row_bytes = CsvLimits{}.max_row_bytes;
  /// Rows of the sheet (Excel's own limit), and columns up to the last non-empty cell of a row
  /// (as for CSV fields: an import file has a few dozen; Excel's own limit, XFD, is 16,384).
  int64_t max_rows = 1'048'576;
  int max_columns = static_cast<int>(CsvLimits{}.max_fields);
};

class XlsxReader final : public RowSource {
 public:
  /// Opens the package and reads its shared strings and styles. Throws xlsx::MalformedXlsx
  /// (a Fault, code "malformed_xlsx" or "xlsx_limit_exceeded") if the file is not a readable
  /// .xlsx or passes a limit.
  explicit XlsxReader(const std::string& path, const XlsxLimits& limits = {});
  /// The same over a package held in memory (the fuzz harness; an upload).
  static std::unique_ptr<XlsxReader> FromBytes(std::string bytes, const XlsxLimits& limits = {});
  ~XlsxReader() override;
  XlsxReader(const XlsxReader&) = delete;
  XlsxReader& operator=(const XlsxReader&) = delete;

  /// Throws xlsx::MalformedXlsx when the sheet breaks off or passes a limit.
  bool Next(Row& row) override;

  struct Impl;

 private:
  explicit XlsxReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  std::vector<std::string> current_;  ///< storage the returned row's views point into
};

/// True if the file is a ZIP package (an .xlsx) by its first bytes, or named *.xlsx.
bool LooksLikeXlsx(const std::string& path);

/// Import from the first sheet of an .xlsx: the same rules and report as the CSV Import().
/// A file that is not a readable .xlsx, or passes a limit, is reported (code "malformed_xlsx" or
/// "xlsx_limit_exceeded"), not thrown; nothing is written.
ImportReport ImportXlsx(storage::Store& store, ImportKind kind, const std::string& path,
                        const ImportContext& ctx, const XlsxLimits& limits = {});

/// Excel's serial day number (1900 date system, with its phantom 29 Feb 1900) to a date.
std::optional<Date> ExcelSerialToDate(double serial, bool date1904 = false);

}  // namespace jixu::app
