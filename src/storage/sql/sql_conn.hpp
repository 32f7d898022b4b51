#pragma once
// One SQL text for both backends. The server's repositories (server_repos.hpp) are plain
// CRUD and listing over small tables, so they are written once against this narrow interface;
// the SQLite and PostgreSQL adapters translate placeholders and types. Placeholders are $1, $2…
// numbered in order of first appearance (SQLite's adapter rewrites them to ?N). Booleans are
// stored as integers 0/1 in both, blobs are BLOB/bytea, times are unix seconds (bigint).
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace jixu::storage::privacy {
class KeyRing;
}

namespace jixu::storage::sql {

struct Blob {
  std::string_view bytes;
};
using Value = std::variant<std::monostate, int64_t, std::string, Blob>;
using Values = std::vector<Value>;

/// One result row; valid only inside the Query callback.
class Row {
 public:
  virtual ~Row() = default;
  virtual bool IsNull(int col) const = 0;
  virtual int64_t Int(int col) const = 0;
  virtual std::string Text(int col) const = 0;
  virtual std::string BlobAt(int col) const = 0;
};

class SqlConn {
 public:
  virtual ~SqlConn() = default;
  /// Runs a statement, calling `fn` per row.
  virtual void Query(const std::string& sql, const Values& params,
                     const std::function<void(const Row&)>& fn) = 0;
  /// Runs a statement that returns no rows; returns the number of rows changed.
  virtual int64_t Exec(const std::string& sql, const Values& params) = 0;
  /// Runs `fn` in one transaction (joining the caller's unit of work if one is open).
  virtual void Atomically(const std::function<void()>& fn) = 0;
  /// Serialises writers of one logical resource across processes for the rest of the
  /// transaction (PostgreSQL: advisory lock; SQLite: no-op, its write transaction is exclusive).
  virtual void LockKey(int64_t key) = 0;
  /// A condition "column starts with the value of placeholder `ph`", served by the column's
  /// index in each backend (byte-wise range; region codes are ASCII digits).
  virtual std::string PrefixCond(std::string_view column, std::string_view ph) const = 0;
  /// An expression giving a DATE column as YYYYMMDD integer.
  virtual std::string DateInt(std::string_view column) const = 0;
  /// A text column as an ORDER BY key in byte (code point) order, whatever the database's
  /// collation: SQLite's default BINARY already is; PostgreSQL adds COLLATE "C", so a database
  /// created with e.g. a zh_CN locale sorts names like SQLite does, not by pinyin.
  virtual std::string ByteOrder(std::string_view column) const { return std::string(column); }

  /// First column of the first row as an integer; `fallback` if no row.
  int64_t ScalarInt(const std::string& sql, const Values& params, int64_t fallback = 0);
  /// The keys that seal persons' ID numbers (privacy/key_ring.hpp); the store sets them.
  privacy::KeyRing& keys() const { return *keys_; }
  void set_keys(privacy::KeyRing& keys) { keys_ = &keys; }

 private:
  privacy::KeyRing* keys_ = nullptr;
};

/// Builds " WHERE a AND b" with numbered placeholders; values collected in order.
class Where {
 public:
  /// `cond` uses "?" for each value, replaced by the next $N.
  Where& Add(std::string_view cond, std::initializer_list<Value> values = {});
  std::string Sql() const { return sql_; }
  const Values& values() const { return values_; }
  /// "column starts with prefix" (SqlConn::PrefixCond); nothing when the prefix is empty.
  Where& AddPrefix(const SqlConn& conn, std::string_view column, const std::string& prefix);
  /// The next placeholder, for LIMIT/OFFSET after the WHERE.
  std::string Next(Value v);

 private:
  std::string sql_;
  Values values_;
};

/// End of a prefix range: codes starting with `prefix` are >= prefix and < PrefixEnd(prefix).
std::string PrefixEnd(std::string_view prefix);

}  // namespace jixu::storage::sql
