// Learning records: bulk insert through COPY into a staging table, then one set-wise statement
// that moves the new rows in (skipping known natural keys) and adds their hours to
// person_year_totals, all inside the caller's transaction.
#include <string>

#include "core/common/error.hpp"
#include "storage/postgres/pg_repos.hpp"
#include "storage/postgres/pg_schema.hpp"

namespace jixu::storage::pg {
namespace {

constexpr const char* kRecordColumns =
    "id, person_id, completed_on, category, form, centi_hours, coalesce(provider_code, ''),"
    " provider_name, title, source_id, status, reject_reason, origin, topic, activity,"
    " course_code";

constexpr const char* kStageSetup =
    "CREATE TEMP TABLE IF NOT EXISTS jixu_stage_records (person_id bigint, record_key bigint,"
    " completed_on date, year smallint, category smallint, form smallint, centi_hours integer,"
    " provider_code text, provider_name text, title text, source_id text, status smallint,"
    " reject_reason text, origin smallint, topic text, activity text, course_code text);"
    " TRUNCATE jixu_stage_records";

constexpr const char* kRecordFields =
    "person_id, record_key, completed_on, year, category, form, centi_hours, provider_code,"
    " provider_name, title, source_id, status, reject_reason, origin, topic, activity,"
    " course_code";

// References are checked on the distinct values of the batch, not per row (see pg_schema.cpp
// for why learning_records has no foreign keys).
constexpr const char* kCheckReferences =
    "SELECT (SELECT count(*) FROM (SELECT DISTINCT person_id FROM jixu_stage_records) s"
    "         WHERE NOT EXISTS (SELECT 1 FROM persons p WHERE p.id = s.person_id)),"
    "       (SELECT count(*) FROM (SELECT DISTINCT provider_code FROM jixu_stage_records"
    "                              WHERE provider_code IS NOT NULL) s"
    "         WHERE NOT EXISTS (SELECT 1 FROM providers v WHERE v.code = s.provider_code))";

records::LearningRecord ReadRecord(const PgResult& q, int row) {
  records::LearningRecord r;
  r.id = q.Int(row, 0);
  r.person_id = q.Int(row, 1);
  r.date = q.DateAt(row, 2);
  r.category = static_cast<records::Category>(q.Int(row, 3));
  r.form = static_cast<records::Form>(q.Int(row, 4));
  r.hours = Hours::FromCenti(q.Int(row, 5));
  r.provider_code = q.String(row, 6);
  r.provider_name = q.String(row, 7);
  r.title = q.String(row, 8);
  r.source_id = q.String(row, 9);
  r.status = static_cast<records::RecordStatus>(q.Int(row, 10));
  r.reject_reason = q.String(row, 11);
  r.origin = static_cast<records::Origin>(q.Int(row, 12));
  r.topic = q.String(row, 13);
  r.activity = q.String(row, 14);
  r.course_code = q.String(row, 15);
  return r;
}

void WriteRecord(CopyWriter& w, const records::LearningRecord& r) {
  w.BeginRow(17);
  w.Int8(r.person_id);
  w.Int8(static_cast<int64_t>(records::RecordKey(r)));
  w.DateField(r.date);
  w.Int2(static_cast<int16_t>(r.date.year()));
  w.Int2(static_cast<int16_t>(r.category));
  w.Int2(static_cast<int16_t>(r.form));
  // Out-of-range hours must fail like any other bad value, not wrap around.
  if (r.hours.centi() > INT32_MAX || r.hours.centi() < INT32_MIN) {
    throw Fault("storage_error", "record hours out of range: " + r.hours.ToString());
  }
  w.Int4(static_cast<int32_t>(r.hours.centi()));
  // No registered provider is NULL, not '', so the reference check skips it.
  if (r.provider_code.empty()) {
    w.Null();
  } else {
    w.Text(r.provider_code);
  }
  w.Text(r.provider_name);
  w.Text(r.title);
  w.Text(r.source_id);
  w.Int2(static_cast<int16_t>(r.status));
  w.Text(r.reject_reason);
  w.Int2(static_cast<int16_t>(r.origin));
  w.Text(r.topic);
  w.Text(r.activity);
  w.Text(r.course_code);
}

/// The move-and-summarise statement. The conflict target names only the natural key, so any
/// other constraint (hours > 0) still fails loudly instead of being skipped as a duplicate.
std::string InsertSql() {
  return std::string("WITH ins AS (INSERT INTO learning_records (") + kRecordFields +
         ") SELECT " + kRecordFields +
         " FROM jixu_stage_records ON CONFLICT (person_id, record_key) DO NOTHING"
         " RETURNING person_id, year, category, form, centi_hours, status),"
         " sums AS (INSERT INTO person_year_totals AS t (year, person_id, " +
         TotalsColumnList() + ") SELECT year, person_id, " + TotalsAggregateSql() +
         " FROM ins GROUP BY year, person_id ON CONFLICT (year, person_id) DO UPDATE SET " +
         TotalsAddSql() + " RETURNING 1) SELECT (SELECT count(*) FROM ins), (SELECT count(*) FROM sums)";
}

void CheckReferences(PgConnection& conn) {
  PgResult r = conn.Run(kCheckReferences);
  if (r.Int(0, 0) > 0) {
    throw Fault("storage_error", "FOREIGN KEY constraint failed: " +
                                     std::to_string(r.Int(0, 0)) +
                                     " record(s) name a person that is not registered");
  }
  if (r.Int(0, 1) > 0) {
    throw Fault("storage_error", "FOREIGN KEY constraint failed: " +
                                     std::to_string(r.Int(0, 1)) +
                                     " provider code(s) are not registered");
  }
}

}  // namespace

WriteStats PgRecords::Insert(std::span<const records::LearningRecord> batch) {
  WriteStats stats;
  if (batch.empty()) return stats;
  static const std::string kInsertSql = InsertSql();
  CopyWriter w;
  for (const auto& r : batch) WriteRecord(w, r);
  db_.Atomically([&](PgConnection& conn) {
    conn.Exec(kStageSetup);
    conn.CopyIn("COPY jixu_stage_records FROM STDIN (FORMAT binary)", w.Finish());
    CheckReferences(conn);
    PgResult r = conn.Run(kInsertSql);
    stats.inserted = r.Int(0, 0);
    stats.unchanged = static_cast<int64_t>(batch.size()) - stats.inserted;
  });
  return stats;
}

std::optional<records::LearningRecord> PgRecords::FindById(int64_t id) {
  auto conn = db_.Borrow();
  auto r = conn->Run(std::string("SELECT ") + kRecordColumns +
                         " FROM learning_records WHERE id = $1",
                     Params().Add(id));
  if (r.rows() == 0) return std::nullopt;
  return ReadRecord(r, 0);
}

std::vector<records::LearningRecord> PgRecords::ListForPerson(int64_t person_id, int year) {
  auto conn = db_.Borrow();
  auto r = conn->Run(std::string("SELECT ") + kRecordColumns +
                         " FROM learning_records WHERE person_id = $1 AND ($2 = 0 OR year = $2)"
                         " ORDER BY completed_on, id",
                     Params().Add(person_id).Add(year));
  std::vector<records::LearningRecord> out;
  out.reserve(r.rows());
  for (int i = 0; i < r.rows(); ++i) out.push_back(ReadRecord(r, i));
  return out;
}

bool PgRecords::SetStatus(int64_t record_id, records::RecordStatus status,
                          std::string_view reason) {
  bool found = false;
  db_.Atomically([&](PgConnection& conn) {
    PgResult q = conn.Run(std::string("SELECT ") + kRecordColumns +
                              " FROM learning_records WHERE id = $1 FOR UPDATE",
                          Params().Add(record_id));
    if (q.rows() == 0) return;
    found = true;
    const records::LearningRecord before = ReadRecord(q, 0);
    if (before.status == status && before.reject_reason == reason) return;
    conn.Run("UPDATE learning_records SET status = $1, reject_reason = $2"
             " WHERE person_id = $3 AND id = $4",
             Params().Add(static_cast<int>(status)).Add(reason).Add(before.person_id)
                 .Add(record_id));
    records::LearningRecord after = before;
    after.status = status;
    records::YearTotals delta;
    delta.Apply(before, -1);
    delta.Apply(after, +1);
    AddToSummary(conn, before.person_id, before.date.year(), delta);
  });
  return found;
}

int64_t PgRecords::Count() {
  return db_.Borrow()->Run("SELECT count(*) FROM learning_records").Int(0, 0);
}

}  // namespace jixu::storage::pg
