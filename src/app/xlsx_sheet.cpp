// Streaming the first worksheet's XML into rows (see xlsx_package.hpp). The parser suspends at
// the end of each row, so one row at a time is held whatever the sheet's size; every cell, row
// and the row count are checked against XlsxLimits before they grow.
#include <cmath>
#include <cstdio>
#include <cstring>

#include "app/xlsx_package.hpp"

namespace jixu::app {

XlsxReader::Impl::~Impl() {
  if (parser != nullptr) XML_ParserFree(parser);
  sheet.reset();
  if (zip != nullptr) zip_discard(zip);  // read-only: nothing to write back
}

namespace xlsx {
namespace {

using Impl = XlsxReader::Impl;

constexpr size_t kChunkBytes = 64 * 1024;

Impl& ImplOf(void* parser) {
  return *static_cast<Impl*>(XML_GetUserData(static_cast<XML_Parser>(parser)));
}

/// "BC12" → 54 (0-based column); -1 if there are no letters; INT32_MAX past four letters
/// (beyond XFD whatever follows).
int ColumnOf(const char* ref) {
  int col = 0;
  int letters = 0;
  for (; *ref >= 'A' && *ref <= 'Z'; ++ref, ++letters) {
    if (letters == 4) return INT32_MAX;
    col = col * 26 + (*ref - 'A' + 1);
  }
  return letters == 0 ? -1 : col - 1;
}

/// Header names that hold dates (the importer's date columns in both languages, and the like).
bool IsDateHeader(std::string h) {
  for (auto& c : h) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (h.find("日期") != std::string::npos || h.find("时间") != std::string::npos) return true;
  for (const char* n : {"date", "title_since", "joined", "completed_on", "joined_on", "from", "to"}) {
    if (h == n) return true;
  }
  return h.size() > 5 && h.compare(h.size() - 5, 5, "_date") == 0;
}

std::string NumberText(double v) {
  char buf[64];
  if (std::fabs(v) < 1e21 && v == std::floor(v)) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  } else {
    // 15 significant digits, as Excel displays: 0.1+0.2 shows as 0.3, not 0.30000000000000004.
    std::snprintf(buf, sizeof buf, "%.15g", v);
  }
  return buf;
}

std::string CellValue(Impl& impl) {
  const std::string& t = impl.cell_type;
  if (t == "s") {
    char* end = nullptr;
    const long idx = std::strtol(impl.text.c_str(), &end, 10);
    if (end == impl.text.c_str() || idx < 0 || static_cast<size_t>(idx) >= impl.shared.size()) {
      throw MalformedXlsx("shared string index out of range", impl.row.line);
    }
    return std::string(impl.shared.Get(static_cast<size_t>(idx)));
  }
  if (t == "inlineStr" || t == "str" || t == "e") return impl.text;
  if (t == "b") return impl.text == "1" ? "TRUE" : "FALSE";
  if (impl.text.empty()) return "";
  char* end = nullptr;
  const double v = std::strtod(impl.text.c_str(), &end);
  if (end == impl.text.c_str()) return impl.text;
  const bool style_date = impl.cell_style >= 0 &&
                          static_cast<size_t>(impl.cell_style) < impl.date_style.size() &&
                          impl.date_style[static_cast<size_t>(impl.cell_style)];
  const bool column_date = impl.header_seen && impl.cell_col >= 0 &&
                           static_cast<size_t>(impl.cell_col) < impl.date_column.size() &&
                           impl.date_column[static_cast<size_t>(impl.cell_col)];
  if (style_date || column_date) {
    if (auto d = ExcelSerialToDate(v, impl.date1904)) return d->ToString();
  }
  return NumberText(v);
}

void StartRow(Impl& impl, const char** attrs) {
  const XlsxLimits& lim = impl.limits;
  if (++impl.rows > lim.max_rows) {
    LimitExceeded("工作表行数", "rows in the sheet", static_cast<uint64_t>(lim.max_rows), "行",
                  "rows", impl.last_line + 1);
  }
  const char* r = Attr(attrs, "r");
  int64_t line = impl.last_line + 1;
  if (r != nullptr) {
    char* end = nullptr;
    line = std::strtoll(r, &end, 10);
    if (end == r || *end != '\0' || line < 1 || line > lim.max_rows) {
      throw MalformedXlsx("row number out of range: " + std::string(r).substr(0, 20),
                          impl.last_line + 1);
    }
  }
  impl.row.line = line;
  impl.row.cells.clear();
  impl.row_bytes = 0;
  impl.next_col = 0;
}

void StartCell(Impl& impl, const char** attrs) {
  impl.in_cell = true;
  impl.phonetic = 0;
  impl.text.clear();
  const char* t = Attr(attrs, "t");
  impl.cell_type = t != nullptr ? std::string(t).substr(0, 16) : "n";
  const char* s = Attr(attrs, "s");
  impl.cell_style = 0;
  if (s != nullptr) {
    const long long v = std::strtoll(s, nullptr, 10);
    impl.cell_style = v < 0 || v > INT32_MAX ? -1 : static_cast<int>(v);
  }
  const char* r = Attr(attrs, "r");
  const int col = r != nullptr ? ColumnOf(r) : -1;
  impl.cell_col = col >= 0 ? col : impl.next_col;
  impl.next_col = impl.cell_col < INT32_MAX ? impl.cell_col + 1 : INT32_MAX;
}

void OnStart(void* parser, const char* raw, const char** attrs) {
  auto& impl = ImplOf(parser);
  const char* n = Local(raw);
  try {
    if (std::strcmp(n, "row") == 0) {
      StartRow(impl, attrs);
    } else if (std::strcmp(n, "c") == 0) {
      StartCell(impl, attrs);
    } else if (impl.in_cell && std::strcmp(n, "rPh") == 0) {
      ++impl.phonetic;
    } else if (impl.in_cell && (std::strcmp(n, "v") == 0 || std::strcmp(n, "t") == 0)) {
      impl.in_value = impl.phonetic == 0;
    }
  } catch (const MalformedXlsx& e) {
    impl.error = std::make_unique<MalformedXlsx>(e);
    XML_StopParser(static_cast<XML_Parser>(parser), XML_FALSE);
  }
}

void EndCell(Impl& impl) {
  impl.in_cell = false;
  std::string value = CellValue(impl);
  impl.row_bytes += value.size();
  if (impl.row_bytes > impl.limits.max_row_bytes) {
    LimitExceeded("第" + std::to_string(impl.row.line) + "行的总长度",
                  "row " + std::to_string(impl.row.line), impl.limits.max_row_bytes, "字节",
                  "bytes", impl.row.line);
  }
  const auto col = static_cast<size_t>(impl.cell_col);
  if (col >= impl.row.cells.size()) {
    // An empty cell past the last value adds nothing (Excel writes styled empty cells).
    if (value.empty()) return;
    if (impl.cell_col >= impl.limits.max_columns) {
      LimitExceeded("第" + std::to_string(impl.row.line) + "行的列数",
                    "columns of row " + std::to_string(impl.row.line),
                    static_cast<uint64_t>(impl.limits.max_columns), "列", "columns",
                    impl.row.line);
    }
    impl.row.cells.resize(col + 1);
  }
  impl.row.cells[col] = std::move(value);
}

/// Returns true at a row's end: the parser then suspends so the row is handed out alone.
bool EndElement(Impl& impl, const char* raw) {
  const char* n = Local(raw);
  if (std::strcmp(n, "v") == 0 || std::strcmp(n, "t") == 0) {
    impl.in_value = false;
  } else if (std::strcmp(n, "rPh") == 0) {
    if (impl.phonetic > 0) --impl.phonetic;
  } else if (std::strcmp(n, "c") == 0) {
    EndCell(impl);
  } else if (std::strcmp(n, "row") == 0) {
    impl.last_line = impl.row.line;
    if (!impl.header_seen) {
      impl.date_column.clear();
      for (const auto& h : impl.row.cells) impl.date_column.push_back(IsDateHeader(h));
      impl.header_seen = true;
    }
    impl.ready.push_back(std::move(impl.row));
    impl.row = SheetRow{};
    return true;
  }
  return false;
}

// Exceptions must not unwind through expat's C frames: keep the error, stop the parser, and
// throw from NextRow.
void OnEnd(void* parser, const char* raw) {
  auto& impl = ImplOf(parser);
  try {
    if (EndElement(impl, raw)) XML_StopParser(static_cast<XML_Parser>(parser), XML_TRUE);
  } catch (const MalformedXlsx& e) {
    impl.error = std::make_unique<MalformedXlsx>(e);
    XML_StopParser(static_cast<XML_Parser>(parser), XML_FALSE);
  }
}

void OnChars(void* parser, const char* s, int len) {
  auto& impl = ImplOf(parser);
  if (!impl.in_value || impl.error) return;
  if (impl.text.size() + static_cast<size_t>(len) > impl.limits.max_cell_bytes) {
    try {
      LimitExceeded("第" + std::to_string(impl.row.line) + "行一个单元格的长度",
                    "a cell of row " + std::to_string(impl.row.line), impl.limits.max_cell_bytes,
                    "字节", "bytes", impl.row.line);
    } catch (const MalformedXlsx& e) {
      impl.error = std::make_unique<MalformedXlsx>(e);
      XML_StopParser(static_cast<XML_Parser>(parser), XML_FALSE);
      return;
    }
  }
  impl.text.append(s, static_cast<size_t>(len));
}

/// Feeds the parser: resumes a suspended parse, or reads and parses the next chunk.
void Advance(Impl& impl) {
  XML_ParsingStatus status;
  XML_GetParsingStatus(impl.parser, &status);
  XML_Status rc;
  if (status.parsing == XML_SUSPENDED) {
    rc = XML_ResumeParser(impl.parser);
  } else {
    const size_t n = impl.sheet->Read(impl.chunk.data(), impl.chunk.size(), impl.last_line + 1);
    impl.sheet_done = n == 0;
    rc = XML_Parse(impl.parser, impl.chunk.data(), static_cast<int>(n), impl.sheet_done);
  }
  if (rc == XML_STATUS_ERROR) {
    if (impl.error) throw *impl.error;
    throw MalformedXlsx("broken worksheet XML: " + XmlError(impl.parser), impl.last_line + 1);
  }
}

bool Finished(Impl& impl) {
  XML_ParsingStatus status;
  XML_GetParsingStatus(impl.parser, &status);
  return status.parsing == XML_FINISHED;
}

}  // namespace

bool NextRow(Impl& impl, SheetRow& row) {
  if (impl.parser == nullptr) {
    impl.parser = NewParser(&impl);
    XML_SetElementHandler(impl.parser, OnStart, OnEnd);
    XML_SetCharacterDataHandler(impl.parser, OnChars);
    impl.chunk.resize(kChunkBytes);
  }
  while (impl.ready.empty() && !Finished(impl)) Advance(impl);
  if (impl.ready.empty()) return false;
  row = std::move(impl.ready.front());
  impl.ready.pop_front();
  return true;
}

}  // namespace xlsx
}  // namespace jixu::app
