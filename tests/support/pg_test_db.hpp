#pragma once
// Fresh PostgreSQL databases for tests: each store (or each CLI/API test) gets its own database,
// created from the admin URL in JIXU_TEST_DATABASE_URL (scripts/pg-test-cluster.sh prints one) and
// dropped afterwards, so tests never see each other's rows and can run in parallel.
//
// Migrated databases are cloned (CREATE DATABASE … TEMPLATE) from one migrated template per
// cluster, jixu_test_template, made once under an advisory lock by whichever test needs it first:
// cloning is a file copy, much cheaper than running every migration per test. The template (and
// so every migrated test database) uses an ICU zh-CN collation, so collation-dependent behaviour
// that would differ from SQLite on a Chinese production cluster shows up in the tests.
#include <optional>
#include <string>

#include "core/storage/store.hpp"

namespace jixu::storage::testing {

/// The admin URL from JIXU_TEST_DATABASE_URL, or nullopt when PostgreSQL tests are not configured.
std::optional<std::string> PgAdminUrl();
/// The reason to give when a PostgreSQL test is skipped for want of a server.
inline constexpr const char* kPgSkipReason =
    "PostgreSQL not configured: JIXU_TEST_DATABASE_URL is not set (scripts/run-tests.sh starts a "
    "private cluster and sets it; JIXU_TEST_POSTGRES=0 turns that off)";

/// A new empty database (jixu_test_<pid>_<n>); returns its connection string (key=value form).
std::string CreatePgTestDatabase(const std::string& admin_url);
/// A new database with every migration applied (a clone of the migrated template).
std::string CreateMigratedPgTestDatabase(const std::string& admin_url);
void DropPgTestDatabase(const std::string& admin_url, const std::string& conninfo);

/// The same database as a postgresql:// URL, for `jixu --database-url` (no shell quoting needed).
std::string PgUrlOf(const std::string& conninfo);

/// Runs one statement on the database; throws with the server's message on failure.
void PgExec(const std::string& conninfo, const std::string& sql);
/// The first column of the first row of a query as text ("" when there is none or it is NULL).
std::string PgQueryText(const std::string& conninfo, const std::string& sql);

/// A migrated store on a new database, dropped (WITH FORCE) when the store is destroyed.
StorePtr FreshPgStore(const std::string& admin_url);

/// A migrated database for the lifetime of this object (dropped WITH FORCE on destruction).
class ScopedPgTestDatabase {
 public:
  explicit ScopedPgTestDatabase(std::string admin_url);
  ~ScopedPgTestDatabase();
  ScopedPgTestDatabase(const ScopedPgTestDatabase&) = delete;
  ScopedPgTestDatabase& operator=(const ScopedPgTestDatabase&) = delete;

  const std::string& conninfo() const { return conninfo_; }
  const std::string& url() const { return url_; }

 private:
  std::string admin_url_;
  std::string conninfo_;
  std::string url_;
};

}  // namespace jixu::storage::testing
