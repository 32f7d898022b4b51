#pragma once
// Picks a storage backend from the configuration: a PostgreSQL URL (flag --database-url or env
// JIXU_DATABASE_URL) selects PostgreSQL; otherwise the SQLite file at `sqlite_path`.
#include <string>

#include "core/storage/store.hpp"

namespace jixu::storage {

struct StoreConfig {
  std::string sqlite_path = "jixu.db";
  std::string database_url;  ///< postgresql://… ; empty = SQLite
  /// --data-key / JIXU_DATA_KEY_FILE: the KEK file for persons' ID numbers; empty = the default
  /// (privacy::DefaultKeyFile: `<db>.data-key`, or `jixu-data.key` for PostgreSQL).
  std::string data_key_file;
};

/// Opens the store and runs pending migrations. Throws Fault if it cannot be opened.
StorePtr OpenStore(const StoreConfig& config);

}  // namespace jixu::storage
