#pragma once
// Fresh PostgreSQL databases for tests: each store gets its own database, created from the
// admin URL in JIXU_TEST_DATABASE_URL (scripts/pg-test-cluster.sh prints one) and dropped when
// the store is destroyed, so tests never see each other's rows and can run in parallel.
#include <optional>
#include <string>

#include "core/storage/store.hpp"

namespace jixu::storage::testing {

/// The admin URL from JIXU_TEST_DATABASE_URL, or nullopt when PostgreSQL tests are not configured.
std::optional<std::string> PgAdminUrl();

/// A new empty database (jixu_test_<pid>_<n>); returns its connection string.
std::string CreatePgTestDatabase(const std::string& admin_url);
void DropPgTestDatabase(const std::string& admin_url, const std::string& conninfo);

/// A migrated store on a new database, dropped (WITH FORCE) when the store is destroyed.
StorePtr FreshPgStore(const std::string& admin_url);

}  // namespace jixu::storage::testing
