// SQLite-specific behaviour: the schema version survives reopening, the file is in WAL mode.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "core/common/error.hpp"
#include "storage/sqlite/sqlite_db.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "storage/sqlite_test_dir.hpp"
#include "storage/store_fixtures.hpp"

namespace jixu::storage::testing {
namespace {

std::string QueryText(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
  std::string out;
  if (sqlite3_step(stmt) == SQLITE_ROW) {
    out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return out;
}

TEST(SqliteStore, MigrationsAreIdempotentOnReopen) {
  const std::string path = SqliteTestDir::Get().NewPath();
  int version = 0;
  {
    auto store = OpenSqliteStore(path);
    version = store->Migrate();
    auto e = TestEmployer(1);
    store->employers().Upsert(std::span(&e, 1));
  }
  {
    auto store = OpenSqliteStore(path);
    EXPECT_EQ(store->Migrate(), version);
    EXPECT_EQ(store->Migrate(), version);
    EXPECT_EQ(store->employers().Count(), 1);
  }
  EXPECT_EQ(QueryText(path, "SELECT count(*) FROM schema_migrations"), std::to_string(version));
  EXPECT_EQ(QueryText(path, "PRAGMA journal_mode"), "wal");
}

TEST(SqliteStore, NewDatabasesUseSixteenKibPages) {
  const std::string path = SqliteTestDir::Get().NewPath();
  OpenSqliteStore(path)->Migrate();
  EXPECT_EQ(QueryText(path, "PRAGMA page_size"), "16384");
}

// A verified unit of work skips SQLite's foreign-key probes only while it lasts: afterwards
// (committed or abandoned) a dangling reference is refused again.
TEST(SqliteStore, VerifiedUnitOfWorkRestoresForeignKeys) {
  auto store = OpenSqliteStore(":memory:");
  store->Migrate();
  {
    auto uow = store->BeginVerified();
  }  // abandoned
  {
    auto uow = store->BeginVerified();
    uow->Commit();
  }
  auto r = TestRecord(424242, Ymd(2024, 3, 1), 2);  // no such person
  EXPECT_THROW(store->records().Insert(std::span(&r, 1)), Fault);
}

// A read snapshot (Store::ReadSnapshot, held by the server across one GET) sees one state of
// the database: a write committed by another connection meanwhile is invisible until it ends.
TEST(SqliteStore, ReadSnapshotSeesOneStateUntilItEnds) {
  const std::string path = SqliteTestDir::Get().NewPath();
  auto reader = OpenSqliteStore(path);
  reader->Migrate();
  auto writer = OpenSqliteStore(path);
  auto e1 = TestEmployer(1);
  writer->employers().Upsert(std::span(&e1, 1));
  {
    auto snapshot = reader->ReadSnapshot();
    ASSERT_NE(snapshot, nullptr);
    EXPECT_EQ(reader->ReadSnapshot(), nullptr);  // not nestable: the outer one stays in charge
    EXPECT_EQ(reader->employers().Count(), 1);
    auto e2 = TestEmployer(2);
    writer->employers().Upsert(std::span(&e2, 1));
    EXPECT_EQ(reader->employers().Count(), 1);  // still the snapshot's state
  }
  EXPECT_EQ(reader->employers().Count(), 2);
}

// A write begun on a store that holds a snapshot ends the snapshot first (a deferred read
// cannot be upgraded once another connection has written), then commits normally; the
// snapshot's end afterwards is harmless.
TEST(SqliteStore, WriteInsideReadSnapshotEndsItAndCommits) {
  const std::string path = SqliteTestDir::Get().NewPath();
  auto store = OpenSqliteStore(path);
  store->Migrate();
  auto other = OpenSqliteStore(path);
  {
    auto snapshot = store->ReadSnapshot();
    ASSERT_NE(snapshot, nullptr);
    EXPECT_EQ(store->employers().Count(), 0);
    auto e1 = TestEmployer(1);
    other->employers().Upsert(std::span(&e1, 1));  // the snapshot is now stale
    auto e2 = TestEmployer(2);
    EXPECT_NO_THROW(store->employers().Upsert(std::span(&e2, 1)));
    EXPECT_EQ(store->employers().Count(), 2);
  }
  EXPECT_EQ(other->employers().Count(), 2);
  // A verified unit of work inside a snapshot still switches the foreign-key probes off and
  // back on (the pragma only works outside a transaction).
  {
    auto snapshot = store->ReadSnapshot();
    EXPECT_EQ(store->employers().Count(), 2);
    auto uow = store->BeginVerified();
    uow->Commit();
  }
  auto r = TestRecord(424242, Ymd(2024, 3, 1), 2);  // no such person
  EXPECT_THROW(store->records().Insert(std::span(&r, 1)), Fault);
}

TEST(SqliteStore, InMemoryDatabaseWorks) {
  auto store = OpenSqliteStore(":memory:");
  EXPECT_GT(store->Migrate(), 0);
  EXPECT_EQ(store->backend(), "sqlite");
}

TEST(SqliteStore, UnopenablePathIsAFault) {
  EXPECT_THROW(OpenSqliteStore("/nonexistent-dir/x/y.db"), Fault);
}

// A full disk is told apart from other storage errors ("storage_full": the API answers 507, not
// 500) and the transaction that hit it leaves nothing. max_page_count stands in for the disk (the
// same SQLITE_FULL); tests/stress/crash_stress.py --disk-full fills a real tmpfs.
TEST(SqliteStore, AFullDiskIsStorageFullAndTheTransactionLeavesNothing) {
  const std::string path = SqliteTestDir::Get().NewPath();
  sqlite::Db db(path);
  db.Exec("CREATE TABLE t (v TEXT NOT NULL)");
  db.Exec("INSERT INTO t VALUES ('before')");
  db.Exec("PRAGMA max_page_count = 8");
  db.Exec("BEGIN");
  std::string code;
  try {
    for (int i = 0; i < 100000; ++i) {
      db.Prepare("INSERT INTO t VALUES (?)").Bind(1, std::string(1000, 'x')).Exec();
    }
  } catch (const Fault& e) {
    code = e.code();
  }
  EXPECT_EQ(code, "storage_full");
  if (sqlite3_get_autocommit(db.handle()) == 0) db.Exec("ROLLBACK");
  EXPECT_EQ(QueryText(path, "SELECT count(*) FROM t"), "1");
  EXPECT_EQ(QueryText(path, "SELECT v FROM t"), "before");
}

}  // namespace
}  // namespace jixu::storage::testing
