#include "storage/factory.hpp"

#include "core/common/error.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#ifdef JIXU_WITH_POSTGRES
#include "storage/postgres/pg_store.hpp"
#endif

namespace jixu::storage {

StorePtr OpenStore(const StoreConfig& config) {
  StorePtr store;
  if (!config.database_url.empty()) {
#ifdef JIXU_WITH_POSTGRES
    PostgresOptions o;
    o.data_key_file = config.data_key_file;
    store = OpenPostgresStore(config.database_url, o);
#else
    throw Fault("backend_unavailable", "this build has no PostgreSQL backend");
#endif
  } else {
    SqliteOptions o;
    o.data_key_file = config.data_key_file;
    store = OpenSqliteStore(config.sqlite_path, o);
  }
  store->Migrate();
  return store;
}

}  // namespace jixu::storage
