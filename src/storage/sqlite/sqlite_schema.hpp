#pragma once
// Versioned schema: ordered SQL migrations in code, recorded in `schema_migrations`, applied in
// one transaction at start.
#include "core/common/error.hpp"
#include "storage/sqlite/sqlite_conn.hpp"

namespace jixu::storage::sqlite {

int LatestSchemaVersion();

/// Applies pending migrations in one transaction; returns the version now in force. Throws Fault
/// if the database is newer than this program.
int Migrate(Conn& conn);

}  // namespace jixu::storage::sqlite
