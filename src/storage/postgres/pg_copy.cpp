#include "storage/postgres/pg_copy.hpp"

#include "core/common/error.hpp"

namespace jixu::storage::pg {
namespace {

constexpr char kSignature[] = "PGCOPY\n\377\r\n";  // 11 bytes incl. the embedded NUL
constexpr size_t kSignatureSize = 11;
constexpr size_t kHeaderSize = kSignatureSize + 8;  // + flags + extension length

uint32_t LoadBe32(const char* p) {
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  return (uint32_t{u[0]} << 24) | (uint32_t{u[1]} << 16) | (uint32_t{u[2]} << 8) | u[3];
}

[[noreturn]] void Malformed() {
  throw Fault("storage_error", "malformed binary COPY data from PostgreSQL");
}

}  // namespace

CopyWriter::CopyWriter() {
  buf_.reserve(1 << 16);
  buf_.append(kSignature, kSignatureSize);
  Be32(0);  // flags
  Be32(0);  // header extension length
}

std::string_view CopyWriter::Finish() {
  Be16(-1);
  return buf_;
}

bool CopyRowReader::Start(std::string_view row) {
  row_ = row;
  pos_ = 0;
  if (!header_seen_) {
    if (row_.size() < kHeaderSize || std::memcmp(row_.data(), kSignature, kSignatureSize) != 0) {
      Malformed();
    }
    uint32_t ext = LoadBe32(row_.data() + kSignatureSize + 4);
    pos_ = kHeaderSize + ext;
    header_seen_ = true;
    if (pos_ == row_.size()) return false;  // header sent on its own: no row in this message
  }
  if (pos_ + 2 > row_.size()) Malformed();
  auto hi = static_cast<unsigned char>(row_[pos_]);
  auto lo = static_cast<unsigned char>(row_[pos_ + 1]);
  pos_ += 2;
  return static_cast<int16_t>((hi << 8) | lo) != -1;
}

int32_t CopyRowReader::Peek32() const {
  if (pos_ + 4 > row_.size()) Malformed();
  return static_cast<int32_t>(LoadBe32(row_.data() + pos_));
}

int32_t CopyRowReader::Read32() {
  int32_t v = Peek32();
  pos_ += 4;
  return v;
}

std::string_view CopyRowReader::Field(int32_t expected) {
  int32_t len = Read32();
  if (len < 0 || (expected >= 0 && len != expected) || pos_ + len > row_.size()) Malformed();
  std::string_view out = row_.substr(pos_, static_cast<size_t>(len));
  pos_ += static_cast<size_t>(len);
  return out;
}

int64_t CopyRowReader::Int8() {
  std::string_view f = Field(8);
  uint64_t hi = LoadBe32(f.data());
  uint64_t lo = LoadBe32(f.data() + 4);
  return static_cast<int64_t>((hi << 32) | lo);
}

int32_t CopyRowReader::Int4() { return static_cast<int32_t>(LoadBe32(Field(4).data())); }

int16_t CopyRowReader::Int2() {
  std::string_view f = Field(2);
  return static_cast<int16_t>((static_cast<unsigned char>(f[0]) << 8) |
                              static_cast<unsigned char>(f[1]));
}

bool CopyRowReader::Bool() { return Field(1)[0] != 0; }

std::string_view CopyRowReader::Text() {
  if (IsNull()) {
    pos_ += 4;
    return {};
  }
  return Field(-1);
}

std::optional<int64_t> CopyRowReader::OptInt8() {
  if (IsNull()) {
    pos_ += 4;
    return std::nullopt;
  }
  return Int8();
}

std::optional<Date> CopyRowReader::OptDate() {
  if (IsNull()) {
    pos_ += 4;
    return std::nullopt;
  }
  return DateField();
}

}  // namespace jixu::storage::pg
