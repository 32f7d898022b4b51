// Streaming the first worksheet's XML into rows (see xlsx_package.hpp).
#include <cmath>
#include <cstdio>
#include <cstring>

#include "app/xlsx_package.hpp"

namespace jixu::app {

XlsxReader::Impl::~Impl() {
  if (parser != nullptr) XML_ParserFree(parser);
  if (sheet != nullptr) zip_fclose(sheet);
  if (zip != nullptr) zip_discard(zip);  // read-only: nothing to write back
}

namespace xlsx {
namespace {

using Impl = XlsxReader::Impl;

const char* Local(const char* name) {
  const char* colon = std::strrchr(name, ':');
  return colon != nullptr ? colon + 1 : name;
}

const char* Attr(const char** attrs, const char* name) {
  for (int i = 0; attrs[i] != nullptr; i += 2) {
    if (std::strcmp(Local(attrs[i]), name) == 0) return attrs[i + 1];
  }
  return nullptr;
}

/// "BC12" → 54 (0-based column); -1 if there are no letters.
int ColumnOf(const char* ref) {
  int col = 0;
  int letters = 0;
  for (; *ref >= 'A' && *ref <= 'Z'; ++ref, ++letters) col = col * 26 + (*ref - 'A' + 1);
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
    return impl.shared[static_cast<size_t>(idx)];
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

void OnStart(void* user, const char* raw, const char** attrs) {
  auto& impl = *static_cast<Impl*>(user);
  const char* n = Local(raw);
  if (std::strcmp(n, "row") == 0) {
    const char* r = Attr(attrs, "r");
    impl.row.line = r != nullptr ? std::atoll(r) : impl.last_line + 1;
    impl.row.cells.clear();
  } else if (std::strcmp(n, "c") == 0) {
    impl.in_cell = true;
    impl.text.clear();
    const char* t = Attr(attrs, "t");
    impl.cell_type = t != nullptr ? t : "n";
    const char* s = Attr(attrs, "s");
    impl.cell_style = s != nullptr ? std::atoi(s) : 0;
    const char* r = Attr(attrs, "r");
    const int col = r != nullptr ? ColumnOf(r) : -1;
    impl.cell_col = col >= 0 ? col : static_cast<int>(impl.row.cells.size());
  } else if (impl.in_cell && (std::strcmp(n, "v") == 0 || std::strcmp(n, "t") == 0)) {
    impl.in_value = true;
  }
}

void EndElement(Impl& impl, const char* raw) {
  const char* n = Local(raw);
  if (std::strcmp(n, "v") == 0 || std::strcmp(n, "t") == 0) {
    impl.in_value = false;
  } else if (std::strcmp(n, "c") == 0) {
    impl.in_cell = false;
    constexpr int kMaxColumns = 16384;  // XFD, Excel's last column
    if (impl.cell_col >= kMaxColumns) throw MalformedXlsx("cell beyond column XFD", impl.row.line);
    if (impl.row.cells.size() <= static_cast<size_t>(impl.cell_col)) {
      impl.row.cells.resize(static_cast<size_t>(impl.cell_col) + 1);
    }
    impl.row.cells[static_cast<size_t>(impl.cell_col)] = CellValue(impl);
  } else if (std::strcmp(n, "row") == 0) {
    impl.last_line = impl.row.line;
    if (!impl.header_seen) {
      impl.date_column.clear();
      for (const auto& h : impl.row.cells) impl.date_column.push_back(IsDateHeader(h));
      impl.header_seen = true;
    }
    impl.ready.push_back(std::move(impl.row));
    impl.row = SheetRow{};
  }
}

// Exceptions must not unwind through expat's C frames: keep the message, stop the parser, and
// throw from NextRow.
void OnEnd(void* user, const char* raw) {
  auto& impl = *static_cast<Impl*>(user);
  try {
    EndElement(impl, raw);
  } catch (const MalformedXlsx& e) {
    impl.error = e.what();
    XML_StopParser(impl.parser, XML_FALSE);
  }
}

void OnChars(void* user, const char* s, int len) {
  auto& impl = *static_cast<Impl*>(user);
  if (impl.in_value) impl.text.append(s, static_cast<size_t>(len));
}

}  // namespace

bool NextRow(Impl& impl, SheetRow& row) {
  if (impl.parser == nullptr) {
    impl.parser = XML_ParserCreate("UTF-8");
    XML_SetUserData(impl.parser, &impl);
    XML_SetElementHandler(impl.parser, OnStart, OnEnd);
    XML_SetCharacterDataHandler(impl.parser, OnChars);
  }
  char buf[64 * 1024];
  while (impl.ready.empty() && !impl.sheet_done) {
    const zip_int64_t n = zip_fread(impl.sheet, buf, sizeof buf);
    if (n < 0) throw MalformedXlsx("the worksheet cannot be decompressed", impl.last_line + 1);
    impl.sheet_done = n == 0;
    if (XML_Parse(impl.parser, buf, static_cast<int>(n), impl.sheet_done) != XML_STATUS_OK) {
      if (!impl.error.empty()) throw MalformedXlsx(impl.error, impl.row.line);
      throw MalformedXlsx(std::string("broken worksheet XML: ") +
                              XML_ErrorString(XML_GetErrorCode(impl.parser)),
                          impl.last_line + 1);
    }
  }
  if (impl.ready.empty()) return false;
  row = std::move(impl.ready.front());
  impl.ready.pop_front();
  return true;
}

}  // namespace xlsx
}  // namespace jixu::app
