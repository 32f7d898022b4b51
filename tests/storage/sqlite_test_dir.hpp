#pragma once
#include <filesystem>
#include <string>

namespace jixu::storage::testing {

/// A per-process temporary folder for SQLite test databases, removed at exit.
class SqliteTestDir {
 public:
  static SqliteTestDir& Get();
  /// A path for a new database file (not created).
  std::string NewPath();
  const std::filesystem::path& dir() const { return dir_; }

 private:
  SqliteTestDir();
  ~SqliteTestDir();
  std::filesystem::path dir_;
};

}  // namespace jixu::storage::testing
