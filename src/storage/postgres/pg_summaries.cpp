// Per-person-year summaries: point lookup, the whole-population stream, and rebuild.
#include <string>

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

/// Reads the totals columns of a COPY row into `t`; a person without a summary row (LEFT JOIN
/// miss, all NULL) gets zero totals.
void ReadTotals(CopyRowReader& row, records::YearTotals& t) {
  if (row.IsNull()) {
    t = records::YearTotals{};
    return;  // the remaining NULL fields are never read
  }
  t.approved_records = row.Int4();
  t.pending = Hours::FromCenti(row.Int4());
  for (int b = 0; b < records::YearTotals::kBuckets; ++b) {
    t.approved[b] = Hours::FromCenti(row.Int4());
  }
}

std::string AddToSummarySql() {
  std::string values = "$1, $2";
  for (int i = 0; i < kTotalsColumns; ++i) values += ", $" + std::to_string(i + 3);
  return "INSERT INTO person_year_totals AS t (year, person_id, " + TotalsColumnList() +
         ") VALUES (" + values + ") ON CONFLICT (year, person_id) DO UPDATE SET " +
         TotalsAddSql();
}

}  // namespace

void AddToSummary(PgConnection& conn, int64_t person_id, int year,
                  const records::YearTotals& delta) {
  static const std::string kSql = AddToSummarySql();
  Params p;
  p.Add(year).Add(person_id).Add(static_cast<int64_t>(delta.approved_records));
  p.Add(delta.pending.centi());
  for (const Hours& h : delta.approved) p.Add(h.centi());
  conn.Run(kSql, p);
}

records::YearTotals PgSummaries::Get(int64_t person_id, int year) {
  static const std::string kSql = "SELECT " + TotalsColumnList() +
                                  " FROM person_year_totals WHERE year = $1 AND person_id = $2";
  auto conn = db_.Borrow();
  PgResult r = conn->Run(kSql, Params().Add(year).Add(person_id));
  if (r.rows() == 0) return {};
  return TotalsFromResult(r, 0, 0);
}

void PgSummaries::ForEachInYear(
    int year, const PersonFilter& filter,
    const std::function<void(const PersonFacts&, const records::YearTotals&)>& fn) {
  auto conn = db_.Borrow();
  // One ordered join streamed as binary COPY: the server merges persons (by id) with the year's
  // contiguous summary rows (key (year, person_id)); the client holds one row at a time.
  const std::string sql = "COPY (SELECT " + PersonFactsColumns("p") + ", " +
                          TotalsColumnList("t.") +
                          " FROM persons p LEFT JOIN person_year_totals t"
                          " ON t.year = " + std::to_string(year) + " AND t.person_id = p.id" +
                          PersonFilterSql(*conn, filter, "p") +
                          " ORDER BY p.id) TO STDOUT (FORMAT binary)";
  CopyRowReader row;
  PersonFacts facts;
  records::YearTotals totals;
  conn->CopyOut(sql, [&](std::string_view data) {
    if (!row.Start(data)) return;
    ReadPersonFacts(row, facts);
    ReadTotals(row, totals);
    fn(facts, totals);
  });
}

void PgSummaries::Rebuild() {
  db_.Atomically([&](PgConnection& conn) {
    conn.Exec("DELETE FROM person_year_totals");
    conn.Exec("INSERT INTO person_year_totals (year, person_id, " + TotalsColumnList() +
              ") SELECT year, person_id, " + TotalsAggregateSql() +
              " FROM learning_records GROUP BY year, person_id");
  });
}

}  // namespace jixu::storage::pg
