#pragma once
// The database one CLI or API test runs `jixu` against, on either backend: a SQLite file in the
// test's folder, or a fresh PostgreSQL database of its own (support/pg_test_db.hpp), dropped when
// the test ends. Suites are value-parameterized over TestBackends(), so every test name ends in
// /sqlite or /postgresql and CTest says which backend failed.
//
//   class MyTest : public ::testing::TestWithParam<std::string> {
//     void SetUp() override { JIXU_SKIP_UNLESS_AVAILABLE(GetParam()); … }
//   };
//   JIXU_INSTANTIATE_FOR_TEST_BACKENDS(MyTest);
//
// The postgresql instances are always listed (gtest_discover_tests lists them at build time,
// without the server); when JIXU_TEST_DATABASE_URL is unset at run time they report SKIPPED.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "storage/factory.hpp"

namespace jixu::storage::testing {
class ScopedPgTestDatabase;
}

namespace jixu::testing {

/// Every backend the CLI and API suites run on: "sqlite", "postgresql".
std::vector<std::string> TestBackends();
inline std::string BackendParamName(const ::testing::TestParamInfo<std::string>& info) {
  return info.param;
}

/// Why `backend` cannot run here (nullopt: it can).
std::optional<std::string> UnavailableReason(const std::string& backend);

class TestDatabase {
 public:
  /// SQLite: `dir`/t.db (created on first use by jixu). PostgreSQL: a new migrated database;
  /// throws when UnavailableReason(backend) is set, so check that first.
  TestDatabase(std::string backend, const std::filesystem::path& dir);
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  const std::string& backend() const { return backend_; }
  /// The jixu global options choosing this database, shell-quoted: --db '…' / --database-url '…'
  /// (PostgreSQL adds --audit-key and --audit-checkpoints in the test's folder; SQLite uses the
  /// defaults beside t.db).
  std::string StorageFlags() const;
  /// The same database for opening it in-process.
  storage::StoreConfig Config() const;
  /// Where jixu keeps this database's audit key and checkpoints.
  std::filesystem::path AuditKeyPath() const;
  std::filesystem::path AuditCheckpointsPath() const;
  /// The key file that unwraps the database's ID-number keys (storage/sql/privacy/key_file.hpp).
  std::filesystem::path DataKeyPath() const;
  /// Runs one SQL statement directly on the database, past jixu (e.g. to tamper with a row).
  void Exec(const std::string& sql) const;
  /// The first column of the first row of a query, as text ("" when none or NULL).
  std::string QueryText(const std::string& sql) const;

 private:
  std::string backend_;
  std::filesystem::path dir_;
  std::filesystem::path sqlite_path_;
  std::unique_ptr<storage::testing::ScopedPgTestDatabase> pg_;
};

}  // namespace jixu::testing

/// In SetUp (or the test body): reports the test SKIPPED, with the reason, when its backend is
/// not available here.
#define JIXU_SKIP_UNLESS_AVAILABLE(backend)                                       \
  do {                                                                            \
    if (auto why_ = ::jixu::testing::UnavailableReason(backend)) GTEST_SKIP() << *why_; \
  } while (false)

#define JIXU_INSTANTIATE_FOR_TEST_BACKENDS(Suite)                                       \
  INSTANTIATE_TEST_SUITE_P(Backends, Suite,                                             \
                           ::testing::ValuesIn(::jixu::testing::TestBackends()),        \
                           ::jixu::testing::BackendParamName)
