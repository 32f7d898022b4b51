#pragma once
// jixu's side of each benchmark: the real import pipeline, the summary stream, the compliance
// service and the summary lookup.
#include <string>
#include <vector>

namespace jixu::bench {

struct OurImport {
  double employers_s = 0, providers_s = 0, persons_s = 0, records_s = 0;
  double last_cpu_s = 0;  ///< CPU time (user + system) of the last import (the records)
  int64_t records_inserted = 0, records_unchanged = 0, errors = 0;
  int64_t vm_hwm_kib = 0;  ///< peak RSS of the importing process, from /proc/self/status
};

/// Runs in the child process: imports the four CSV files of `dir` into a new store at
/// `db_path` (employers, providers, persons, records) exactly as `jixu import` does, each an
/// all-or-nothing transaction. Prints the result on stdout as one line of key=value.
int RunImportChild(const std::string& dir, const std::string& db_path, int cache_mib);
OurImport ParseImportLine(const std::string& line);

struct Stream {
  double seconds = 0;
  int64_t persons = 0;
  int64_t compliant = 0;
};
/// ForEachInYear over every person with a national-2007 style check in the callback.
Stream StreamYear(const std::string& db_path, int year);
/// The application's ComplianceService over every person (real policy engine), if the data
/// files load; seconds < 0 otherwise.
Stream ComplianceYear(const std::string& db_path, int year);

/// Per-call latencies (µs) of SummaryRepository::Get.
std::vector<double> LookupMicros(const std::string& db_path, int year,
                                 const std::vector<int64_t>& person_ids);

}  // namespace jixu::bench
