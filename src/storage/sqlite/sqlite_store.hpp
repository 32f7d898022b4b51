#pragma once
#include <string>

#include "core/storage/store.hpp"

namespace jixu::storage {

/// Connection settings of the SQLite backend; the defaults are the production choice.
struct SqliteOptions {
  /// synchronous=FULL: the WAL is fsynced at every commit, so an acknowledged write survives a
  /// power loss, not only a crash of the process (kill -9, which NORMAL already survives). The
  /// cost is one fsync per transaction, which bulk imports pay once (one transaction).
  bool synchronous_full = true;
  /// Page cache per connection. Bulk imports into a large database profit from more (the record
  /// key index is updated at random places); 64 MiB suits the server.
  int cache_mib = 64;
  /// How long a writer waits for another connection's write lock before failing.
  int busy_timeout_ms = 5000;
};

/// Opens (creating if needed) the SQLite database at `path` (":memory:" for tests), in WAL mode
/// with foreign keys on. Does not migrate; OpenStore does. The store is one connection and is
/// not thread-safe: use one store per thread (WAL lets readers run beside the writer).
StorePtr OpenSqliteStore(const std::string& path);
StorePtr OpenSqliteStore(const std::string& path, const SqliteOptions& options);

}  // namespace jixu::storage
