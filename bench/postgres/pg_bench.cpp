// PostgreSQL backend benchmark at national shape (default 1M persons × 10 records), each figure
// beside its raw baseline measured in the same run on the same server:
//   import of the records through RecordRepository::Insert (COPY + set-wise summaries)
//     vs raw binary COPY of the same rows into an equivalent table (no index / natural key);
//   whole-population compliance input (SummaryRepository::ForEachInYear)
//     vs a raw GROUP BY over the year's records;
//   durable single-record writes (one transaction each).
// Usage: jixu_pg_bench --url ADMIN_URL [--persons N] [--records-per-person K] [--batch B] [--keep]
// Run it against a cluster started with `scripts/pg-test-cluster.sh start DIR --durable`.
#include <libpq-fe.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

#include "bench/postgres/pg_bench_data.hpp"
#include "core/common/error.hpp"
#include "storage/postgres/pg_store.hpp"

namespace jixu::bench {
namespace {

using Clock = std::chrono::steady_clock;
double Since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

struct Options {
  std::string url;
  Scale scale;
  bool keep = false;
};

std::string WithDatabase(const std::string& url, const std::string& dbname) {
  char* err = nullptr;
  PQconninfoOption* opts = PQconninfoParse(url.c_str(), &err);
  if (opts == nullptr) throw Fault("bad_url", err ? err : "invalid connection string");
  std::string out;
  for (PQconninfoOption* o = opts; o->keyword != nullptr; ++o) {
    if (std::strcmp(o->keyword, "dbname") == 0 || o->val == nullptr || *o->val == '\0') continue;
    out += std::string(o->keyword) + "='" + o->val + "' ";
  }
  PQconninfoFree(opts);
  return out + "dbname=" + dbname;
}

void Row(const char* what, double seconds, double rows, const char* baseline, double base_s) {
  std::printf("| %-44s | %8.2f s | %7.3f M rows/s | %-34s | %8.2f s | %5.2f× |\n", what, seconds,
              rows / seconds / 1e6, baseline, base_s, seconds / base_s);
}

void ImportPersons(storage::Store& store, const Options& o,
                   const std::vector<records::Employer>& employers) {
  constexpr int64_t kBatch = 50'000;
  const auto t0 = Clock::now();
  auto uow = store.Begin();
  for (int64_t first = 1; first <= o.scale.persons; first += kBatch) {
    auto batch = MakePersons(o.scale, first, std::min(kBatch, o.scale.persons - first + 1),
                             employers);
    store.persons().Upsert(batch);
  }
  uow->Commit();
  const double s = Since(t0);
  std::printf("persons: %lld in %.2f s (%.3f M/s, generation included)\n",
              static_cast<long long>(o.scale.persons), s, o.scale.persons / s / 1e6);
}

/// Returns seconds spent in Insert and Commit (row generation excluded).
double ImportRecords(storage::Store& store, const Scale& s,
                     const std::vector<records::Provider>& providers, int64_t& inserted) {
  const int64_t persons_per_batch = std::max<int64_t>(1, s.batch / s.records_per_person);
  double seconds = 0;
  inserted = 0;
  auto t0 = Clock::now();
  auto uow = store.Begin();
  seconds += Since(t0);
  for (int64_t first = 1; first <= s.persons; first += persons_per_batch) {
    const auto batch =
        MakeRecords(s, first, std::min(persons_per_batch, s.persons - first + 1), providers);
    t0 = Clock::now();
    inserted += store.records().Insert(batch).inserted;
    seconds += Since(t0);
  }
  t0 = Clock::now();
  uow->Commit();
  return seconds + Since(t0);
}

double StreamYear(storage::Store& store, int year, int64_t& persons, int64_t& centi) {
  persons = 0;
  centi = 0;
  const auto t0 = Clock::now();
  store.summaries().ForEachInYear(year, {}, [&](const storage::PersonFacts&,
                                                const records::YearTotals& t) {
    ++persons;
    centi += t.Total().centi();
  });
  return Since(t0);
}

double SingleCommits(storage::Store& store, const Scale& s,
                     const std::vector<records::Provider>& providers, int n) {
  Scale one = s;
  one.records_per_person = 1;
  one.year = s.year + 1;  // new keys: every write inserts
  const auto t0 = Clock::now();
  for (int i = 0; i < n; ++i) {
    auto r = MakeRecords(one, 1 + i, 1, providers);
    store.records().Insert(r);
  }
  return Since(t0);
}

int Run(const Options& o) {
  const std::string db = "jixu_bench_" + std::to_string(::getpid());
  storage::pg::PgConnection admin(o.url);
  admin.Exec("CREATE DATABASE " + db + " TEMPLATE template0 ENCODING 'UTF8'");
  const std::string conninfo = WithDatabase(o.url, db);
  {
    storage::StorePtr store = storage::OpenPostgresStore(conninfo);
    store->Migrate();
    storage::pg::PgConnection conn(conninfo);
    const Scale& s = o.scale;
    std::printf("server: %s\n", conn.Exec("SELECT version()").String(0, 0).c_str());
    std::printf("fsync=%s synchronous_commit=%s shared_buffers=%s\n",
                conn.Exec("SHOW fsync").String(0, 0).c_str(),
                conn.Exec("SHOW synchronous_commit").String(0, 0).c_str(),
                conn.Exec("SHOW shared_buffers").String(0, 0).c_str());
    std::printf("scale: %lld persons × %d records, batch %zu\n",
                static_cast<long long>(s.persons), s.records_per_person, s.batch);
    const auto employers = MakeEmployers(s);
    const auto providers = MakeProviders(s);
    store->employers().Upsert(employers);
    store->providers().Upsert(providers);
    ImportPersons(*store, o, employers);

    const double rows = static_cast<double>(s.persons) * s.records_per_person;
    const double raw_heap = RawCopy(conn, false, s, providers);
    const double raw_keyed = RawCopy(conn, true, s, providers);
    conn.Exec("DROP TABLE raw_records; CHECKPOINT");
    int64_t inserted = 0;
    const double import_s = ImportRecords(*store, s, providers, inserted);
    std::printf("inserted %lld records\n\n", static_cast<long long>(inserted));
    std::printf("| measured | time | rate | raw baseline | time | ratio |\n|---|---|---|---|---|---|\n");
    Row("Insert (COPY → staging → INSERT…SELECT + sums)", import_s, rows,
        "raw COPY, same columns, no index", raw_heap);
    Row("Insert (same run)", import_s, rows, "raw COPY, natural-key primary key", raw_keyed);

    int64_t persons = 0, centi = 0, group_rows = 0;
    const double cold = StreamYear(*store, s.year, persons, centi);
    conn.Exec("VACUUM ANALYZE persons");
    conn.Exec("VACUUM ANALYZE person_year_totals");
    conn.Exec("VACUUM ANALYZE learning_records");
    double best = cold, raw_best = 1e9;
    for (int i = 0; i < 3; ++i) {
      best = std::min(best, StreamYear(*store, s.year, persons, centi));
      raw_best = std::min(raw_best, RawGroupBy(conn, s.year, group_rows));
    }
    std::printf("ForEachInYear: %lld persons, %.2f total hours; first run (before VACUUM "
                "ANALYZE) %.2f s; raw GROUP BY rows %lld\n",
                static_cast<long long>(persons), centi / 100.0, cold,
                static_cast<long long>(group_rows));
    Row("ForEachInYear (all persons, best of 3)", best, static_cast<double>(persons),
        "raw GROUP BY over the year's records", raw_best);

    const int kCommits = 2000;
    const double commits = SingleCommits(*store, s, providers, kCommits);
    std::printf("\nsingle-record Insert, one transaction each: %d in %.2f s = %.0f commits/s\n",
                kCommits, commits, kCommits / commits);
    std::printf("sizes: %s\n",
                conn.Exec("SELECT string_agg(relname || ' ' || pg_size_pretty("
                          "pg_total_relation_size(oid)), ', ' ORDER BY relname) FROM pg_class"
                          " WHERE relname IN ('learning_records', 'person_year_totals',"
                          " 'persons')")
                    .String(0, 0)
                    .c_str());
  }
  if (!o.keep) admin.Exec("DROP DATABASE " + db + " WITH (FORCE)");
  return 0;
}

}  // namespace
}  // namespace jixu::bench

int main(int argc, char** argv) {
  jixu::bench::Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--url") o.url = next();
    else if (a == "--persons") o.scale.persons = std::stoll(next());
    else if (a == "--records-per-person") o.scale.records_per_person = std::stoi(next());
    else if (a == "--batch") o.scale.batch = std::stoul(next());
    else if (a == "--keep") o.keep = true;
    else {
      std::fprintf(stderr, "unknown argument %s\n", a.c_str());
      return 2;
    }
  }
  if (o.url.empty()) {
    if (const char* env = std::getenv("JIXU_TEST_DATABASE_URL")) o.url = env;
  }
  if (o.url.empty()) {
    std::fprintf(stderr, "usage: jixu_pg_bench --url ADMIN_URL [--persons N] ...\n");
    return 2;
  }
  try {
    return jixu::bench::Run(o);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
}
