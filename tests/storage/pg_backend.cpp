// Registers the PostgreSQL backend for the storage contract suites: a fresh database per store
// on the server named by JIXU_TEST_DATABASE_URL (scripts/run-tests.sh starts a private cluster
// and exports it).
//
// Registered whether or not the variable is set, because gtest_discover_tests lists the tests
// when the binary is built, usually without the variable; the list must not depend on it. When
// it is unset at run time, each postgresql test is reported SKIPPED (never passed): the store
// factory records the skip and returns no store, and gtest does not run a body after a SetUp
// that skipped. FreshStore is therefore only to be called from SetUp, as StoreContract does.
#include <gtest/gtest.h>

#include "storage/backend_registry.hpp"
#include "support/pg_test_db.hpp"

namespace jixu::storage::testing {
namespace {

void SkipWithoutServer() {
  GTEST_SKIP() << "JIXU_TEST_DATABASE_URL is not set (scripts/run-tests.sh sets it)";
}

const bool kRegistered = RegisterBackend("postgresql", []() -> StorePtr {
  auto url = PgAdminUrl();
  if (!url) {
    SkipWithoutServer();
    return nullptr;
  }
  return FreshPgStore(*url);
});

}  // namespace
}  // namespace jixu::storage::testing
