#pragma once
// Internals of XlsxReader: the .xlsx package (libzip) and its XML parts (expat). Every part is
// streamed through PartStream, which counts inflated bytes against the part's cap and the ratio
// cap (the sizes in the ZIP directory are the sender's claim, never used to allocate). The sheet
// is parsed one row at a time: the parser suspends at each row's end, so one row is in memory.
#include <expat.h>
#include <zip.h>

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "app/xlsx_reader.hpp"
#include "core/common/error.hpp"

namespace jixu::app::xlsx {

/// A package that is not what ECMA-376 says, or passes a limit of XlsxLimits. Codes:
/// "malformed_xlsx" (message_zh empty: the English detail is technical) or
/// "xlsx_limit_exceeded" (both messages name the limit).
class MalformedXlsx : public Fault {
 public:
  MalformedXlsx(const std::string& message, int64_t line)
      : Fault("malformed_xlsx", message), line_(line) {}
  MalformedXlsx(std::string code, std::string zh, const std::string& en, int64_t line)
      : Fault(std::move(code), en), zh_(std::move(zh)), line_(line) {}
  int64_t line() const { return line_; }
  const std::string& message_zh() const { return zh_; }

 private:
  std::string zh_;
  int64_t line_;
};

/// Throws MalformedXlsx("xlsx_limit_exceeded") naming what passed which limit.
[[noreturn]] void LimitExceeded(const std::string& what_zh, const std::string& what_en,
                                uint64_t limit, const char* unit_zh, const char* unit_en,
                                int64_t line);

/// One part of the package, read in chunks with its inflated bytes counted.
class PartStream {
 public:
  /// Null if the part does not exist. `max_bytes` caps its inflated size.
  static std::unique_ptr<PartStream> Open(zip_t* zip, const std::string& name, uint64_t max_bytes,
                                          const XlsxLimits& limits, uint64_t archive_bytes);
  ~PartStream();
  PartStream(const PartStream&) = delete;
  PartStream& operator=(const PartStream&) = delete;
  /// Up to `n` bytes; 0 at the end. Throws MalformedXlsx on a broken stream or a passed limit
  /// (`line` is the sheet row the error belongs to, 0 outside the sheet).
  size_t Read(char* buf, size_t n, int64_t line = 0);
  uint64_t inflated() const { return inflated_; }

 private:
  PartStream() = default;
  zip_file_t* file_ = nullptr;
  std::string name_;
  uint64_t max_bytes_ = 0;
  uint64_t compressed_ = 0;  ///< at most the archive's size, whatever the directory says
  uint64_t max_ratio_ = 0;
  uint64_t inflated_ = 0;
};

/// Shared strings in fixed blocks: growing never copies the text, so the table costs its text
/// plus 12 bytes a string.
class StringTable {
 public:
  explicit StringTable(uint64_t max_entry_bytes) : block_size_(BlockSize(max_entry_bytes)) {}
  void Reserve(uint64_t n) { start_.reserve(n), size_.reserve(n); }
  void Begin();
  void Append(std::string_view s);
  size_t size() const { return start_.size(); }
  uint64_t bytes() const { return bytes_; }
  /// Bytes of the entry being built (the last).
  uint64_t last_size() const { return size_.empty() ? 0 : size_.back(); }
  std::string_view Get(size_t i) const;

 private:
  static size_t BlockSize(uint64_t max_entry);
  size_t block_size_;
  std::vector<std::unique_ptr<char[]>> blocks_;
  size_t used_ = 0;  ///< bytes used in the last block
  std::vector<uint64_t> start_;  ///< block index × block size + offset
  std::vector<uint32_t> size_;
  uint64_t bytes_ = 0;
};

struct SheetRow {
  int64_t line = 0;
  std::vector<std::string> cells;
};

}  // namespace jixu::app::xlsx

namespace jixu::app {

struct XlsxReader::Impl {
  explicit Impl(const XlsxLimits& l) : limits(l), shared(l.max_cell_bytes) {}
  ~Impl();
  XlsxLimits limits;
  std::string bytes;  ///< the package, when read from memory (libzip reads it in place)
  uint64_t archive_bytes = 0;
  zip_t* zip = nullptr;
  std::unique_ptr<xlsx::PartStream> sheet;
  XML_Parser parser = nullptr;
  std::vector<char> chunk;
  bool sheet_done = false;

  xlsx::StringTable shared;
  std::vector<bool> date_style;  ///< cellXfs index → has a date format
  bool date1904 = false;

  // Parse state of the sheet.
  bool in_cell = false;
  bool in_value = false;  ///< inside <v> or an inline string's <t>
  int phonetic = 0;       ///< inside <rPh> (a reading guide, not cell text)
  std::string cell_type;  ///< the t attribute
  int cell_style = 0;
  int cell_col = -1;
  int next_col = 0;  ///< the column of a cell without an r attribute
  std::string text;
  xlsx::SheetRow row;
  uint64_t row_bytes = 0;
  int64_t rows = 0;
  int64_t last_line = 0;
  std::vector<bool> date_column;  ///< from the header row's names
  bool header_seen = false;
  std::deque<xlsx::SheetRow> ready;
  std::unique_ptr<xlsx::MalformedXlsx> error;  ///< raised in a callback, thrown by NextRow
};

}  // namespace jixu::app

namespace jixu::app::xlsx {

/// Opens the package and prepares the first worksheet; throws MalformedXlsx.
std::unique_ptr<XlsxReader::Impl> OpenSheet(const std::string& path, const XlsxLimits& limits);
std::unique_ptr<XlsxReader::Impl> OpenSheetFromBytes(std::string bytes, const XlsxLimits& limits);
/// The next row of the first worksheet; false at its end. Throws MalformedXlsx.
bool NextRow(XlsxReader::Impl& impl, SheetRow& row);

/// Local name of a possibly prefixed element ("x:row" → "row"), and an attribute by local name.
const char* Local(const char* name);
const char* Attr(const char** attrs, const char* name);
/// A parser whose callbacks receive the parser itself (XML_UseParserAsHandlerArg; the user data
/// through XML_GetUserData), and which stops at a DOCTYPE: OOXML has none, and a DTD is how
/// entity-expansion bombs start: XML_Parse then fails with XML_ERROR_ABORTED.
XML_Parser NewParser(void* user_data);
/// Why XML_Parse failed, for messages.
std::string XmlError(XML_Parser p);

}  // namespace jixu::app::xlsx
