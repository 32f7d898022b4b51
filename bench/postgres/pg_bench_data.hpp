#pragma once
// Synthetic national-shape data for the PostgreSQL benchmarks, and the raw baselines measured in
// the same run on the same server: raw COPY of an equivalent table, raw GROUP BY over the records.
#include <cstdint>
#include <string>
#include <vector>

#include "core/records/types.hpp"
#include "core/records/year_totals.hpp"
#include "storage/postgres/pg_conn.hpp"

namespace jixu::bench {

struct Scale {
  int64_t persons = 1'000'000;
  int records_per_person = 10;
  int employers = 2'000;
  int providers = 200;
  int year = 2024;
  size_t batch = 100'000;  ///< records per Insert call (and per raw COPY)
};

std::vector<records::Employer> MakeEmployers(const Scale& s);
std::vector<records::Provider> MakeProviders(const Scale& s);
/// Persons [first, first + n), deterministic.
std::vector<records::Person> MakePersons(const Scale& s, int64_t first, int64_t n,
                                         const std::vector<records::Employer>& employers);
/// The records of persons with ids [first_id, first_id + n): records_per_person each, all in
/// s.year, mixed categories/forms/providers; deterministic.
std::vector<records::LearningRecord> MakeRecords(const Scale& s, int64_t first_id, int64_t n,
                                                 const std::vector<records::Provider>& providers);

/// Brackets the measured spans of a baseline (the benchmark's wall + CPU meter).
class Span {
 public:
  virtual ~Span() = default;
  virtual void Start() = 0;
  virtual void Stop() = 0;
};

/// Every person's records in person order, cut into batches of exactly `s.batch` records as the
/// CSV importer cuts a file: a person's records may straddle two batches.
class RecordStream {
 public:
  RecordStream(const Scale& s, const std::vector<records::Provider>& providers)
      : s_(s), providers_(providers) {}
  /// The next batch; empty when every person's records have been handed out.
  std::vector<records::LearningRecord> Next();

 private:
  const Scale& s_;
  const std::vector<records::Provider>& providers_;
  int64_t next_person_ = 1;
  std::vector<records::LearningRecord> carry_;
};

enum class RawTable {
  kHeap,         ///< learning_records' columns, no index, no constraint
  kNaturalKey,   ///< the same plus PRIMARY KEY (person_id, record_key)
  kSameIndexes,  ///< LIKE learning_records INCLUDING ALL: every index and constraint it has
};

/// Creates raw_records as `table` says and loads the same records as the import benchmark (ids
/// included) with plain binary COPY, one COPY per batch, in one transaction: no dedup, no
/// summary, no reference check. Only encoding, COPY and COMMIT are inside `span`.
void RawCopy(storage::pg::PgConnection& conn, RawTable table, const Scale& s,
             const std::vector<records::Provider>& providers, Span& span);

/// SELECT person_id, category, form, sum(hours) … WHERE year = Y GROUP BY …, streamed to the
/// client through COPY (as ForEachInYear's rows are); `rows` gets the row count.
void RawGroupBy(storage::pg::PgConnection& conn, int year, int64_t& rows, Span& span);

}  // namespace jixu::bench
