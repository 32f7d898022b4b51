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
  /// Page cache per connection; 64 MiB suits the server's short transactions.
  int cache_mib = 64;
  /// Page cache while one transaction writes more than 100,000 rows (a bulk import), restored
  /// when it ends. Such a load updates the record-key index at random places; once the index
  /// outgrows the cache every insert pays page reads and spills. 384 MiB holds the index of
  /// about ten million records and keeps a national import under 1 GiB of memory.
  int bulk_cache_mib = 384;
  /// Page size of a database this store creates (an existing one keeps its own: SQLite cannot
  /// change it in WAL mode). Larger pages make the B-trees of a ten-million-record table
  /// shallower and cut the per-page work of a bulk load (docs/performance.md). 0: SQLite's.
  /// Overridable with JIXU_SQLITE_PAGE_SIZE (benchmarks compare sizes).
  int page_size = 16384;
  /// How long a writer waits for another connection's write lock before failing.
  int busy_timeout_ms = 5000;
  /// The key file of the keys that seal persons' ID numbers (privacy/key_file.hpp); empty: the
  /// default, `<path>.data-key` beside the database (in memory for ":memory:").
  std::string data_key_file;
};

/// Opens (creating if needed) the SQLite database at `path` (":memory:" for tests), in WAL mode
/// with foreign keys on. Does not migrate; OpenStore does. The store is one connection and is
/// not thread-safe: use one store per thread (WAL lets readers run beside the writer).
StorePtr OpenSqliteStore(const std::string& path);
StorePtr OpenSqliteStore(const std::string& path, const SqliteOptions& options);

}  // namespace jixu::storage
