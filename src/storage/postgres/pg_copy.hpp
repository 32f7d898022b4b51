#pragma once
// PostgreSQL binary COPY format, both ways. Bulk paths (record import, whole-population streams)
// use it because it needs no text escaping or number parsing on either side: fields are
// length-prefixed, integers big-endian, dates days since 2000-01-01.
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include "core/common/date.hpp"

namespace jixu::storage::pg {

/// Days between 1970-01-01 (jixu::Date's epoch) and 2000-01-01 (PostgreSQL's).
inline constexpr int32_t kPgEpochOffsetDays = 10957;

/// Builds a COPY ... FROM STDIN (FORMAT binary) payload in memory.
class CopyWriter {
 public:
  CopyWriter();
  void BeginRow(int16_t fields) { Be16(fields); }
  void Int8(int64_t v) {
    Be32(8);
    Be64(static_cast<uint64_t>(v));
  }
  void Int4(int32_t v) {
    Be32(4);
    Be32(static_cast<uint32_t>(v));
  }
  void Int2(int16_t v) {
    Be32(2);
    Be16(v);
  }
  void Bool(bool v) {
    Be32(1);
    buf_.push_back(v ? 1 : 0);
  }
  void Text(std::string_view s) {
    Be32(static_cast<uint32_t>(s.size()));
    buf_.append(s);
  }
  void DateField(Date d) { Int4(d.days() - kPgEpochOffsetDays); }
  void OptDate(const std::optional<Date>& d) {
    if (d) {
      DateField(*d);
    } else {
      Null();
    }
  }
  void Null() { Be32(0xffffffffU); }
  /// Appends the trailer and returns the payload (what Consume() has not taken); the writer is
  /// spent afterwards.
  std::string_view Finish();
  size_t size() const { return buf_.size(); }
  /// For streaming: the bytes encoded so far, then Consume() once they are sent.
  std::string_view data() const { return buf_; }
  void Consume() { buf_.clear(); }

 private:
  void Be16(int16_t v) {
    uint16_t u = static_cast<uint16_t>(v);
    char b[2] = {static_cast<char>(u >> 8), static_cast<char>(u)};
    buf_.append(b, 2);
  }
  void Be32(uint32_t v) {
    char b[4] = {static_cast<char>(v >> 24), static_cast<char>(v >> 16),
                 static_cast<char>(v >> 8), static_cast<char>(v)};
    buf_.append(b, 4);
  }
  void Be64(uint64_t v) {
    Be32(static_cast<uint32_t>(v >> 32));
    Be32(static_cast<uint32_t>(v));
  }
  std::string buf_;
};

/// Reads one data row of a COPY ... TO STDOUT (FORMAT binary) stream. libpq hands over exactly one
/// row per PQgetCopyData call; the first also carries the file header, the last is the trailer.
class CopyRowReader {
 public:
  /// Returns false when the message holds no row (the trailer, or a lone header).
  bool Start(std::string_view row);
  bool IsNull() const { return Peek32() == -1; }
  int64_t Int8();
  int32_t Int4();
  int16_t Int2();
  bool Bool();
  std::string_view Text();
  std::optional<int64_t> OptInt8();
  std::optional<Date> OptDate();
  Date DateField() { return Date::FromDays(Int4() + kPgEpochOffsetDays); }

 private:
  int32_t Peek32() const;
  int32_t Read32();
  std::string_view Field(int32_t expected);

  std::string_view row_;
  size_t pos_ = 0;
  bool header_seen_ = false;
};

}  // namespace jixu::storage::pg
