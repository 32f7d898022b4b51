#pragma once
#include <string>

#include "core/storage/store.hpp"

namespace jixu::storage {

/// Opens (creating if needed) the SQLite database at `path` (":memory:" for tests), in WAL mode
/// with foreign keys on. Does not migrate; OpenStore does.
StorePtr OpenSqliteStore(const std::string& path);

}  // namespace jixu::storage
