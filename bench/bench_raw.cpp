#include "bench_raw.hpp"

#include <sqlite3.h>
#include <sys/resource.h>

#include <chrono>
#include <stdexcept>

#include "storage/sqlite/sqlite_store.hpp"

namespace jixu::bench {
namespace {

using Clock = std::chrono::steady_clock;

void Check(sqlite3* db, int rc, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db));
  }
}

sqlite3* OpenRaw(const std::string& path, int cache_mib) {
  sqlite3* db = nullptr;
  Check(db, sqlite3_open(path.c_str(), &db), "open");
  const std::string pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
                              "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; "
                              "PRAGMA cache_size=-" + std::to_string(cache_mib * 1024) + ";";
  Check(db, sqlite3_exec(db, pragmas.c_str(), nullptr, nullptr, nullptr), "pragmas");
  return db;
}

double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

void Exec(sqlite3* db, const char* sql) { Check(db, sqlite3_exec(db, sql, 0, 0, 0), sql); }

void LoadRegistry(sqlite3* db, const Generator& gen) {
  Exec(db, "BEGIN");
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO employers(code, name, region_code, type) VALUES (?,?,?,3)",
                     -1, &s, nullptr);
  for (int64_t e = 0; e < gen.scale().employers(); ++e) {
    const std::string code = gen.EmployerCode(e), name = "单位" + std::to_string(e);
    sqlite3_bind_text(s, 1, code.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, name.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 3, gen.Region(e).c_str(), -1, SQLITE_TRANSIENT);
    Check(db, sqlite3_step(s), "employer");
    sqlite3_reset(s);
  }
  sqlite3_finalize(s);
  sqlite3_prepare_v2(db, "INSERT INTO providers(code, name, region_code, type) VALUES (?,?,?,0)",
                     -1, &s, nullptr);
  for (int64_t p = 0; p < Scale::kProviders; ++p) {
    const std::string code = gen.ProviderCode(p), name = "培训机构" + std::to_string(p);
    sqlite3_bind_text(s, 1, code.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, name.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 3, gen.Region(p).c_str(), -1, SQLITE_TRANSIENT);
    Check(db, sqlite3_step(s), "provider");
    sqlite3_reset(s);
  }
  sqlite3_finalize(s);
  sqlite3_prepare_v2(db,
                     "INSERT INTO persons(id, id_number, name, employer_code, region_code, field,"
                     " title_level) VALUES (?,?,?,?,?,'工程',2)",
                     -1, &s, nullptr);
  for (int64_t i = 0; i < gen.scale().persons; ++i) {
    const int64_t e = i % gen.scale().employers();
    const std::string id = gen.PersonIdNumber(i), name = "人员" + std::to_string(i);
    const std::string employer = gen.EmployerCode(e);
    sqlite3_bind_int64(s, 1, i + 1);
    sqlite3_bind_text(s, 2, id.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 3, name.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 4, employer.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 5, gen.Region(e).c_str(), -1, SQLITE_TRANSIENT);
    Check(db, sqlite3_step(s), "person");
    sqlite3_reset(s);
  }
  sqlite3_finalize(s);
  Exec(db, "COMMIT");
}

}  // namespace

RawImport RawInsertRecords(const Generator& gen, const std::string& db_path, int cache_mib) {
  storage::OpenSqliteStore(db_path)->Migrate();  // the very same schema as jixu's
  sqlite3* db = OpenRaw(db_path, cache_mib);
  LoadRegistry(db, gen);
  std::vector<std::string> provider_codes, provider_names, free_names, titles;
  for (int64_t p = 0; p < Scale::kProviders; ++p) {
    provider_codes.push_back(gen.ProviderCode(p));
    provider_names.push_back("培训机构" + std::to_string(p));
  }
  for (int i = 0; i < 50; ++i) free_names.push_back("外部机构" + std::to_string(i));
  for (int i = 0; i < 500; ++i) titles.push_back("课程" + std::to_string(i));

  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db,
                     "INSERT INTO learning_records(person_id, completed_on, year, category, form,"
                     " centi_hours, provider_code, provider_name, title, source_id, status,"
                     " reject_reason, origin, record_key)"
                     " VALUES (?,?,?,?,?,?,?,?,?,?,1,'',2,?)",
                     -1, &s, nullptr);
  RawImport out;
  const auto start = Clock::now();
  const double cpu_start = CpuSeconds();
  Exec(db, "BEGIN");
  char source[32];
  for (int64_t i = 0; i < gen.scale().records(); ++i) {
    const RecordValues v = gen.Record(i);
    sqlite3_bind_int64(s, 1, v.person + 1);
    sqlite3_bind_int(s, 2, v.ymd);
    sqlite3_bind_int(s, 3, v.ymd / 10000);
    sqlite3_bind_int(s, 4, v.category);
    sqlite3_bind_int(s, 5, v.form);
    sqlite3_bind_int64(s, 6, v.centi);
    if (v.provider >= 0) {
      sqlite3_bind_text(s, 7, provider_codes[v.provider].c_str(), -1, SQLITE_STATIC);
      sqlite3_bind_text(s, 8, provider_names[v.provider].c_str(), -1, SQLITE_STATIC);
    } else {
      sqlite3_bind_null(s, 7);
      sqlite3_bind_text(s, 8, free_names[v.free_name].c_str(), -1, SQLITE_STATIC);
    }
    sqlite3_bind_text(s, 9, titles[v.title].c_str(), -1, SQLITE_STATIC);
    int n = 0;
    if (v.has_source) n = std::snprintf(source, sizeof source, "S%lld", static_cast<long long>(i));
    sqlite3_bind_text(s, 10, source, n, SQLITE_STATIC);
    sqlite3_bind_int64(s, 11, static_cast<int64_t>(v.mix & 0x7fffffffffffffffULL));
    Check(db, sqlite3_step(s), "record");
    sqlite3_reset(s);
    ++out.rows;
  }
  Exec(db, "COMMIT");
  out.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  out.cpu_seconds = CpuSeconds() - cpu_start;
  sqlite3_finalize(s);
  sqlite3_close(db);
  return out;
}

double RawGroupBySeconds(const std::string& db_path, int year, int64_t* groups) {
  sqlite3* db = OpenRaw(db_path, 64);
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db,
                     "SELECT person_id, year, sum(centi_hours) FROM learning_records"
                     " WHERE year = ?1 GROUP BY person_id, year",
                     -1, &s, nullptr);
  sqlite3_bind_int(s, 1, year);
  const auto start = Clock::now();
  int64_t n = 0, checksum = 0;
  while (sqlite3_step(s) == SQLITE_ROW) {
    ++n;
    checksum += sqlite3_column_int64(s, 2);
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (checksum < 0) n = -1;  // keeps the sum from being optimised away
  *groups = n;
  sqlite3_finalize(s);
  sqlite3_close(db);
  return seconds;
}

std::vector<double> RawPointQueryMicros(const std::string& db_path, const std::string& sql,
                                        int year, const std::vector<int64_t>& person_ids) {
  sqlite3* db = OpenRaw(db_path, 64);
  sqlite3_stmt* s = nullptr;
  Check(db, sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr), "prepare point query");
  std::vector<double> micros;
  micros.reserve(person_ids.size());
  int64_t sink = 0;
  for (int64_t pid : person_ids) {
    const auto start = Clock::now();
    sqlite3_bind_int(s, 1, year);
    sqlite3_bind_int64(s, 2, pid);
    while (sqlite3_step(s) == SQLITE_ROW) sink += sqlite3_column_bytes(s, 0);
    sqlite3_reset(s);
    micros.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
  }
  if (sink < 0) micros.clear();
  sqlite3_finalize(s);
  sqlite3_close(db);
  return micros;
}

}  // namespace jixu::bench
