#pragma once
// A thin layer over the raw SQLite C API: one connection, prepared statements cached per
// connection, errors turned into jixu::Fault carrying SQLite's own message, and the transaction
// nesting that makes an explicit UnitOfWork and a repository's implicit transaction one thing.
#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/common/date.hpp"

namespace jixu::storage::sqlite {

/// A cached prepared statement in use. Resets (and clears bindings) when it goes out of scope,
/// so the next user starts clean. Text and blobs are bound without copying (SQLITE_STATIC): the
/// bound data must outlive the Step() calls, which holds for every caller here (values come from
/// the caller's objects, never from temporaries).
class Stmt {
 public:
  Stmt(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt() { Reset(); }

  Stmt& Bind(int index, int64_t value);
  Stmt& Bind(int index, std::string_view text);
  Stmt& BindBlob(int index, std::span<const std::byte> blob);
  Stmt& BindNull(int index);
  /// A date as YYYYMMDD, or NULL.
  Stmt& Bind(int index, const std::optional<Date>& date);

  /// Advances: true when a row is available, false when done. Throws Fault on error.
  bool Step();
  /// Runs a statement that returns no rows (or ignores them); returns sqlite3_changes().
  int Exec();
  void Reset();

  int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  bool IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::string_view Text(int col) const;
  std::span<const std::byte> Blob(int col) const;
  std::optional<Date> OptDate(int col) const;
  Date DateAt(int col) const;

 private:
  [[noreturn]] void Fail(int rc) const;
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

/// One SQLite connection and its statement cache. Not thread-safe: one connection per thread.
class Db {
 public:
  explicit Db(const std::string& path);
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  ~Db();

  /// The cached statement for `sql` (prepared on first use). `sql` is the cache key.
  Stmt Prepare(const std::string& sql);
  /// Runs one or more statements without caching (DDL, pragmas, BEGIN/COMMIT).
  void Exec(const std::string& sql);
  int64_t LastInsertId() const { return sqlite3_last_insert_rowid(db_); }
  sqlite3* handle() { return db_; }
  const std::string& path() const { return path_; }

  [[noreturn]] void Fail(int rc, std::string_view what) const;

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

/// YYYYMMDD integer ⇄ Date; storage keeps dates readable in SQL and sortable.
inline int64_t ToYmd(Date d) { return d.ToYmdInt(); }

}  // namespace jixu::storage::sqlite
