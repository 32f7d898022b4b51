#pragma once
// Streaming readers of tabular input. The importer reads rows through RowSource, so CSV today
// and Excel sheets later feed the same pipeline; a row is a vector of string views into the
// reader's buffer, valid until the next call to Next().
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace jixu::app {

struct Row {
  int64_t line = 0;                      ///< 1-based line on which the row starts
  std::vector<std::string_view> fields;  ///< unquoted values; valid until the next Next()
  std::string error;                     ///< non-empty if the row is malformed (e.g. a bad quote)
  std::string error_zh;                  ///< the same in Chinese
};

/// What one CSV row may hold (docs/cli.md#import-limits). A longer row is not kept in memory:
/// it is read past and reported as a malformed row, so memory stays bounded whatever the input.
struct CsvLimits {
  /// Bytes of one row, line breaks inside quoted fields included.
  size_t max_row_bytes = size_t{1} << 20;
  /// Fields of one row.
  size_t max_fields = 1024;
};

class RowSource {
 public:
  virtual ~RowSource() = default;
  /// Reads the next non-blank row into `row`; false at the end of input.
  virtual bool Next(Row& row) = 0;
};

/// RFC 4180 CSV: fields separated by `delimiter`, optionally in double quotes (a quote inside a
/// quoted field doubled, newlines allowed inside), rows ended by LF or CRLF. A UTF-8 byte order
/// mark at the start is skipped; blank lines are skipped (but counted). Reads the file in
/// fixed-size chunks, so memory stays flat whatever the file size (one row must fit in memory).
class CsvReader final : public RowSource {
 public:
  /// Opens `path`; throws Fault("file_unreadable") if it cannot be opened.
  explicit CsvReader(const std::string& path, char delimiter = ',', const CsvLimits& limits = {});
  /// Reads from text already in memory (tests, converted spreadsheets, request bodies).
  static CsvReader FromString(std::string text, char delimiter = ',', const CsvLimits& limits = {});
  CsvReader(CsvReader&& other) noexcept;
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;
  ~CsvReader() override;

  bool Next(Row& row) override;
  /// Bytes consumed so far (for progress on a file of known size).
  int64_t bytes_read() const { return bytes_read_; }

 private:
  CsvReader(char delimiter, std::string text, const CsvLimits& limits);
  /// Finds the end of the row starting at pos_, reading more input as needed. Returns the
  /// offset one past the row's last byte (before its line break) or npos at the end of input.
  /// A row past max_row_bytes is dropped as it is scanned (pos_ moves on) and `too_long` set.
  size_t FindRowEnd(bool& unterminated_quote, int64_t& newlines, bool& too_long);
  bool Fill();
  void SplitFields(size_t begin, size_t end, Row& row);

  std::FILE* file_ = nullptr;
  char delimiter_;
  CsvLimits limits_;
  std::string buf_;
  size_t pos_ = 0;   ///< start of unread data in buf_
  size_t size_ = 0;  ///< end of valid data in buf_
  bool eof_ = false;
  bool at_start_ = true;
  int64_t line_ = 1;
  int64_t bytes_read_ = 0;
};

}  // namespace jixu::app
