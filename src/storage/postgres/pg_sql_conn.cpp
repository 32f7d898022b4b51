#include "storage/postgres/pg_sql_conn.hpp"

#include <charconv>

namespace jixu::storage::pg {
namespace {

constexpr char kHex[] = "0123456789abcdef";

/// bytea travels as its hex text form ("\x…") in the text protocol the connection uses.
std::string ByteaHex(std::string_view bytes) {
  std::string out = "\\x";
  out.reserve(2 + bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

int HexVal(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  throw Fault("storage_error", "bad bytea hex");
}

Params ToParams(const sql::Values& values) {
  Params p;
  for (const auto& v : values) {
    if (std::holds_alternative<int64_t>(v)) {
      p.Add(std::get<int64_t>(v));
    } else if (std::holds_alternative<std::string>(v)) {
      p.Add(std::get<std::string>(v));
    } else if (std::holds_alternative<sql::Blob>(v)) {
      p.Add(ByteaHex(std::get<sql::Blob>(v).bytes));
    } else {
      p.AddNull();
    }
  }
  return p;
}

class PgRow final : public sql::Row {
 public:
  PgRow(const PgResult& r, int row) : r_(r), row_(row) {}
  bool IsNull(int col) const override { return r_.IsNull(row_, col); }
  int64_t Int(int col) const override { return r_.Int(row_, col); }
  std::string Text(int col) const override { return r_.String(row_, col); }
  std::string BlobAt(int col) const override {
    std::string_view hex = r_.Text(row_, col);
    if (hex.substr(0, 2) != "\\x") throw Fault("storage_error", "bytea not in hex format");
    std::string out;
    out.reserve((hex.size() - 2) / 2);
    for (size_t i = 2; i + 1 < hex.size(); i += 2) {
      out.push_back(static_cast<char>(HexVal(hex[i]) * 16 + HexVal(hex[i + 1])));
    }
    return out;
  }

 private:
  const PgResult& r_;
  int row_;
};

}  // namespace

void PgSqlConn::Query(const std::string& sql, const sql::Values& params,
                      const std::function<void(const sql::Row&)>& fn) {
  PgResult r;
  {
    auto conn = db_.Borrow();
    r = conn->Run(sql, ToParams(params));
  }
  for (int i = 0; i < r.rows(); ++i) fn(PgRow(r, i));
}

int64_t PgSqlConn::Exec(const std::string& sql, const sql::Values& params) {
  auto conn = db_.Borrow();
  PgResult r = conn->Run(sql, ToParams(params));
  // The command tag ends with the row count ("UPDATE 3", "INSERT 0 1").
  std::string_view tag = r.CommandTag();
  const size_t space = tag.rfind(' ');
  int64_t n = 0;
  if (space != std::string_view::npos) {
    std::from_chars(tag.data() + space + 1, tag.data() + tag.size(), n);
  }
  return n;
}

void PgSqlConn::Atomically(const std::function<void()>& fn) {
  auto uow = db_.Begin();  // pins a connection to this thread; Borrow() inside returns it
  fn();
  uow->Commit();
}

void PgSqlConn::LockKey(int64_t key) {
  db_.Borrow()->Run("SELECT pg_advisory_xact_lock($1)", Params().Add(key));
}

std::string PgSqlConn::PrefixCond(std::string_view column, std::string_view ph) const {
  const std::string c(column), p(ph);
  // Byte-wise operators: collation-independent and served by the text_pattern_ops indexes.
  // U+10FFFF sorts (byte-wise) after every character, so a Chinese name prefix works too
  // (chr(127) cut off every name whose next character is not ASCII).
  return "(" + c + " ~>=~ " + p + "::text AND " + c + " ~<~ (" + p + "::text || chr(1114111)))";
}

std::string PgSqlConn::DateInt(std::string_view column) const {
  return "to_char(" + std::string(column) + ", 'YYYYMMDD')::integer";
}

}  // namespace jixu::storage::pg
