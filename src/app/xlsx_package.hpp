#pragma once
// Internals of XlsxReader: the .xlsx package (libzip) and its XML parts (expat). The sheet is
// parsed incrementally, one compressed chunk at a time, so a large sheet does not sit in memory.
#include <expat.h>
#include <zip.h>

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "app/xlsx_reader.hpp"
#include "core/common/error.hpp"

namespace jixu::app::xlsx {

/// A part of the package that is not what ECMA-376 says (thrown while reading rows).
class MalformedXlsx : public Fault {
 public:
  MalformedXlsx(const std::string& message, int64_t line)
      : Fault("malformed_xlsx", message), line_(line) {}
  int64_t line() const { return line_; }

 private:
  int64_t line_;
};

struct SheetRow {
  int64_t line = 0;
  std::vector<std::string> cells;
};

}  // namespace jixu::app::xlsx

namespace jixu::app {

struct XlsxReader::Impl {
  ~Impl();
  zip_t* zip = nullptr;
  zip_file_t* sheet = nullptr;
  XML_Parser parser = nullptr;
  bool sheet_done = false;

  std::vector<std::string> shared;  ///< shared strings, by index
  std::vector<bool> date_style;     ///< cellXfs index → has a date format
  bool date1904 = false;

  // Parse state of the sheet.
  bool in_cell = false;
  bool in_value = false;   ///< inside <v> or an inline string's <t>
  std::string cell_type;   ///< the t attribute
  int cell_style = 0;
  int cell_col = -1;
  std::string text;
  xlsx::SheetRow row;
  int64_t last_line = 0;
  std::vector<bool> date_column;  ///< from the header row's names
  bool header_seen = false;
  std::deque<xlsx::SheetRow> ready;
  std::string error;
};

}  // namespace jixu::app

namespace jixu::app::xlsx {

/// Opens the package and prepares the first worksheet; throws Fault("malformed_xlsx").
std::unique_ptr<XlsxReader::Impl> OpenSheet(const std::string& path);
/// The next row of the first worksheet; false at its end. Throws MalformedXlsx.
bool NextRow(XlsxReader::Impl& impl, SheetRow& row);

}  // namespace jixu::app::xlsx
