#include "storage/sqlite/sqlite_sql_conn.hpp"

#include <cctype>

namespace jixu::storage::sqlite {
namespace {

/// "$12" → "?12": the shared SQL numbers placeholders PostgreSQL's way. None of it quotes a
/// dollar sign, so a plain scan suffices.
std::string ToSqlitePlaceholders(const std::string& sql) {
  std::string out = sql;
  for (size_t i = 0; i + 1 < out.size(); ++i) {
    if (out[i] == '$' && std::isdigit(static_cast<unsigned char>(out[i + 1]))) out[i] = '?';
  }
  return out;
}

class SqliteRow final : public sql::Row {
 public:
  explicit SqliteRow(const Stmt& s) : s_(s) {}
  bool IsNull(int col) const override { return s_.IsNull(col); }
  int64_t Int(int col) const override { return s_.Int(col); }
  std::string Text(int col) const override { return std::string(s_.Text(col)); }
  std::string BlobAt(int col) const override {
    auto b = s_.Blob(col);
    return std::string(reinterpret_cast<const char*>(b.data()), b.size());
  }

 private:
  const Stmt& s_;
};

void BindAll(Stmt& q, const sql::Values& params) {
  for (size_t i = 0; i < params.size(); ++i) {
    const int idx = static_cast<int>(i) + 1;
    const auto& v = params[i];
    if (std::holds_alternative<int64_t>(v)) {
      q.Bind(idx, std::get<int64_t>(v));
    } else if (std::holds_alternative<std::string>(v)) {
      q.Bind(idx, std::string_view(std::get<std::string>(v)));
    } else if (std::holds_alternative<sql::Blob>(v)) {
      auto b = std::get<sql::Blob>(v).bytes;
      q.BindBlob(idx, std::span(reinterpret_cast<const std::byte*>(b.data()), b.size()));
    } else {
      q.BindNull(idx);
    }
  }
}

}  // namespace

void SqliteSqlConn::Query(const std::string& sql, const sql::Values& params,
                          const std::function<void(const sql::Row&)>& fn) {
  Stmt q = conn_.db.Prepare(ToSqlitePlaceholders(sql));
  BindAll(q, params);
  SqliteRow row(q);
  while (q.Step()) fn(row);
}

int64_t SqliteSqlConn::Exec(const std::string& sql, const sql::Values& params) {
  Stmt q = conn_.db.Prepare(ToSqlitePlaceholders(sql));
  BindAll(q, params);
  return q.Exec();
}

void SqliteSqlConn::Atomically(const std::function<void()>& fn) {
  WriteTx tx(conn_);
  fn();
  tx.Commit();
}

std::string SqliteSqlConn::PrefixCond(std::string_view column, std::string_view ph) const {
  const std::string c(column), p(ph);
  // U+10FFFF sorts (byte-wise) after every character, so a Chinese name prefix works too
  // (char(127) cut off every name whose next character is not ASCII).
  return "(" + c + " >= " + p + " AND " + c + " < " + p + " || char(1114111))";
}

}  // namespace jixu::storage::sqlite
