// Registers the SQLite backend for the storage contract suites: a fresh database file per test
// in a temporary folder that is removed when the test program exits.
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <string>

#include "storage/backend_registry.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "storage/sqlite_test_dir.hpp"

namespace jixu::storage::testing {

SqliteTestDir::SqliteTestDir() {
  dir_ = std::filesystem::temp_directory_path() /
         ("jixu-storage-tests-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir_);
}

SqliteTestDir::~SqliteTestDir() {
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

std::string SqliteTestDir::NewPath() {
  static std::atomic<int> counter{0};
  return (dir_ / ("store-" + std::to_string(++counter) + ".db")).string();
}

SqliteTestDir& SqliteTestDir::Get() {
  static SqliteTestDir dir;
  return dir;
}

namespace {

const bool kRegistered = RegisterBackend("sqlite", [] {
  StorePtr store = OpenSqliteStore(SqliteTestDir::Get().NewPath());
  store->Migrate();
  return store;
});

}  // namespace
}  // namespace jixu::storage::testing
