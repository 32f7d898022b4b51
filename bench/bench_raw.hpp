#pragma once
// Raw SQLite baselines measured in the same run as jixu: the limits of the C API on the same
// schema, settings and values, with none of jixu's parsing, validation or summaries.
#include <string>
#include <vector>

#include "bench_data.hpp"

namespace jixu::bench {

struct RawImport {
  double seconds = 0;  ///< the timed insert loop and its commit
  double cpu_seconds = 0;
  int64_t rows = 0;
};

/// Creates the jixu schema in `db_path` (same tables, indexes, foreign keys), loads employers,
/// providers and persons untimed, then times a plain loop of prepared INSERTs of every record
/// into learning_records in one transaction.
RawImport RawInsertRecords(const Generator& gen, const std::string& db_path, int cache_mib);

/// Times `SELECT person_id, year, sum(centi_hours) … WHERE year = Y GROUP BY person_id, year`.
double RawGroupBySeconds(const std::string& db_path, int year, int64_t* groups);

/// Per-call latencies (µs) of a prepared point query, for the given person ids.
std::vector<double> RawPointQueryMicros(const std::string& db_path, const std::string& sql,
                                        int year, const std::vector<int64_t>& person_ids);

}  // namespace jixu::bench
