#include "bench_ours.hpp"

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "app/compliance_service.hpp"
#include "app/data_files.hpp"
#include "app/importer.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace jixu::bench {
namespace {

using Clock = std::chrono::steady_clock;

double Since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

int64_t VmHwmKib() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stoll(line.substr(6));
  }
  return -1;
}

}  // namespace

int RunImportChild(const std::string& dir, const std::string& db_path, int cache_mib) {
  const auto data = app::LoadDataFiles();
  storage::SqliteOptions options;
  options.bulk_cache_mib = cache_mib;
  auto store = storage::OpenSqliteStore(db_path, options);
  store->Migrate();
  app::ImportContext ctx;
  ctx.regions = &data->regions;
  OurImport r;
  auto run = [&](app::ImportKind kind, const char* file, double& seconds) {
    const auto start = Clock::now();
    const double cpu_start = CpuSeconds();
    auto report = app::Import(*store, kind, dir + "/" + file, ctx);
    seconds = Since(start);
    r.last_cpu_s = CpuSeconds() - cpu_start;
    r.errors += report.error_count;
    if (!report.ok()) {
      std::fprintf(stderr, "%s: %lld errors, first: line %lld %s\n", file,
                   static_cast<long long>(report.error_count),
                   static_cast<long long>(report.errors.empty() ? 0 : report.errors[0].line),
                   report.errors.empty() ? "" : report.errors[0].message_en.c_str());
    }
    return report;
  };
  run(app::ImportKind::kEmployers, "employers.csv", r.employers_s);
  run(app::ImportKind::kProviders, "providers.csv", r.providers_s);
  run(app::ImportKind::kPersons, "persons.csv", r.persons_s);
  auto rec = run(app::ImportKind::kRecords, "records.csv", r.records_s);
  r.records_inserted = rec.inserted;
  r.records_unchanged = rec.unchanged;
  r.vm_hwm_kib = VmHwmKib();
  std::printf("employers_s=%.3f providers_s=%.3f persons_s=%.3f records_s=%.3f records_cpu_s=%.3f "
              "inserted=%lld unchanged=%lld errors=%lld vm_hwm_kib=%lld\n",
              r.employers_s, r.providers_s, r.persons_s, r.records_s, r.last_cpu_s,
              static_cast<long long>(r.records_inserted),
              static_cast<long long>(r.records_unchanged), static_cast<long long>(r.errors),
              static_cast<long long>(r.vm_hwm_kib));
  return r.errors == 0 ? 0 : 1;
}

OurImport ParseImportLine(const std::string& line) {
  OurImport r;
  std::istringstream in(line);
  std::string kv;
  while (in >> kv) {
    const auto eq = kv.find('=');
    if (eq == std::string::npos) continue;
    const std::string k = kv.substr(0, eq), v = kv.substr(eq + 1);
    if (k == "employers_s") r.employers_s = std::stod(v);
    if (k == "providers_s") r.providers_s = std::stod(v);
    if (k == "persons_s") r.persons_s = std::stod(v);
    if (k == "records_s") r.records_s = std::stod(v);
    if (k == "records_cpu_s") r.last_cpu_s = std::stod(v);
    if (k == "inserted") r.records_inserted = std::stoll(v);
    if (k == "unchanged") r.records_unchanged = std::stoll(v);
    if (k == "errors") r.errors = std::stoll(v);
    if (k == "vm_hwm_kib") r.vm_hwm_kib = std::stoll(v);
  }
  return r;
}

Stream StreamYear(const std::string& db_path, int year) {
  auto store = storage::OpenSqliteStore(db_path);
  Stream s;
  const auto start = Clock::now();
  store->summaries().ForEachInYear(
      year, {}, [&](const storage::PersonFacts&, const records::YearTotals& t) {
        // national-2007: 72 h, public subjects count at most 24 h.
        const Hours pub = t.CategoryTotal(records::Category::kPublic);
        const Hours counted = t.CategoryTotal(records::Category::kProfessional) +
                              Min(pub, Hours::FromWhole(24));
        ++s.persons;
        if (counted >= Hours::FromWhole(72)) ++s.compliant;
      });
  s.seconds = Since(start);
  return s;
}

Stream ComplianceYear(const std::string& db_path, int year) {
  Stream s;
  s.seconds = -1;
  try {
    const auto data = app::LoadDataFiles();
    auto store = storage::OpenSqliteStore(db_path);
    app::ComplianceService service(*store, data->policies,
                                   std::make_shared<FixedClock>(*Date::FromYmd(year + 1, 6, 30)));
    const auto start = Clock::now();
    service.ForEachInYear(year, {}, false,
                          [&](const storage::PersonFacts&, const compliance::YearResult& r) {
                            ++s.persons;
                            if (r.status == compliance::Status::kCompliant) ++s.compliant;
                          });
    s.seconds = Since(start);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "compliance service unavailable: %s\n", e.what());
  }
  return s;
}

std::vector<double> LookupMicros(const std::string& db_path, int year,
                                 const std::vector<int64_t>& person_ids) {
  auto store = storage::OpenSqliteStore(db_path);
  std::vector<double> micros;
  micros.reserve(person_ids.size());
  int64_t sink = 0;
  for (int64_t pid : person_ids) {
    const auto start = Clock::now();
    const auto t = store->summaries().Get(pid, year);
    micros.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
    sink += t.approved_records;
  }
  if (sink < 0) micros.clear();
  return micros;
}

}  // namespace jixu::bench
