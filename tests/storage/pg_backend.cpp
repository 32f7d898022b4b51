// Registers the PostgreSQL backend for the storage contract suites when a server is configured
// (JIXU_TEST_DATABASE_URL, exported by scripts/run-tests.sh): a fresh database per store.
#include "storage/backend_registry.hpp"
#include "storage/pg_test_db.hpp"

namespace jixu::storage::testing {
namespace {

const bool kRegistered = [] {
  if (auto url = PgAdminUrl()) {
    return RegisterBackend("postgresql", [admin = *url] { return FreshPgStore(admin); });
  }
  return false;
}();

}  // namespace
}  // namespace jixu::storage::testing
