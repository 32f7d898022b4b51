#include "support/test_database.hpp"

#include <sqlite3.h>

#include <stdexcept>

#include "support/pg_test_db.hpp"

namespace jixu::testing {

std::vector<std::string> TestBackends() { return {"sqlite", "postgresql"}; }

std::optional<std::string> UnavailableReason(const std::string& backend) {
  if (backend == "postgresql" && !storage::testing::PgAdminUrl()) {
    return std::string(storage::testing::kPgSkipReason);
  }
  if (backend != "sqlite" && backend != "postgresql") return "unknown backend " + backend;
  return std::nullopt;
}

TestDatabase::TestDatabase(std::string backend, const std::filesystem::path& dir)
    : backend_(std::move(backend)), dir_(dir) {
  if (auto why = UnavailableReason(backend_)) throw std::runtime_error(*why);
  if (backend_ == "sqlite") {
    sqlite_path_ = dir / "t.db";
  } else {
    pg_ = std::make_unique<storage::testing::ScopedPgTestDatabase>(*storage::testing::PgAdminUrl());
  }
}

TestDatabase::~TestDatabase() = default;

std::string TestDatabase::StorageFlags() const {
  // Neither a temporary path nor a test database URL holds a single quote.
  if (!pg_) return "--db '" + sqlite_path_.string() + "'";
  return "--database-url '" + pg_->url() + "' --audit-key '" + AuditKeyPath().string() +
         "' --audit-checkpoints '" + AuditCheckpointsPath().string() + "' --data-key '" +
         DataKeyPath().string() + "'";
}

storage::StoreConfig TestDatabase::Config() const {
  storage::StoreConfig c;
  if (pg_) {
    c.database_url = pg_->url();
    c.data_key_file = DataKeyPath().string();
  } else {
    c.sqlite_path = sqlite_path_.string();
  }
  return c;
}

std::filesystem::path TestDatabase::AuditKeyPath() const {
  return pg_ ? dir_ / "audit.key" : std::filesystem::path(sqlite_path_.string() + ".audit-key");
}

std::filesystem::path TestDatabase::DataKeyPath() const {
  return pg_ ? dir_ / "data.key" : std::filesystem::path(sqlite_path_.string() + ".data-key");
}

std::filesystem::path TestDatabase::AuditCheckpointsPath() const {
  return pg_ ? dir_ / "audit-checkpoints.jsonl"
             : std::filesystem::path(sqlite_path_.string() + ".audit-checkpoints.jsonl");
}

void TestDatabase::Exec(const std::string& sql) const {
  if (pg_) {
    storage::testing::PgExec(pg_->conninfo(), sql);
    return;
  }
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(sqlite_path_.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    const std::string message = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    throw std::runtime_error("cannot open " + sqlite_path_.string() + ": " + message);
  }
  sqlite3_busy_timeout(db, 10000);
  char* err = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  const std::string message = err ? err : "";
  sqlite3_free(err);
  sqlite3_close(db);
  if (rc != SQLITE_OK) throw std::runtime_error(sql + ": " + message);
}

std::string TestDatabase::QueryText(const std::string& sql) const {
  if (pg_) return storage::testing::PgQueryText(pg_->conninfo(), sql);
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(sqlite_path_.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    throw std::runtime_error("cannot open " + sqlite_path_.string());
  }
  sqlite3_busy_timeout(db, 10000);
  sqlite3_stmt* st = nullptr;
  std::string out;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
    out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  }
  const std::string message = sqlite3_errmsg(db);
  const bool ok = st != nullptr;
  sqlite3_finalize(st);
  sqlite3_close(db);
  if (!ok) throw std::runtime_error(sql + ": " + message);
  return out;
}

}  // namespace jixu::testing
