// Learning records: idempotent batch insert and review, each keeping person_year_totals in step
// through the connection's summary buffer (sqlite_conn.hpp).
#include <string>

#include "core/common/error.hpp"
#include "storage/row_mapping.hpp"
#include "storage/sqlite/sqlite_repos.hpp"

namespace jixu::storage::sqlite {
namespace {

constexpr std::string_view kRecordColumns =
    "id, person_id, completed_on, category, form, centi_hours, coalesce(provider_code, ''),"
    " provider_name, title, source_id, status, reject_reason, origin, topic, activity,"
    " course_code";

records::LearningRecord ReadRecord(const Stmt& q) { return RecordFromColumns(q); }

void BindRecord(Stmt& q, const records::LearningRecord& r) {
  q.Bind(1, r.person_id).Bind(2, int64_t{r.date.ToYmdInt()}).Bind(3, int64_t{r.date.year()});
  q.Bind(4, static_cast<int64_t>(r.category)).Bind(5, static_cast<int64_t>(r.form));
  q.Bind(6, r.hours.centi());
  // No registered provider is NULL, not '', so the foreign key is not checked for it.
  if (r.provider_code.empty()) {
    q.BindNull(7);
  } else {
    q.Bind(7, r.provider_code);
  }
  q.Bind(8, r.provider_name).Bind(9, r.title).Bind(10, r.source_id);
  q.Bind(11, static_cast<int64_t>(r.status)).Bind(12, r.reject_reason);
  q.Bind(13, static_cast<int64_t>(r.origin)).Bind(14, r.topic).Bind(15, r.activity);
  q.Bind(16, r.course_code).Bind(17, static_cast<int64_t>(records::RecordKey(r)));
}

}  // namespace

WriteStats SqliteRecords::Insert(std::span<const records::LearningRecord> batch) {
  WriteStats stats;
  WriteTx tx(conn_);
  conn_.NoteRowsWritten(static_cast<int64_t>(batch.size()));
  {
    // The conflict target names only the natural key: any other constraint (foreign key,
    // hours > 0) still fails loudly instead of being skipped as a duplicate.
    auto q = conn_.db.Prepare(
        "INSERT INTO learning_records(person_id, completed_on, year, category, form, centi_hours,"
        " provider_code, provider_name, title, source_id, status, reject_reason, origin, topic,"
        " activity, course_code, record_key)"
        " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17)"
        " ON CONFLICT(person_id, record_key) DO NOTHING");
    for (const auto& r : batch) {
      BindRecord(q, r);
      const bool inserted = q.Exec() > 0;
      q.Reset();
      if (!inserted) {
        ++stats.unchanged;
        continue;
      }
      ++stats.inserted;
      conn_.summaries.Add(r.person_id, r.date.year(), r, +1);
      if (conn_.summaries.full()) conn_.summaries.Flush(conn_.db);
    }
  }
  tx.Commit();
  return stats;
}

std::optional<records::LearningRecord> SqliteRecords::FindById(int64_t id) {
  auto q = conn_.db.Prepare("SELECT " + std::string(kRecordColumns) +
                            " FROM learning_records WHERE id = ?1");
  q.Bind(1, id);
  if (!q.Step()) return std::nullopt;
  return ReadRecord(q);
}

std::vector<records::LearningRecord> SqliteRecords::ListForPerson(int64_t person_id, int year) {
  auto q = conn_.db.Prepare("SELECT " + std::string(kRecordColumns) +
                            " FROM learning_records WHERE person_id = ?1 AND (?2 = 0 OR year = ?2)"
                            " ORDER BY completed_on, id");
  q.Bind(1, person_id).Bind(2, int64_t{year});
  std::vector<records::LearningRecord> out;
  while (q.Step()) out.push_back(ReadRecord(q));
  return out;
}

bool SqliteRecords::SetStatus(int64_t record_id, records::RecordStatus status,
                              std::string_view reason) {
  WriteTx tx(conn_);
  auto before = FindById(record_id);
  if (!before) {
    tx.Commit();  // nothing written; committing keeps an enclosing UnitOfWork usable
    return false;
  }
  if (before->status != status || before->reject_reason != reason) {
    auto q = conn_.db.Prepare(
        "UPDATE learning_records SET status = ?1, reject_reason = ?2 WHERE id = ?3");
    q.Bind(1, static_cast<int64_t>(status)).Bind(2, reason).Bind(3, record_id).Exec();
    records::LearningRecord after = *before;
    after.status = status;
    const int year = before->date.year();
    conn_.summaries.Add(before->person_id, year, *before, -1);
    conn_.summaries.Add(after.person_id, year, after, +1);
  }
  tx.Commit();
  return true;
}

int64_t SqliteRecords::Count() {
  auto q = conn_.db.Prepare("SELECT count(*) FROM learning_records");
  q.Step();
  return q.Int(0);
}

}  // namespace jixu::storage::sqlite
