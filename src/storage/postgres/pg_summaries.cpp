// Per-person-year summaries: point lookup, the whole-population stream, and rebuild.
#include <string>

#include "core/common/error.hpp"
#include "storage/postgres/pg_repos.hpp"
#include "storage/postgres/pg_schema.hpp"

namespace jixu::storage::pg {
namespace {

constexpr int kTotalsColumns = records::YearTotals::kBuckets + 2;

records::YearTotals TotalsFromResult(const PgResult& q, int row, int first_col) {
  records::YearTotals t;
  t.approved_records = static_cast<int32_t>(q.Int(row, first_col));
  t.pending = Hours::FromCenti(q.Int(row, first_col + 1));
  for (int b = 0; b < records::YearTotals::kBuckets; ++b) {
    t.approved[b] = Hours::FromCenti(q.Int(row, first_col + 2 + b));
  }
  return t;
}

/// Reads the `totals` blob (28 big-endian int4 in TotalsColumnList order, see pg_schema.cpp)
/// of a COPY row into `t`; a person without a summary row (LEFT JOIN miss, NULL) gets zeros.
void ReadTotals(CopyRowReader& row, records::YearTotals& t) {
  if (row.IsNull()) {
    row.Text();  // consumes the NULL
    t = records::YearTotals{};
    return;
  }
  std::string_view blob = row.Text();
  if (blob.size() != kTotalsColumns * 4) {
    throw Fault("storage_error", "person_year_totals.totals has an unexpected size");
  }
  auto at = [&](int i) {
    const auto* u = reinterpret_cast<const unsigned char*>(blob.data() + 4 * i);
    return static_cast<int32_t>((uint32_t{u[0]} << 24) | (uint32_t{u[1]} << 16) |
                                (uint32_t{u[2]} << 8) | u[3]);
  };
  t.approved_records = at(0);
  t.pending = Hours::FromCenti(at(1));
  for (int b = 0; b < records::YearTotals::kBuckets; ++b) t.approved[b] = Hours::FromCenti(at(2 + b));
}

std::string AddToSummarySql() {
  std::string values = "$1, $2";
  for (int i = 0; i < kTotalsColumns; ++i) values += ", $" + std::to_string(i + 3);
  return "INSERT INTO person_year_totals AS t (person_id, year, " + TotalsColumnList() +
         ") VALUES (" + values + ") ON CONFLICT (person_id, year) DO UPDATE SET " +
         TotalsAddSql();
}

}  // namespace

void AddToSummary(PgConnection& conn, int64_t person_id, int year,
                  const records::YearTotals& delta) {
  static const std::string kSql = AddToSummarySql();
  Params p;
  p.Add(person_id).Add(year).Add(static_cast<int64_t>(delta.approved_records));
  p.Add(delta.pending.centi());
  for (const Hours& h : delta.approved) p.Add(h.centi());
  conn.Run(kSql, p);
}

records::YearTotals PgSummaries::Get(int64_t person_id, int year) {
  static const std::string kSql = "SELECT " + TotalsColumnList() +
                                  " FROM person_year_totals WHERE person_id = $1 AND year = $2";
  db_.FlushUnitSummaries();
  auto conn = db_.Borrow();
  PgResult r = conn->Run(kSql, Params().Add(person_id).Add(year));
  if (r.rows() == 0) return {};
  return TotalsFromResult(r, 0, 0);
}

void PgSummaries::ForEachInYear(
    int year, const PersonFilter& filter,
    const std::function<void(const PersonFacts&, const records::YearTotals&)>& fn) {
  db_.FlushUnitSummaries();
  auto conn = db_.Borrow();
  // One ordered join streamed as binary COPY: the server merges two index scans, persons by id
  // and the year's summaries by (person_id, year), and sends each summary as one packed datum;
  // the client holds one row at a time.
  const std::string sql = "COPY (SELECT " + PersonFactsColumns("p") + ", t.totals" +
                          " FROM persons p LEFT JOIN person_year_totals t"
                          " ON t.year = " + std::to_string(year) + " AND t.person_id = p.id" +
                          PersonFilterSql(*conn, filter, "p") +
                          " ORDER BY p.id) TO STDOUT (FORMAT binary)";
  CopyRowReader row;
  PersonFacts facts;
  records::YearTotals totals;
  conn->CopyOut(sql, [&](std::string_view data) {
    if (!row.Start(data)) return;
    ReadPersonFacts(row, facts, db_.keys());
    ReadTotals(row, totals);
    fn(facts, totals);
  });
}

void PgSummaries::Rebuild() {
  // The records are the truth: buffered deltas are recomputed from them like everything else.
  if (SummaryBuffer* buffered = db_.UnitSummaries()) buffered->Clear();
  db_.Atomically([&](PgConnection& conn) {
    conn.Exec("DELETE FROM person_year_totals");
    conn.Exec("INSERT INTO person_year_totals (person_id, year, " + TotalsColumnList() +
              ") SELECT person_id, year, " + TotalsAggregateSql() +
              " FROM learning_records GROUP BY person_id, year ORDER BY person_id, year");
  });
}

}  // namespace jixu::storage::pg
