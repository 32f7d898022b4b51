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

/// Creates raw_records with learning_records' columns, no index (`with_key` adds the natural
/// primary key), and loads the same records as the import benchmark with plain binary COPY, one
/// COPY per batch, in one transaction. Returns seconds, generation of the rows excluded.
double RawCopy(storage::pg::PgConnection& conn, bool with_key, const Scale& s,
               const std::vector<records::Provider>& providers);

/// SELECT person_id, category, form, sum(hours) … WHERE year = Y GROUP BY …, streamed to the
/// client through COPY (as ForEachInYear's rows are). Returns seconds; `rows` gets the row count.
double RawGroupBy(storage::pg::PgConnection& conn, int year, int64_t& rows);

}  // namespace jixu::bench
