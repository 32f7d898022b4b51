#pragma once
// Summary deltas of an open unit of work, summed in memory and written to person_year_totals
// once: at commit, before any summary read inside the unit, or when the buffer is full.
//
// Why: the CSV importer sends 8,192 records per Insert, so a person's records straddle batches
// and a per-batch summary write would meet its own rows from the batch before (and take the slow
// ON CONFLICT path every time). Summed over the whole unit, a first import of a year is one
// COPY of new rows. The SQLite backend buffers the same way (sqlite_conn.hpp).
#include <array>
#include <cstdint>
#include <unordered_map>

#include "core/records/year_totals.hpp"
#include "storage/postgres/pg_conn.hpp"

namespace jixu::storage::pg {

class SummaryBuffer {
 public:
  /// ~1M person-years ≈ 150 MB: a province's import of one year collapses in one pass.
  static constexpr size_t kMaxEntries = size_t{1} << 20;
  /// approved_records, pending_centi, then the buckets: TotalsColumnList order.
  using Slots = std::array<int64_t, records::YearTotals::kBuckets + 2>;

  void Add(int64_t person_id, int year, const records::LearningRecord& r);
  void Merge(const SummaryBuffer& other);
  bool full() const { return map_.size() >= kMaxEntries; }
  bool empty() const { return map_.empty(); }
  /// Adds every buffered delta to person_year_totals inside the caller's transaction, then
  /// empties the buffer. New person-years go in by plain COPY; if any already has a row, COPY
  /// reports unique_violation and all go through a staging table and INSERT … ON CONFLICT DO
  /// UPDATE, which adds.
  void Flush(PgConnection& conn);
  void Clear() { map_.clear(); }

 private:
  std::unordered_map<uint64_t, Slots> map_;  // key: person_id << 16 | year
};

}  // namespace jixu::storage::pg
