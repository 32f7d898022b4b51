#include "storage/postgres/pg_record_import.hpp"

#include <algorithm>
#include <climits>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/records/year_totals.hpp"
#include "storage/postgres/pg_copy.hpp"
#include "storage/postgres/pg_schema.hpp"
#include "storage/postgres/pg_summary_buffer.hpp"

namespace jixu::storage::pg {
namespace {

constexpr const char* kRecordFields =
    "id, person_id, record_key, completed_on, year, category, form, centi_hours, provider_code,"
    " provider_name, title, source_id, status, reject_reason, origin, topic, activity,"
    " course_code";

constexpr const char* kRecordStageSetup =
    "CREATE TEMP TABLE IF NOT EXISTS jixu_stage_records (id bigint, person_id bigint,"
    " record_key bigint,"
    " completed_on date, year smallint, category smallint, form smallint, centi_hours integer,"
    " provider_code text, provider_name text, title text, source_id text, status smallint,"
    " reject_reason text, origin smallint, topic text, activity text, course_code text);"
    " TRUNCATE jixu_stage_records";

// References are checked once per distinct person and provider of the batch, not per row: see
// pg_schema.cpp for why learning_records has no foreign keys.
constexpr const char* kCheckReferences =
    "SELECT (SELECT count(*) FROM unnest($1::bigint[]) AS s(id)"
    "         WHERE NOT EXISTS (SELECT 1 FROM persons p WHERE p.id = s.id)),"
    "       (SELECT count(*) FROM unnest($2::text[]) AS s(code)"
    "         WHERE NOT EXISTS (SELECT 1 FROM providers v WHERE v.code = s.code))";

/// What the batch contributes besides its rows: summary deltas and the distinct references to
/// check.
struct BatchFacts {
  int64_t unique_rows = 0;
  SummaryBuffer deltas;
  std::vector<int64_t> person_ids;
  std::set<std::string_view> provider_codes;
};

// Bytes encoded before a piece is handed to the server while the client goes on encoding.
constexpr size_t kStreamChunk = size_t{1} << 20;
// Batches up to this size go row by row in one statement each: the COPY path's fixed round
// trips (reserve, savepoints, COPY, check, summary) cost more than a few single statements.
constexpr size_t kSmallBatch = 8;
// Ids one nextval of learning_records' identity sequence reserves (its INCREMENT BY).
constexpr size_t kIdBlock = 1024;

struct KeyHash {
  size_t operator()(const std::pair<int64_t, int64_t>& k) const {
    return std::hash<int64_t>()(k.first * 0x9e3779b97f4a7c15LL ^ k.second);
  }
};

int32_t CheckedInt32(int64_t v, std::string_view what) {
  if (v > INT32_MAX || v < INT32_MIN) {
    throw Fault("storage_error", std::string(what) + " out of range: " + std::to_string(v));
  }
  return static_cast<int32_t>(v);
}

void WriteRecord(CopyWriter& w, const records::LearningRecord& r, int64_t id, int64_t key) {
  w.BeginRow(18);
  w.Int8(id);
  w.Int8(r.person_id);
  w.Int8(key);
  w.DateField(r.date);
  w.Int2(static_cast<int16_t>(r.date.year()));
  w.Int2(static_cast<int16_t>(r.category));
  w.Int2(static_cast<int16_t>(r.form));
  w.Int4(CheckedInt32(r.hours.centi(), "record centi-hours"));
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

/// Ids for `n` rows: one block of kIdBlock ids per nextval (see pg_schema.cpp). Blocks of one
/// batch need not be contiguous (other sessions reserve too).
std::vector<int64_t> ReserveIdBlocks(PgConnection& conn, size_t n) {
  const int64_t blocks = static_cast<int64_t>((n + kIdBlock - 1) / kIdBlock);
  PgResult r = conn.Run(
      "SELECT nextval(pg_get_serial_sequence('learning_records', 'id'))"
      " FROM generate_series(1, $1)",
      Params().Add(blocks));
  std::vector<int64_t> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(r.Int(i, 0));
  return out;
}

/// Encodes the batch's unique rows into `w` (streaming full chunks into `stream` if given) and
/// collects its facts. Row i of the output gets id blocks[i / kIdBlock] + i % kIdBlock.
BatchFacts Encode(std::span<const records::LearningRecord> batch,
                  const std::vector<int64_t>& blocks, CopyWriter& w, CopyInStream* stream) {
  BatchFacts out;
  std::unordered_set<std::pair<int64_t, int64_t>, KeyHash> seen;
  seen.reserve(batch.size());
  for (const auto& r : batch) {
    const auto key = static_cast<int64_t>(records::RecordKey(r));
    // The first of several equal records in one batch is the one kept, as in SQLite.
    if (!seen.emplace(r.person_id, key).second) continue;
    const auto i = static_cast<size_t>(out.unique_rows);
    WriteRecord(w, r, blocks[i / kIdBlock] + static_cast<int64_t>(i % kIdBlock), key);
    ++out.unique_rows;
    out.deltas.Add(r.person_id, r.date.year(), r);
    out.person_ids.push_back(r.person_id);
    if (!r.provider_code.empty()) out.provider_codes.insert(r.provider_code);
    if (stream != nullptr && w.size() >= kStreamChunk) {
      stream->Put(w.data());
      w.Consume();
    }
  }
  std::sort(out.person_ids.begin(), out.person_ids.end());
  out.person_ids.erase(std::unique(out.person_ids.begin(), out.person_ids.end()),
                       out.person_ids.end());
  return out;
}

std::string ArrayLiteral(const std::vector<int64_t>& ids) {
  std::string out = "{";
  for (int64_t id : ids) out += std::to_string(id) + ",";
  if (out.size() > 1) out.pop_back();
  return out + "}";
}

std::string ArrayLiteral(const std::set<std::string_view>& values) {
  std::string out = "{";
  for (std::string_view v : values) {
    out += '"';
    for (char c : v) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += "\",";
  }
  if (out.size() > 1) out.pop_back();
  return out + "}";
}

void CheckReferences(PgConnection& conn, const BatchFacts& b) {
  PgResult r = conn.Run(kCheckReferences, Params()
                                              .Add(ArrayLiteral(b.person_ids))
                                              .Add(ArrayLiteral(b.provider_codes)));
  if (r.Int(0, 0) > 0) {
    throw Fault("storage_error", "FOREIGN KEY constraint failed: " + std::to_string(r.Int(0, 0)) +
                                     " record person(s) are not registered");
  }
  if (r.Int(0, 1) > 0) {
    throw Fault("storage_error", "FOREIGN KEY constraint failed: " + std::to_string(r.Int(0, 1)) +
                                     " provider code(s) are not registered");
  }
}

/// The conflict path: every row through the staging table; only the rows actually inserted are
/// summed, in the same statement.
int64_t ImportThroughStage(PgConnection& conn, std::string_view payload) {
  static const std::string kInsert =
      std::string("WITH ins AS (INSERT INTO learning_records (") + kRecordFields + ") SELECT " +
      kRecordFields +
      " FROM jixu_stage_records ON CONFLICT (person_id, record_key) DO NOTHING"
      " RETURNING person_id, year, category, form, centi_hours, status),"
      " sums AS (INSERT INTO person_year_totals AS t (person_id, year, " +
      TotalsColumnList() + ") SELECT person_id, year, " + TotalsAggregateSql() +
      " FROM ins GROUP BY person_id, year ON CONFLICT (person_id, year) DO UPDATE SET " +
      TotalsAddSql() + ") SELECT count(*) FROM ins";
  conn.Exec(kRecordStageSetup);
  conn.CopyIn("COPY jixu_stage_records FROM STDIN (FORMAT binary)", payload);
  return conn.Run(kInsert).Int(0, 0);
}

/// One record in one statement: reference check, insert (id from the identity default) and
/// summary upsert. The API's single declared or reported record is one round trip.
bool ImportOne(PgConnection& conn, const records::LearningRecord& r) {
  static const std::string kSql =
      "WITH chk AS (SELECT EXISTS (SELECT 1 FROM persons WHERE id = $1::bigint) AS person_ok,"
      " ($8::text IS NULL OR EXISTS (SELECT 1 FROM providers WHERE code = $8::text))"
      " AS provider_ok),"
      " ins AS (INSERT INTO learning_records (" + std::string(kRecordFields + 4) +  // no "id, "
      ") SELECT $1::bigint, $2::bigint, $3::date, $4::smallint, $5::smallint, $6::smallint,"
      " $7::integer, $8::text, $9, $10, $11, $12::smallint, $13, $14::smallint, $15, $16, $17"
      " FROM chk WHERE person_ok AND provider_ok ON CONFLICT (person_id, record_key) DO NOTHING"
      " RETURNING person_id, year, category, form, centi_hours, status),"
      " sums AS (INSERT INTO person_year_totals AS t (person_id, year, " + TotalsColumnList() +
      ") SELECT person_id, year, " + TotalsAggregateSql() +
      " FROM ins GROUP BY person_id, year ON CONFLICT (person_id, year) DO UPDATE SET " +
      TotalsAddSql() + ") SELECT person_ok, provider_ok, (SELECT count(*) FROM ins) FROM chk";
  Params p;
  p.Add(r.person_id).Add(static_cast<int64_t>(records::RecordKey(r))).Add(r.date);
  p.Add(r.date.year()).Add(static_cast<int>(r.category)).Add(static_cast<int>(r.form));
  p.Add(static_cast<int64_t>(CheckedInt32(r.hours.centi(), "record centi-hours")));
  if (r.provider_code.empty()) {
    p.AddNull();  // no registered provider: NULL, as in WriteRecord
  } else {
    p.Add(r.provider_code);
  }
  p.Add(r.provider_name).Add(r.title).Add(r.source_id).Add(static_cast<int>(r.status));
  p.Add(r.reject_reason).Add(static_cast<int>(r.origin)).Add(r.topic).Add(r.activity);
  p.Add(r.course_code);
  PgResult res = conn.Run(kSql, p);
  if (!res.Bool(0, 0)) {
    throw Fault("storage_error",
                "FOREIGN KEY constraint failed: the record's person is not registered");
  }
  if (!res.Bool(0, 1)) {
    throw Fault("storage_error", "FOREIGN KEY constraint failed: provider code " +
                                     r.provider_code + " is not registered");
  }
  return res.Int(0, 2) > 0;
}

}  // namespace

int64_t ImportRecords(PgConnection& conn, std::span<const records::LearningRecord> batch,
                      SummaryBuffer* unit_summaries) {
  if (batch.size() <= kSmallBatch) {
    int64_t inserted = 0;
    for (const auto& r : batch) inserted += ImportOne(conn, r) ? 1 : 0;
    return inserted;
  }
  static const std::string kCopy =
      std::string("COPY learning_records (") + kRecordFields + ") FROM STDIN (FORMAT binary)";
  const std::vector<int64_t> blocks = ReserveIdBlocks(conn, batch.size());
  BatchFacts facts;
  conn.Exec("SAVEPOINT jixu_import");
  try {
    CopyInStream stream(conn, kCopy);
    CopyWriter w;
    facts = Encode(batch, blocks, w, &stream);
    stream.Put(w.Finish());
    stream.Finish();
  } catch (const PgFault& e) {
    conn.Exec("ROLLBACK TO SAVEPOINT jixu_import; RELEASE SAVEPOINT jixu_import");
    if (e.sqlstate() != kUniqueViolation) throw;
    CopyWriter w;
    facts = Encode(batch, blocks, w, nullptr);
    CheckReferences(conn, facts);
    return ImportThroughStage(conn, w.Finish());
  } catch (...) {
    // Failed while encoding (e.g. hours out of range): the stream has aborted the COPY.
    conn.Exec("ROLLBACK TO SAVEPOINT jixu_import; RELEASE SAVEPOINT jixu_import");
    throw;
  }
  conn.Exec("RELEASE SAVEPOINT jixu_import");
  CheckReferences(conn, facts);
  // Only now, with the rows in, do their deltas count; the conflict path above sums its own.
  if (unit_summaries == nullptr) {
    facts.deltas.Flush(conn);
  } else {
    unit_summaries->Merge(facts.deltas);
    if (unit_summaries->full()) unit_summaries->Flush(conn);
  }
  return facts.unique_rows;
}

}  // namespace jixu::storage::pg
