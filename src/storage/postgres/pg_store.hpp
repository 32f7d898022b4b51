#pragma once
#include <string>

#include "core/storage/store.hpp"

namespace jixu::storage {

/// Connection settings of the PostgreSQL backend; the defaults are the production choice.
struct PostgresOptions {
  /// Connections one store (one `jixu serve` process) opens at most. Callers beyond that wait
  /// for a free one. docs/scaling.md explains the sizing against max_connections.
  int pool_size = 8;
  /// The key file of the keys that seal persons' ID numbers (privacy/key_file.hpp); empty: the
  /// default, `jixu-data.key` in the working directory.
  std::string data_key_file;
};

/// Opens a PostgreSQL store for a libpq URL or keyword string (postgresql://user@host:port/db).
/// Connects once to fail early on a bad URL; does not migrate (OpenStore does). The store is
/// thread-safe: each call borrows a pooled connection, and a UnitOfWork pins one connection to
/// the thread that began it until Commit or destruction.
StorePtr OpenPostgresStore(const std::string& url);
StorePtr OpenPostgresStore(const std::string& url, const PostgresOptions& options);

}  // namespace jixu::storage
