// PostgreSQL backend benchmark at national shape (default 1M persons × 10 records), each figure
// beside its raw baseline measured in the same run on the same server:
//   import of the records through RecordRepository::Insert (COPY + set-wise summaries)
//     vs raw binary COPY of the same rows into an equivalent table (no index / natural key);
//   whole-population compliance input (SummaryRepository::ForEachInYear)
//     vs a raw GROUP BY over the year's records;
//   durable single-record writes (one transaction each).
// Usage: jixu_pg_bench --url ADMIN_URL [--persons N] [--records-per-person K] [--batch B] [--keep]
//        jixu_pg_bench --url ADMIN_URL --reuse DB   (the year stream again, on a kept database)
// Run it against a cluster started with `scripts/pg-test-cluster.sh start DIR --durable`.
#include <libpq-fe.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
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

/// CPU seconds (user + system) of this process plus every server backend of the bench database,
/// read from /proc. Reported beside wall time because the machine is shared: CPU time is what a
/// step costs, wall time what it took while others ran.
double CpuSeconds(const std::string& db) {
  const double tick = static_cast<double>(sysconf(_SC_CLK_TCK));
  double total = 0;
  auto add_stat = [&](const std::string& path) {
    std::ifstream f(path);
    std::string line;
    if (!std::getline(f, line)) return;
    std::istringstream fields(line.substr(line.rfind(')') + 2));
    std::string v;
    for (int i = 3; i <= 15 && fields >> v; ++i) {
      if (i == 14 || i == 15) total += std::stod(v) / tick;
    }
  };
  add_stat("/proc/self/stat");
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    std::ifstream cmd(entry.path() / "cmdline");
    std::string cmdline;
    std::getline(cmd, cmdline, '\0');
    if (cmdline.starts_with("postgres: ") && cmdline.find(" " + db + " ") != std::string::npos) {
      add_stat((entry.path() / "stat").string());
    }
  }
  return total;
}

struct Options {
  std::string url;
  Scale scale{.batch = 8192};  ///< the CSV importer's batch (app/importer_records.cpp)
  bool keep = false;
  std::string ddl;  ///< experiments only: SQL run after migrating (e.g. dropping an index)
  std::string reuse;  ///< a database left by --keep: measure only the year stream again
};

/// Accumulates wall and CPU time over the Start/Stop spans of one measured step.
class Meter final : public Span {
 public:
  explicit Meter(std::string db) : db_(std::move(db)) {}
  void Start() override {
    wall0_ = Clock::now();
    cpu0_ = CpuSeconds(db_);
  }
  void Stop() override {
    wall_ += Since(wall0_);
    cpu_ += CpuSeconds(db_) - cpu0_;
  }
  double wall() const { return wall_; }
  double cpu() const { return cpu_; }

 private:
  std::string db_;
  Clock::time_point wall0_;
  double cpu0_ = 0, wall_ = 0, cpu_ = 0;
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

void Row(const char* what, const Meter& m, double rows, const char* baseline, const Meter& b) {
  std::printf("| %s | %.2f s (cpu %.2f s) | %.3f M/s | %s | %.2f s (cpu %.2f s) | %.2f× (cpu %.2f×) |\n",
              what, m.wall(), m.cpu(), rows / m.wall() / 1e6, baseline, b.wall(), b.cpu(),
              m.wall() / b.wall(), m.cpu() / b.cpu());
}

void ImportPersons(storage::Store& store, const Scale& s,
                   const std::vector<records::Employer>& employers) {
  constexpr int64_t kBatch = 50'000;
  const auto t0 = Clock::now();
  auto uow = store.Begin();
  for (int64_t first = 1; first <= s.persons; first += kBatch) {
    store.persons().Upsert(MakePersons(s, first, std::min(kBatch, s.persons - first + 1), employers));
  }
  uow->Commit();
  const double sec = Since(t0);
  std::printf("persons: %lld in %.2f s (%.3f M/s, generation included)\n",
              static_cast<long long>(s.persons), sec, s.persons / sec / 1e6);
}

/// Times Insert and Commit only (row generation excluded).
void ImportRecords(storage::Store& store, const Scale& s,
                   const std::vector<records::Provider>& providers, Meter& m) {
  int64_t inserted = 0;
  m.Start();
  auto uow = store.Begin();
  m.Stop();
  RecordStream batches(s, providers);
  for (auto batch = batches.Next(); !batch.empty(); batch = batches.Next()) {
    m.Start();
    inserted += store.records().Insert(batch).inserted;
    m.Stop();
  }
  m.Start();
  uow->Commit();
  m.Stop();
  std::printf("inserted %lld records\n", static_cast<long long>(inserted));
}

void StreamYear(storage::Store& store, int year, Meter& m, int64_t& persons, int64_t& centi) {
  persons = 0;
  centi = 0;
  m.Start();
  store.summaries().ForEachInYear(year, {}, [&](const storage::PersonFacts&,
                                                const records::YearTotals& t) {
    ++persons;
    centi += t.Total().centi();
  });
  m.Stop();
}

double SingleCommits(storage::Store& store, const Scale& s,
                     const std::vector<records::Provider>& providers, int n) {
  Scale one = s;
  one.records_per_person = 1;
  one.year = s.year + 1;  // new keys: every write inserts
  const auto t0 = Clock::now();
  for (int i = 0; i < n; ++i) store.records().Insert(MakeRecords(one, 1 + i, 1, providers));
  return Since(t0);
}

/// The raw limit of durable single-row commits on this server: one-row INSERTs, autocommit.
double RawSingleInserts(storage::pg::PgConnection& conn, int n) {
  conn.Exec("DROP TABLE IF EXISTS raw_single; CREATE TABLE raw_single (id bigint PRIMARY KEY,"
            " person_id bigint NOT NULL, centi_hours integer NOT NULL, title text NOT NULL)");
  const auto t0 = Clock::now();
  for (int i = 0; i < n; ++i) {
    conn.Run("INSERT INTO raw_single VALUES ($1, $2, $3, $4)",
             storage::pg::Params().Add(i).Add(i % 1000).Add(600).Add("继续教育课程"));
  }
  const double sec = Since(t0);
  conn.Exec("DROP TABLE raw_single");
  return sec;
}

void MeasureImport(storage::Store& store, storage::pg::PgConnection& conn, const std::string& db,
                   const Scale& s, const std::vector<records::Provider>& providers) {
  const double rows = static_cast<double>(s.persons) * s.records_per_person;
  Meter heap(db), keyed(db), same(db), ours(db);
  RawCopy(conn, RawTable::kHeap, s, providers, heap);
  RawCopy(conn, RawTable::kNaturalKey, s, providers, keyed);
  RawCopy(conn, RawTable::kSameIndexes, s, providers, same);
  conn.Exec("DROP TABLE raw_records; CHECKPOINT");
  ImportRecords(store, s, providers, ours);
  std::printf("\n| measured | time | rate | raw baseline | time | ratio |\n|---|---|---|---|---|---|\n");
  Row("RecordRepository::Insert", ours, rows, "raw COPY, same columns, no index", heap);
  Row("RecordRepository::Insert", ours, rows, "raw COPY, natural-key primary key", keyed);
  Row("RecordRepository::Insert", ours, rows, "raw COPY, every index learning_records has", same);
}

void MeasureStream(storage::Store& store, storage::pg::PgConnection& conn, const std::string& db,
                   const Scale& s) {
  int64_t persons = 0, centi = 0, group_rows = 0;
  Meter cold(db);
  StreamYear(store, s.year, cold, persons, centi);
  conn.Exec("VACUUM ANALYZE persons");
  conn.Exec("VACUUM ANALYZE person_year_totals");
  conn.Exec("VACUUM ANALYZE learning_records");
  Meter best(db), raw_best(db);
  best = cold;
  for (int i = 0; i < 3; ++i) {
    Meter ours(db), raw(db);
    StreamYear(store, s.year, ours, persons, centi);
    RawGroupBy(conn, s.year, group_rows, raw);
    if (ours.wall() < best.wall()) best = ours;
    if (i == 0 || raw.wall() < raw_best.wall()) raw_best = raw;
  }
  std::printf("| ForEachInYear, all persons (best of 4) | %.2f s (cpu %.2f s) | %.3f M/s | raw GROUP BY over the year's records | %.2f s (cpu %.2f s) | %.2f× faster |\n",
              best.wall(), best.cpu(), persons / best.wall() / 1e6, raw_best.wall(),
              raw_best.cpu(), raw_best.wall() / best.wall());
  std::printf("\nForEachInYear: %lld persons, %.2f hours in all; first run (before VACUUM ANALYZE) "
              "%.2f s; raw GROUP BY returned %lld rows\n",
              static_cast<long long>(persons), centi / 100.0, cold.wall(),
              static_cast<long long>(group_rows));
}

/// SummaryRepository::Get for random persons, beside the same point query through bare libpq.
void MeasureLookups(storage::Store& store, storage::pg::PgConnection& conn, const Scale& s) {
  constexpr int kLookups = 10000;
  std::vector<double> ours, raw;
  uint64_t x = 88172645463325252ULL;
  for (int i = 0; i < kLookups; ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    const int64_t person = 1 + static_cast<int64_t>(x % static_cast<uint64_t>(s.persons));
    auto t0 = Clock::now();
    store.summaries().Get(person, s.year);
    ours.push_back(Since(t0) * 1e6);
    t0 = Clock::now();
    conn.Run("SELECT totals FROM person_year_totals WHERE person_id = $1 AND year = $2",
             storage::pg::Params().Add(person).Add(s.year));
    raw.push_back(Since(t0) * 1e6);
  }
  std::sort(ours.begin(), ours.end());
  std::sort(raw.begin(), raw.end());
  std::printf("| SummaryRepository::Get, %d random persons | median %.0f µs, p99 %.0f µs | | raw"
              " prepared point query (libpq) | median %.0f µs, p99 %.0f µs | %.2f× |\n",
              kLookups, ours[kLookups / 2], ours[kLookups * 99 / 100], raw[kLookups / 2],
              raw[kLookups * 99 / 100], ours[kLookups / 2] / raw[kLookups / 2]);
}

void PrintSetup(storage::pg::PgConnection& conn, const Scale& s) {
  std::printf("server: %s\n", conn.Exec("SELECT version()").String(0, 0).c_str());
  std::printf("fsync=%s synchronous_commit=%s full_page_writes=%s shared_buffers=%s\n",
              conn.Exec("SHOW fsync").String(0, 0).c_str(),
              conn.Exec("SHOW synchronous_commit").String(0, 0).c_str(),
              conn.Exec("SHOW full_page_writes").String(0, 0).c_str(),
              conn.Exec("SHOW shared_buffers").String(0, 0).c_str());
  std::printf("scale: %lld persons × %d records, batch %zu\n",
              static_cast<long long>(s.persons), s.records_per_person, s.batch);
}

void RunIn(const std::string& db, const std::string& conninfo, const Options& o) {
  storage::StorePtr store = storage::OpenPostgresStore(conninfo);
  store->Migrate();
  storage::pg::PgConnection conn(conninfo);
  if (!o.ddl.empty()) conn.Exec(o.ddl);
  const Scale& s = o.scale;
  PrintSetup(conn, s);
  const auto employers = MakeEmployers(s);
  const auto providers = MakeProviders(s);
  store->employers().Upsert(employers);
  store->providers().Upsert(providers);
  ImportPersons(*store, s, employers);
  MeasureImport(*store, conn, db, s, providers);
  MeasureStream(*store, conn, db, s);
  MeasureLookups(*store, conn, s);
  const int kCommits = 2000;
  const double commits = SingleCommits(*store, s, providers, kCommits);
  const double raw_commits = RawSingleInserts(conn, kCommits);
  std::printf("single-record Insert, autocommit each: %d in %.2f s = %.0f commits/s; raw"
              " single-row INSERT into a one-key table, autocommit each: %.0f commits/s\n",
              kCommits, commits, kCommits / commits, kCommits / raw_commits);
  std::printf("sizes: %s\n",
              conn.Exec("SELECT string_agg(relname || ' ' || pg_size_pretty("
                        "pg_relation_size(oid)), ', ' ORDER BY relname) FROM pg_class"
                        " WHERE relname IN ('learning_records', 'learning_records_pkey',"
                        " 'learning_records_id', 'person_year_totals', 'persons')")
                  .String(0, 0)
                  .c_str());
}

int Run(const Options& o) {
  if (!o.reuse.empty()) {
    const std::string conninfo = WithDatabase(o.url, o.reuse);
    storage::StorePtr store = storage::OpenPostgresStore(conninfo);
    storage::pg::PgConnection conn(conninfo);
    PrintSetup(conn, o.scale);
    MeasureStream(*store, conn, o.reuse, o.scale);
    MeasureLookups(*store, conn, o.scale);
    return 0;
  }
  const std::string db = "jixu_bench_" + std::to_string(::getpid());
  storage::pg::PgConnection admin(o.url);
  admin.Exec("CREATE DATABASE " + db + " TEMPLATE template0 ENCODING 'UTF8'");
  RunIn(db, WithDatabase(o.url, db), o);
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
    else if (a == "--ddl") o.ddl = next();
    else if (a == "--reuse") o.reuse = next();
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
