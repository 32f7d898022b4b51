#include "app/csv_reader.hpp"

#include <cstring>
#include <utility>

#include "core/common/error.hpp"

namespace jixu::app {
namespace {

constexpr size_t kChunk = size_t{1} << 20;  // 1 MiB reads: few syscalls, flat memory
constexpr std::string_view kBom = "\xEF\xBB\xBF";

void SetError(Row& row, std::string en, std::string zh) {
  row.error = std::move(en);
  row.error_zh = std::move(zh);
}

void Unterminated(Row& row) { SetError(row, "unterminated quoted field", "引号未闭合"); }

}  // namespace

CsvReader::CsvReader(const std::string& path, char delimiter, const CsvLimits& limits)
    : delimiter_(delimiter), limits_(limits) {
  file_ = std::fopen(path.c_str(), "rb");
  if (file_ == nullptr) {
    throw Fault("file_unreadable", "cannot open " + path + ": " + std::strerror(errno));
  }
  buf_.resize(kChunk);
}

CsvReader::CsvReader(char delimiter, std::string text, const CsvLimits& limits)
    : delimiter_(delimiter), limits_(limits), buf_(std::move(text)), size_(buf_.size()),
      eof_(true) {
  bytes_read_ = static_cast<int64_t>(size_);
}

CsvReader CsvReader::FromString(std::string text, char delimiter, const CsvLimits& limits) {
  return CsvReader(delimiter, std::move(text), limits);
}

CsvReader::CsvReader(CsvReader&& o) noexcept
    : file_(std::exchange(o.file_, nullptr)),
      delimiter_(o.delimiter_),
      limits_(o.limits_),
      buf_(std::move(o.buf_)),
      pos_(o.pos_),
      size_(o.size_),
      eof_(o.eof_),
      at_start_(o.at_start_),
      line_(o.line_),
      bytes_read_(o.bytes_read_) {}

CsvReader::~CsvReader() {
  if (file_ != nullptr) std::fclose(file_);
}

bool CsvReader::Fill() {
  if (eof_) return false;
  // Keep the unread tail, moved to the front; grow only when one row outgrows the buffer.
  if (pos_ > 0) {
    std::memmove(buf_.data(), buf_.data() + pos_, size_ - pos_);
    size_ -= pos_;
    pos_ = 0;
  }
  if (size_ + kChunk / 2 > buf_.size()) buf_.resize(buf_.size() * 2);
  const size_t n = std::fread(buf_.data() + size_, 1, buf_.size() - size_, file_);
  if (n == 0) {
    if (std::ferror(file_)) throw Fault("file_unreadable", "read error while reading CSV input");
    eof_ = true;
    return false;
  }
  size_ += n;
  bytes_read_ += static_cast<int64_t>(n);
  return true;
}

size_t CsvReader::FindRowEnd(bool& unterminated_quote, int64_t& newlines, bool& too_long) {
  // A quote opens a quoted section only at the start of a field (or right after a closing
  // quote: the second half of an escaped ""), so a stray quote inside plain text is literal.
  bool in_quotes = false;
  char prev = delimiter_;
  size_t scan = 0;  // relative to pos_, so it survives Fill() moving the data
  newlines = 0;
  while (true) {
    const char* p = buf_.data() + pos_;
    const size_t avail = size_ - pos_;
    for (; scan < avail; ++scan) {
      const char c = p[scan];
      if (c == '"') {
        if (in_quotes) {
          in_quotes = false;
        } else if (prev == delimiter_ || prev == '"') {
          in_quotes = true;
        }
      } else if (c == '\n') {
        if (!in_quotes) return pos_ + scan;
        ++newlines;
      }
      prev = c;
    }
    if (scan > limits_.max_row_bytes) {
      // Too long to keep: drop what was scanned and go on looking for the row's end.
      too_long = true;
      pos_ += scan;
      scan = 0;
    }
    if (!Fill()) {
      unterminated_quote = in_quotes;
      return size_;  // the last row has no line break
    }
  }
}

bool CsvReader::Next(Row& row) {
  row.fields.clear();
  row.error.clear();
  row.error_zh.clear();
  while (true) {
    if (pos_ >= size_ && !Fill()) return false;
    if (at_start_) {
      if (size_ - pos_ < kBom.size() && Fill()) continue;
      if (std::string_view(buf_.data() + pos_, size_ - pos_).starts_with(kBom)) pos_ += kBom.size();
      at_start_ = false;
      continue;
    }
    bool unterminated = false;
    bool too_long = false;
    int64_t newlines = 0;
    const size_t end = FindRowEnd(unterminated, newlines, too_long);
    const size_t begin = pos_;
    row.line = line_;
    line_ += newlines + 1;
    pos_ = end + 1;  // past the '\n' (or past the end of input)
    size_t content_end = end;
    if (content_end > begin && buf_[content_end - 1] == '\r') --content_end;
    if (too_long || content_end - begin > limits_.max_row_bytes) {
      const std::string n = std::to_string(limits_.max_row_bytes);
      SetError(row, "the row is longer than " + n + " bytes", "该行超过" + n + "字节");
      return true;
    }
    if (content_end == begin) {
      if (end >= size_ && eof_) return false;
      continue;  // blank line
    }
    SplitFields(begin, content_end, row);
    if (unterminated) Unterminated(row);
    return true;
  }
}

void CsvReader::SplitFields(size_t begin, size_t end, Row& row) {
  char* b = buf_.data();
  size_t i = begin;
  while (true) {
    if (row.fields.size() == limits_.max_fields) {
      const std::string n = std::to_string(limits_.max_fields);
      SetError(row, "the row has more than " + n + " fields", "该行超过" + n + "个字段");
      return;
    }
    if (i < end && b[i] == '"') {
      // Quoted: unescape "" in place (the output never overtakes the input).
      size_t out = i;
      const size_t start = out;
      size_t j = i + 1;
      bool closed = false;
      while (j < end) {
        if (b[j] == '"') {
          if (j + 1 < end && b[j + 1] == '"') {
            b[out++] = '"';
            j += 2;
            continue;
          }
          ++j;
          closed = true;
          break;
        }
        b[out++] = b[j++];
      }
      row.fields.emplace_back(b + start, out - start);
      if (!closed && row.error.empty()) Unterminated(row);
      if (j < end && b[j] != delimiter_) {
        if (row.error.empty()) {
          SetError(row, "unexpected character after a closing quote", "右引号后有多余字符");
        }
        const void* d = std::memchr(b + j, delimiter_, end - j);
        j = d ? static_cast<size_t>(static_cast<const char*>(d) - b) : end;
      }
      i = j;
    } else {
      const void* d = std::memchr(b + i, delimiter_, end - i);
      const size_t stop = d ? static_cast<size_t>(static_cast<const char*>(d) - b) : end;
      row.fields.emplace_back(b + i, stop - i);
      i = stop;
    }
    if (i >= end) return;
    ++i;  // past the delimiter; a delimiter at the very end yields an empty last field
  }
}

}  // namespace jixu::app
