#include "storage/sqlite/sqlite_db.hpp"

#include "core/common/error.hpp"

namespace jixu::storage::sqlite {

Stmt& Stmt::Bind(int index, int64_t value) {
  if (int rc = sqlite3_bind_int64(stmt_, index, value); rc != SQLITE_OK) Fail(rc);
  return *this;
}

Stmt& Stmt::Bind(int index, std::string_view text) {
  // A null data pointer would bind NULL; an empty string must stay an empty string.
  const char* data = text.data() != nullptr ? text.data() : "";
  if (int rc = sqlite3_bind_text(stmt_, index, data, static_cast<int>(text.size()), SQLITE_STATIC);
      rc != SQLITE_OK) {
    Fail(rc);
  }
  return *this;
}

Stmt& Stmt::BindBlob(int index, std::span<const std::byte> blob) {
  if (int rc = sqlite3_bind_blob(stmt_, index, blob.data(), static_cast<int>(blob.size()),
                                 SQLITE_STATIC);
      rc != SQLITE_OK) {
    Fail(rc);
  }
  return *this;
}

Stmt& Stmt::BindNull(int index) {
  if (int rc = sqlite3_bind_null(stmt_, index); rc != SQLITE_OK) Fail(rc);
  return *this;
}

Stmt& Stmt::Bind(int index, const std::optional<Date>& date) {
  return date ? Bind(index, static_cast<int64_t>(date->ToYmdInt())) : BindNull(index);
}

bool Stmt::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Fail(rc);
}

int Stmt::Exec() {
  while (Step()) {
  }
  return sqlite3_changes(db_);
}

void Stmt::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string_view Stmt::Text(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  if (p == nullptr) return {};
  return {p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col))};
}

std::span<const std::byte> Stmt::Blob(int col) const {
  const auto* p = static_cast<const std::byte*>(sqlite3_column_blob(stmt_, col));
  if (p == nullptr) return {};
  return {p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col))};
}

std::optional<Date> Stmt::OptDate(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Date::FromYmdInt(static_cast<int32_t>(Int(col)));
}

Date Stmt::DateAt(int col) const {
  auto d = Date::FromYmdInt(static_cast<int32_t>(Int(col)));
  if (!d) throw Fault("storage_corrupt", "stored date is not a valid YYYYMMDD value");
  return *d;
}

namespace {

/// "storage_full" when the disk (or max_page_count) is full, so the API can say so (507) instead
/// of an internal error; "storage_error" for everything else.
const char* CodeOf(int rc) { return (rc & 0xff) == SQLITE_FULL ? "storage_full" : "storage_error"; }

}  // namespace

void Stmt::Fail(int rc) const {
  const char* sql = sqlite3_sql(stmt_);
  throw Fault(CodeOf(rc), std::string("sqlite: ") + sqlite3_errmsg(db_) + " (" +
                                   sqlite3_errstr(rc) + ") in: " + (sql ? sql : "?"));
}

Db::Db(const std::string& path) : path_(path) {
  // Memory statistics make every SQLite allocation take a process-wide mutex (a few percent
  // of a bulk import); jixu never reads them. Only possible before SQLite initialises, i.e.
  // before the first connection opens; if something else opened one first, nothing changes.
  static const bool kConfigured = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)kConfigured;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw Fault("storage_open_failed", "sqlite: cannot open " + path + ": " + msg);
  }
  sqlite3_extended_result_codes(db_, 1);
}

Db::~Db() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
}

Stmt Db::Prepare(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) Fail(rc, sql);
    it = cache_.emplace(sql, stmt).first;
  }
  return Stmt(db_, it->second);
}

void Db::Exec(const std::string& sql) {
  char* err = nullptr;
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    throw Fault(CodeOf(rc), "sqlite: " + msg + " in: " + sql.substr(0, 200));
  }
}

void Db::Fail(int rc, std::string_view what) const {
  throw Fault(CodeOf(rc), std::string("sqlite: ") + sqlite3_errmsg(db_) + " (" +
                                   sqlite3_errstr(rc) + ") in: " + std::string(what.substr(0, 200)));
}

}  // namespace jixu::storage::sqlite
