// Learning records: idempotent batch insert (pg_record_import.cpp) and review, each keeping
// person_year_totals in step inside the caller's transaction.
#include <string>

#include "core/common/error.hpp"
#include "storage/row_mapping.hpp"
#include "storage/postgres/pg_repos.hpp"
#include "storage/postgres/pg_record_import.hpp"

namespace jixu::storage::pg {
namespace {

constexpr const char* kRecordColumns =
    "id, person_id, completed_on, category, form, centi_hours, coalesce(provider_code, ''),"
    " provider_name, title, source_id, status, reject_reason, origin, topic, activity,"
    " course_code";

/// libpq result row as the column accessors row_mapping.hpp expects.
struct PgCols {
  const PgResult& q;
  int row;
  int64_t Int(int c) const { return q.Int(row, c); }
  std::string Text(int c) const { return q.String(row, c); }
  Date DateAt(int c) const { return q.DateAt(row, c); }
};

records::LearningRecord ReadRecord(const PgResult& q, int row) {
  return RecordFromColumns(PgCols{q, row});
}

}  // namespace

WriteStats PgRecords::Insert(std::span<const records::LearningRecord> batch) {
  WriteStats stats;
  if (batch.empty()) return stats;
  auto import = [&](PgConnection& conn) {
    stats.inserted = ImportRecords(conn, batch, db_.UnitSummaries());
  };
  // One record is one statement (pg_record_import.hpp): no transaction block needed around it.
  if (batch.size() == 1) {
    db_.OneStatement(import);
  } else {
    db_.Atomically(import);
  }
  stats.unchanged = static_cast<int64_t>(batch.size()) - stats.inserted;
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
