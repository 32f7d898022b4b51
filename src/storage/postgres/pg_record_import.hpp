#pragma once
// The bulk path of RecordRepository::Insert.
//
// Fast path (a batch of new records, the import case): duplicates inside the batch are dropped
// client-side, ids are assigned client-side from reserved blocks, the rows are streamed by COPY
// straight into learning_records under a savepoint (the server inserts while the client
// encodes), the batch's distinct persons and providers are checked in one statement, and the
// summary deltas, summed client-side per person-year, are COPYed into person_year_totals (new
// person-years) or added through a staging table and INSERT … ON CONFLICT DO UPDATE (existing
// ones) — once per unit of work, see pg_summary_buffer.hpp. Its cost is raw COPY's plus the
// table's other indexes and the summary rows.
//
// Small batches (up to 8 records, e.g. one declared through the API) skip all that: one
// statement per record checks its references, inserts it and upserts its summary.
//
// Conflict path (the batch holds records the table already has: a re-import, a provider
// re-sending): COPY reports unique_violation, the savepoint is rolled back, and the batch goes
// through a staging table and INSERT … SELECT … ON CONFLICT DO NOTHING RETURNING, whose returned
// rows are summed into person_year_totals in the same statement.
#include <span>

#include "core/records/types.hpp"
#include "core/storage/store.hpp"
#include "storage/postgres/pg_conn.hpp"
#include "storage/postgres/pg_summary_buffer.hpp"

namespace jixu::storage::pg {

/// Writes the batch inside the caller's transaction (a single record may run in autocommit: it
/// is one statement); returns how many rows were inserted. Inside a unit of work the fast path's
/// summary deltas go to the unit's buffer (`unit_summaries`, written at commit); without one
/// (nullptr) they are written before returning.
/// Throws Fault if a record names an unregistered person or provider (nothing written).
int64_t ImportRecords(PgConnection& conn, std::span<const records::LearningRecord> batch,
                      SummaryBuffer* unit_summaries);

}  // namespace jixu::storage::pg
