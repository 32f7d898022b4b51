// jixu benchmarks beside raw-SQLite baselines measured in the same run (docs/performance.md):
//  1. CSV import of R×N records for N persons, end to end, vs a plain loop of prepared INSERTs;
//     peak RSS of the importing process (a child, so the generator's memory does not count);
//  2. every person's year via ForEachInYear (and the compliance service) vs a raw GROUP BY;
//  3. one person's summary lookup vs raw point queries.
// Usage: jixu_bench [--persons N] [--records-per-person R] [--dir D] [--cache-mib M] [--keep]
//                   [--out FILE]
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "app/data_files.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "bench_data.hpp"
#include "bench_ours.hpp"
#include "bench_raw.hpp"

namespace jixu::bench {
namespace {

namespace fs = std::filesystem;

struct Options {
  Scale scale;
  std::string dir;
  int cache_mib = storage::SqliteOptions{}.bulk_cache_mib;  ///< raw's cache and jixu's bulk cache
  bool keep = false;
  std::string out;
};

Options ParseArgs(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) throw std::runtime_error("missing value after " + a);
      return argv[++i];
    };
    if (a == "--persons") o.scale.persons = std::stoll(next());
    else if (a == "--records-per-person") o.scale.records_per_person = std::stoll(next());
    else if (a == "--dir") o.dir = next();
    else if (a == "--cache-mib") o.cache_mib = std::stoi(next());
    else if (a == "--keep") o.keep = true;
    else if (a == "--out") o.out = next();
    else throw std::runtime_error("unknown argument " + a);
  }
  if (o.dir.empty()) {
    o.dir = (fs::temp_directory_path() / ("jixu-bench-" + std::to_string(::getpid()))).string();
  }
  return o;
}

double Median(std::vector<double> v) {
  if (v.empty()) return -1;
  std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
  return v[v.size() / 2];
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return -1;
  const size_t k = std::min(v.size() - 1, static_cast<size_t>(p * v.size()));
  std::nth_element(v.begin(), v.begin() + k, v.end());
  return v[k];
}

/// Runs the import in a fresh process (this program re-executed) and collects its peak RSS.
OurImport ImportInChild(const Options& o, const std::string& db, int64_t* maxrss_kib) {
  int pipefd[2];
  if (pipe(pipefd) != 0) throw std::runtime_error("pipe failed");
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(pipefd[1], STDOUT_FILENO);
    close(pipefd[0]);
    const std::string cache = std::to_string(o.cache_mib);
    execl("/proc/self/exe", "jixu_bench", "--import-child", o.dir.c_str(), db.c_str(),
          cache.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(pipefd[1]);
  std::string out;
  char buf[4096];
  for (ssize_t n; (n = read(pipefd[0], buf, sizeof buf)) > 0;) out.append(buf, static_cast<size_t>(n));
  close(pipefd[0]);
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  *maxrss_kib = usage.ru_maxrss;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error("import child failed: " + out);
  }
  return ParseImportLine(out);
}

struct Line {
  std::string what, ours, raw, ratio, target;
  bool met;
};

std::string Fmt(const char* f, double v) {
  char b[64];
  std::snprintf(b, sizeof b, f, v);
  return b;
}

struct Measured {
  OurImport imp;
  int64_t maxrss_kib = 0;
  RawImport raw;
  Stream stream, service;
  double group_s = 0;
  std::vector<double> ours_us, raw_sum_us, raw_agg_us;
};

Measured Measure(const Options& o, const Generator& gen) {
  Measured m;
  const std::string ours_db = o.dir + "/jixu.db", raw_db = o.dir + "/raw.db";
  m.imp = ImportInChild(o, ours_db, &m.maxrss_kib);
  std::printf("jixu import: employers %.2f s, providers %.2f s, persons %.2f s, records %.2f s "
              "(CPU %.2f s; %lld inserted, %lld unchanged); peak RSS %lld MiB\n",
              m.imp.employers_s, m.imp.providers_s, m.imp.persons_s, m.imp.records_s,
              m.imp.last_cpu_s, static_cast<long long>(m.imp.records_inserted),
              static_cast<long long>(m.imp.records_unchanged),
              static_cast<long long>(m.maxrss_kib / 1024));
  std::fflush(stdout);
  m.raw = RawInsertRecords(gen, raw_db, o.cache_mib);
  std::printf("raw insert: %.2f s (CPU %.2f s) for %lld rows\n", m.raw.seconds,
              m.raw.cpu_seconds, static_cast<long long>(m.raw.rows));
  m.stream = StreamYear(ours_db, Scale::kYear);
  m.service = ComplianceYear(ours_db, Scale::kYear);
  int64_t groups = 0;
  m.group_s = RawGroupBySeconds(raw_db, Scale::kYear, &groups);
  std::printf("stream %.3f s (%lld persons, %lld compliant); compliance service %.3f s; raw "
              "GROUP BY %.3f s (%lld groups)\n",
              m.stream.seconds, static_cast<long long>(m.stream.persons),
              static_cast<long long>(m.stream.compliant), m.service.seconds, m.group_s,
              static_cast<long long>(groups));
  std::mt19937_64 rng(42);
  std::vector<int64_t> ids(100'000);
  for (auto& id : ids) id = 1 + static_cast<int64_t>(rng() % static_cast<uint64_t>(o.scale.persons));
  m.ours_us = LookupMicros(ours_db, Scale::kYear, ids);
  m.raw_sum_us = RawPointQueryMicros(
      ours_db, "SELECT totals FROM person_year_totals WHERE year = ?1 AND person_id = ?2",
      Scale::kYear, ids);
  m.raw_agg_us = RawPointQueryMicros(
      raw_db, "SELECT sum(centi_hours) FROM learning_records WHERE year = ?1 AND person_id = ?2",
      Scale::kYear, ids);
  return m;
}

std::vector<Line> Lines(const Measured& m, int64_t records) {
  const double ours_rate = static_cast<double>(records) / m.imp.records_s;
  const double raw_rate = static_cast<double>(m.raw.rows) / m.raw.seconds;
  const double rss_mib = static_cast<double>(std::max(m.maxrss_kib, m.imp.vm_hwm_kib)) / 1024;
  const double ours_med = Median(m.ours_us), raw_med = Median(m.raw_sum_us);
  return {
      {"CSV import of " + std::to_string(records) + " records (rows/s, wall)",
       Fmt("%.0f", ours_rate), Fmt("%.0f", raw_rate), Fmt("%.2f", ours_rate / raw_rate),
       "≥ 0.40 of raw and ≥ 200000/s", ours_rate >= 0.4 * raw_rate && ours_rate >= 200'000},
      {"same, CPU time of the import (s)", Fmt("%.1f", m.imp.last_cpu_s),
       Fmt("%.1f", m.raw.cpu_seconds), Fmt("%.2f", m.raw.cpu_seconds / m.imp.last_cpu_s),
       "(info)", true},
      {"peak RSS of the import process (MiB)", Fmt("%.0f", rss_mib), "–", "–", "< 1024",
       rss_mib < 1024},
      {"year stream, all " + std::to_string(m.stream.persons) + " persons (s)",
       Fmt("%.3f", m.stream.seconds), Fmt("%.3f", m.group_s),
       Fmt("%.1f× faster", m.group_s / m.stream.seconds), "< 1 s and ≥ 5× faster",
       m.stream.seconds < 1.0 && m.group_s / m.stream.seconds >= 5},
      {"compliance service (national-2007), all persons (s)", Fmt("%.3f", m.service.seconds),
       Fmt("%.3f", m.group_s), Fmt("%.1f× faster", m.group_s / m.service.seconds), "< 1 s",
       m.service.seconds >= 0 && m.service.seconds < 1.0},
      {"one person's summary, median (µs)", Fmt("%.1f", ours_med), Fmt("%.1f", raw_med),
       Fmt("%.2f", ours_med / raw_med), "< 50 µs", ours_med < 50},
      {"one person's summary, p99 (µs)", Fmt("%.1f", Percentile(m.ours_us, 0.99)),
       Fmt("%.1f", Percentile(m.raw_sum_us, 0.99)), "–", "(info)", true},
      {"same from the records, raw sum() median (µs)", "–", Fmt("%.1f", Median(m.raw_agg_us)),
       Fmt("%.1f× faster", Median(m.raw_agg_us) / ours_med), "(info)", true},
  };
}

int Run(const Options& o) {
  using Clock = std::chrono::steady_clock;
  std::printf("scale: %lld persons, %lld records, %lld employers; data in %s; cache %d MiB\n",
              static_cast<long long>(o.scale.persons), static_cast<long long>(o.scale.records()),
              static_cast<long long>(o.scale.employers()), o.dir.c_str(), o.cache_mib);
  const Generator gen(o.scale, LoadCounties(app::DataRoot() / "data" / "regions.csv"));
  const auto t0 = Clock::now();
  gen.WriteCsv(o.dir);
  std::printf("generated CSV in %.1f s (%.0f MB records.csv)\n",
              std::chrono::duration<double>(Clock::now() - t0).count(),
              static_cast<double>(fs::file_size(fs::path(o.dir) / "records.csv")) / 1e6);
  std::fflush(stdout);
  const Measured m = Measure(o, gen);
  std::string table = "| what | ours | raw baseline | ratio | target | met? |\n"
                      "| --- | ---: | ---: | ---: | --- | --- |\n";
  for (const auto& l : Lines(m, o.scale.records())) {
    table += "| " + l.what + " | " + l.ours + " | " + l.raw + " | " + l.ratio + " | " + l.target +
             " | " + (l.met ? "yes" : "**no**") + " |\n";
  }
  std::printf("\n%s", table.c_str());
  if (!o.out.empty()) std::ofstream(o.out) << table;
  if (!o.keep) fs::remove_all(o.dir);
  return 0;
}

}  // namespace
}  // namespace jixu::bench

int main(int argc, char** argv) {
  try {
    if (argc == 5 && std::strcmp(argv[1], "--import-child") == 0) {
      return jixu::bench::RunImportChild(argv[2], argv[3], std::stoi(argv[4]));
    }
    return jixu::bench::Run(jixu::bench::ParseArgs(argc, argv));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "jixu_bench: %s\n", e.what());
    return 1;
  }
}
