// PostgreSQL-only behaviour the contract suites cannot see: concurrent migration, the pool under
// many threads, unit-of-work pinning, connection reuse after errors, and large COPY batches.
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <atomic>
#include <set>
#include <thread>
#include <vector>

#include "core/common/error.hpp"
#include "support/pg_test_db.hpp"
#include "storage/postgres/pg_store.hpp"
#include "storage/store_fixtures.hpp"

namespace jixu::storage::testing {
namespace {

class PgStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto url = PgAdminUrl();
    if (!url) GTEST_SKIP() << "JIXU_TEST_DATABASE_URL is not set (scripts/run-tests.sh sets it)";
    admin_url_ = *url;
    conninfo_ = CreatePgTestDatabase(admin_url_);
  }
  void TearDown() override {
    stores_.clear();
    if (!conninfo_.empty()) DropPgTestDatabase(admin_url_, conninfo_);
  }
  Store& Open(int pool_size = 4, bool migrate = true) {
    stores_.push_back(OpenPostgresStore(conninfo_, PostgresOptions{pool_size}));
    if (migrate) stores_.back()->Migrate();
    return *stores_.back();
  }
  /// Employer + provider + `n` persons; returns the person ids in input order.
  std::vector<int64_t> Seed(Store& s, int n) {
    records::Employer e = TestEmployer(1);
    s.employers().Upsert(std::span(&e, 1));
    records::Provider p = TestProvider(1);
    s.providers().Upsert(std::span(&p, 1));
    std::vector<records::Person> persons;
    for (int i = 0; i < n; ++i) persons.push_back(TestPerson(i + 1, e));
    s.persons().Upsert(persons);
    std::vector<int64_t> ids;
    for (const auto& person : persons) {
      ids.push_back(s.persons().FindByIdNumber(person.id_number)->id);
    }
    return ids;
  }

  std::string admin_url_;
  std::string conninfo_;
  std::vector<StorePtr> stores_;
};

TEST_F(PgStoreTest, ConcurrentMigrationsApplyEachVersionOnce) {
  std::vector<Store*> stores;
  for (int i = 0; i < 4; ++i) stores.push_back(&Open(2, false));
  std::vector<int> versions(stores.size());
  std::vector<std::thread> threads;
  for (size_t i = 0; i < stores.size(); ++i) {
    threads.emplace_back([&, i] { versions[i] = stores[i]->Migrate(); });
  }
  for (auto& t : threads) t.join();
  for (int v : versions) EXPECT_EQ(v, versions[0]);
  EXPECT_GE(versions[0], 1);
  EXPECT_EQ(stores[0]->Migrate(), versions[0]);  // idempotent
  EXPECT_EQ(stores[0]->employers().Count(), 0);
}

TEST_F(PgStoreTest, UnreachableServerFailsAtOpen) {
  try {
    OpenPostgresStore("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2");
    FAIL() << "expected Fault";
  } catch (const Fault& f) {
    EXPECT_EQ(f.code(), "storage_open_failed");
  }
}

TEST_F(PgStoreTest, ManyThreadsShareASmallPool) {
  Store& s = Open(2);
  auto ids = Seed(s, 40);
  std::vector<std::thread> threads;
  std::atomic<int64_t> inserted{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 5; ++i) {
        const int64_t person = ids[t * 5 + i];
        std::vector<records::LearningRecord> batch;
        for (int d = 1; d <= 6; ++d) batch.push_back(TestRecord(person, Ymd(2024, 1, d), 2));
        inserted += s.records().Insert(batch).inserted;
        EXPECT_EQ(s.summaries().Get(person, 2024).Total(), Hours::FromWhole(12));
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(inserted.load(), 240);
  EXPECT_EQ(s.records().Count(), 240);
}

TEST_F(PgStoreTest, UnitOfWorkIsPinnedToItsThreadAndInvisibleToOthers) {
  Store& s = Open(3);
  auto ids = Seed(s, 2);
  auto uow = s.Begin();
  auto r = TestRecord(ids[0], Ymd(2024, 5, 1), 8);
  s.records().Insert(std::span(&r, 1));
  EXPECT_EQ(s.records().Count(), 1);  // this thread: inside the unit
  int64_t seen_elsewhere = -1;
  std::thread([&] { seen_elsewhere = s.records().Count(); }).join();
  EXPECT_EQ(seen_elsewhere, 0);
  uow->Commit();
  std::thread([&] { seen_elsewhere = s.records().Count(); }).join();
  EXPECT_EQ(seen_elsewhere, 1);
}

TEST_F(PgStoreTest, FailedCallInsideUnitAbortsTheUnitLikeSqlite) {
  Store& s = Open(1);
  auto ids = Seed(s, 1);
  auto uow = s.Begin();
  auto good = TestRecord(ids[0], Ymd(2024, 5, 1), 8);
  s.records().Insert(std::span(&good, 1));
  auto bad = TestRecord(ids[0] + 1000, Ymd(2024, 5, 1), 8);
  EXPECT_THROW(s.records().Insert(std::span(&bad, 1)), Fault);
  try {
    uow->Commit();
    FAIL() << "expected Fault";
  } catch (const Fault& f) {
    EXPECT_EQ(f.code(), "transaction_aborted");
  }
  EXPECT_EQ(s.records().Count(), 0);  // the one pooled connection is clean again
}

TEST_F(PgStoreTest, ConnectionIsReusableAfterErrorsAndThrowingCallbacks) {
  Store& s = Open(1);
  auto ids = Seed(s, 3);
  auto bad = TestRecord(ids[0], Ymd(2024, 5, 1), 0);  // violates hours > 0
  EXPECT_THROW(s.records().Insert(std::span(&bad, 1)), Fault);
  EXPECT_THROW(s.summaries().ForEachInYear(2024, {},
                                           [](const PersonFacts&, const records::YearTotals&) {
                                             throw std::runtime_error("stop");
                                           }),
               std::runtime_error);
  int seen = 0;
  s.persons().ForEach({}, [&](const PersonFacts&) { ++seen; });
  EXPECT_EQ(seen, 3);
}

TEST_F(PgStoreTest, LargeBatchThroughCopyMatchesRebuild) {
  Store& s = Open(2);
  auto ids = Seed(s, 200);
  std::vector<records::LearningRecord> batch;
  for (int i = 0; i < 20000; ++i) {
    auto r = TestRecord(ids[i % ids.size()], Ymd(2023 + i % 2, 1 + i % 12, 1 + i % 28),
                        0.25 * (1 + i % 16), "课程 \t\"tab\\" + std::to_string(i % 5000));
    r.category = static_cast<records::Category>(i % records::kCategoryCount);
    r.form = static_cast<records::Form>(i % records::kFormCount);
    r.status = static_cast<records::RecordStatus>(i % 3);
    batch.push_back(std::move(r));
  }
  auto uow = s.Begin();
  auto stats = s.records().Insert(batch);
  uow->Commit();
  EXPECT_EQ(stats.inserted + stats.unchanged, 20000);
  EXPECT_EQ(s.records().Count(), stats.inserted);
  std::vector<records::YearTotals> before;
  for (int64_t id : ids) before.push_back(s.summaries().Get(id, 2024));
  s.summaries().Rebuild();
  for (size_t i = 0; i < ids.size(); ++i) EXPECT_EQ(s.summaries().Get(ids[i], 2024), before[i]);
  // Re-sending the batch changes nothing.
  EXPECT_EQ(s.records().Insert(batch).inserted, 0);
}

TEST_F(PgStoreTest, EveryImportPathKeepsSummariesAndIdsRight) {
  Store& s = Open(2);
  auto ids = Seed(s, 50);
  auto make = [&](int from, int to) {
    std::vector<records::LearningRecord> batch;
    for (int i = from; i < to; ++i) {
      auto r = TestRecord(ids[i % ids.size()], Ymd(2024, 1 + i % 12, 1 + i % 28), 1 + i % 5,
                          "课程" + std::to_string(i));
      r.form = static_cast<records::Form>(i % records::kFormCount);
      batch.push_back(std::move(r));
    }
    return batch;
  };
  auto uow = s.Begin();
  EXPECT_EQ(s.records().Insert(make(0, 500)).inserted, 500);     // all new: COPY paths
  EXPECT_EQ(s.records().Insert(make(500, 900)).inserted, 400);   // same person-years: upsert
  EXPECT_EQ(s.records().Insert(make(800, 1200)).inserted, 300);  // 100 known: staged path
  // Inside the unit, reads see the summary deltas still buffered for commit.
  records::YearTotals expected;
  for (const auto& r : make(0, 1200)) {
    if (r.person_id == ids[7]) expected.Apply(r, +1);
  }
  EXPECT_EQ(s.summaries().Get(ids[7], 2024), expected);
  EXPECT_EQ(s.records().Insert(make(1200, 1300)).inserted, 100);  // buffered again after a read
  uow->Commit();
  std::vector<records::YearTotals> incremental;
  for (int64_t id : ids) incremental.push_back(s.summaries().Get(id, 2024));
  s.summaries().Rebuild();
  std::set<int64_t> record_ids;
  for (size_t i = 0; i < ids.size(); ++i) {
    EXPECT_EQ(s.summaries().Get(ids[i], 2024), incremental[i]);
    for (const auto& r : s.records().ListForPerson(ids[i], 0)) {
      EXPECT_TRUE(record_ids.insert(r.id).second) << "duplicate record id " << r.id;
      EXPECT_EQ(s.records().FindById(r.id)->title, r.title);
    }
  }
  EXPECT_EQ(record_ids.size(), 1300u);
}

TEST_F(PgStoreTest, NewerSchemaIsRefused) {
  Open(1);
  // A database migrated by a newer jixu: this program must not touch it.
  PGconn* conn = PQconnectdb(conninfo_.c_str());
  PQclear(PQexec(conn, "INSERT INTO schema_migrations (version) VALUES (9999)"));
  PQfinish(conn);
  try {
    Open(1);
    FAIL() << "expected Fault";
  } catch (const Fault& f) {
    EXPECT_EQ(f.code(), "schema_too_new");
  }
}

}  // namespace
}  // namespace jixu::storage::testing
