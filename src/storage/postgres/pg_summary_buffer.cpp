#include "storage/postgres/pg_summary_buffer.hpp"

#include <algorithm>
#include <climits>
#include <string>
#include <vector>

#include "storage/postgres/pg_copy.hpp"
#include "storage/postgres/pg_schema.hpp"

namespace jixu::storage::pg {
namespace {

constexpr int kYearBits = 16;

int32_t CheckedInt32(int64_t v) {
  if (v > INT32_MAX || v < INT32_MIN) {
    throw Fault("storage_error", "summary value out of range: " + std::to_string(v));
  }
  return static_cast<int32_t>(v);
}

}  // namespace

void SummaryBuffer::Add(int64_t person_id, int year, const records::LearningRecord& r) {
  if (r.status == records::RecordStatus::kRejected) {
    // Counts nothing, but the person-year still gets its (zero) row, as in the other paths.
    map_.try_emplace((static_cast<uint64_t>(person_id) << kYearBits) | static_cast<uint64_t>(year));
    return;
  }
  Slots& s = map_[(static_cast<uint64_t>(person_id) << kYearBits) | static_cast<uint64_t>(year)];
  if (r.status == records::RecordStatus::kApproved) {
    s[0] += 1;
    s[2 + records::YearTotals::Index(r.category, r.form)] += r.hours.centi();
  } else {
    s[1] += r.hours.centi();
  }
}

void SummaryBuffer::Merge(const SummaryBuffer& other) {
  for (const auto& [key, slots] : other.map_) {
    Slots& into = map_[key];
    for (size_t i = 0; i < slots.size(); ++i) into[i] += slots[i];
  }
}

void SummaryBuffer::Flush(PgConnection& conn) {
  if (map_.empty()) return;
  static const std::string kColumns = "person_id, year, " + TotalsColumnList();
  static const std::string kSetup = [] {
    std::string cols;
    for (std::string_view c : kBucketColumns) cols += ", " + std::string(c) + " integer";
    return "CREATE TEMP TABLE IF NOT EXISTS jixu_stage_totals (person_id bigint, year smallint,"
           " approved_records integer, pending_centi integer" + cols +
           "); TRUNCATE jixu_stage_totals";
  }();
  static const std::string kApply =
      "INSERT INTO person_year_totals AS t (" + kColumns + ") SELECT " + kColumns +
      " FROM jixu_stage_totals ON CONFLICT (person_id, year) DO UPDATE SET " + TotalsAddSql();
  // Key order is (person_id, year), the table's primary key: index inserts stay local.
  std::vector<const std::pair<const uint64_t, Slots>*> entries;
  entries.reserve(map_.size());
  for (const auto& e : map_) entries.push_back(&e);
  std::sort(entries.begin(), entries.end(),
            [](const auto* a, const auto* b) { return a->first < b->first; });
  CopyWriter w;
  for (const auto* e : entries) {
    w.BeginRow(static_cast<int16_t>(2 + e->second.size()));
    w.Int8(static_cast<int64_t>(e->first >> kYearBits));
    w.Int2(static_cast<int16_t>(e->first & ((1U << kYearBits) - 1)));
    for (int64_t v : e->second) w.Int4(CheckedInt32(v));
  }
  const std::string_view payload = w.Finish();
  map_.clear();
  conn.Exec("SAVEPOINT jixu_totals");
  try {
    conn.CopyIn("COPY person_year_totals (" + kColumns + ") FROM STDIN (FORMAT binary)", payload);
    conn.Exec("RELEASE SAVEPOINT jixu_totals");
    return;
  } catch (const PgFault& e) {
    conn.Exec("ROLLBACK TO SAVEPOINT jixu_totals; RELEASE SAVEPOINT jixu_totals");
    if (e.sqlstate() != kUniqueViolation) throw;
  }
  conn.Exec(kSetup);
  conn.CopyIn("COPY jixu_stage_totals FROM STDIN (FORMAT binary)", payload);
  conn.Run(kApply);
}

}  // namespace jixu::storage::pg
