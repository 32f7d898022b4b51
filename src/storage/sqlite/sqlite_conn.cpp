#include "storage/sqlite/sqlite_conn.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <vector>

#include "core/common/error.hpp"

namespace jixu::storage::sqlite {
namespace {

static_assert(std::endian::native == std::endian::little,
              "summary blobs are stored little-endian; add byte swapping for this host");

constexpr size_t kBlobBytes = sizeof(SummarySlots);

bool AddChecked(int32_t& into, int64_t delta) {
  const int64_t sum = int64_t{into} + delta;
  if (sum > INT32_MAX || sum < INT32_MIN) return false;
  into = static_cast<int32_t>(sum);
  return true;
}

// SQL function jixu_totals_add(a, b): slot-wise sum of two summary blobs, used by the flush
// upsert so that one statement per person-year merges a buffered change into the stored row.
void TotalsAddFunction(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_bytes(argv[0]) != kBlobBytes || sqlite3_value_bytes(argv[1]) != kBlobBytes) {
    sqlite3_result_error(ctx, "jixu_totals_add: summary blob has the wrong size", -1);
    return;
  }
  SummarySlots a, b;
  std::memcpy(a.data(), sqlite3_value_blob(argv[0]), kBlobBytes);
  std::memcpy(b.data(), sqlite3_value_blob(argv[1]), kBlobBytes);
  for (int i = 0; i < kSummarySlots; ++i) {
    if (!AddChecked(a[i], b[i])) {
      sqlite3_result_error(ctx, "jixu_totals_add: summary overflows int32 centi-hours", -1);
      return;
    }
  }
  sqlite3_result_blob(ctx, a.data(), kBlobBytes, SQLITE_TRANSIENT);
}

}  // namespace

SummarySlots DecodeSlots(std::span<const std::byte> blob) {
  if (blob.size() != kBlobBytes) {
    throw Fault("storage_corrupt", "person_year_totals: summary blob of " +
                                       std::to_string(blob.size()) + " bytes, expected " +
                                       std::to_string(kBlobBytes));
  }
  SummarySlots slots;
  std::memcpy(slots.data(), blob.data(), kBlobBytes);
  return slots;
}

std::span<const std::byte> SlotBytes(const SummarySlots& slots) {
  return std::as_bytes(std::span<const int32_t>(slots));
}

void AddSlots(SummarySlots& into, const SummarySlots& delta) {
  for (int i = 0; i < kSummarySlots; ++i) {
    if (!AddChecked(into[i], delta[i])) {
      throw Fault("summary_overflow", "a person-year summary overflows int32 centi-hours");
    }
  }
}

void ApplyRecord(SummarySlots& slots, const records::LearningRecord& r, int sign) {
  const int64_t centi = sign * r.hours.centi();
  bool ok = true;
  if (r.status == records::RecordStatus::kApproved) {
    ok = AddChecked(slots[records::YearTotals::Index(r.category, r.form)], centi) &&
         AddChecked(slots[kCountSlot], sign);
  } else if (r.status == records::RecordStatus::kPending) {
    ok = AddChecked(slots[kPendingSlot], centi);
  }
  if (!ok) throw Fault("summary_overflow", "a person-year summary overflows int32 centi-hours");
}

records::YearTotals ToYearTotals(const SummarySlots& slots) {
  records::YearTotals t;
  for (int i = 0; i < records::YearTotals::kBuckets; ++i) t.approved[i] = Hours::FromCenti(slots[i]);
  t.pending = Hours::FromCenti(slots[kPendingSlot]);
  t.approved_records = slots[kCountSlot];
  return t;
}

uint64_t SummaryBuffer::ChunkKey(int64_t person_id, int year) {
  // Year in the top bits so that sorting keys sorts by (year, person_id), the table's key order.
  constexpr int kPersonBits = 44;
  if (person_id <= 0 || person_id >= (int64_t{1} << kPersonBits) || year < 0 || year > 9999) {
    throw Fault("summary_key_range", "person id or year out of the summary key range");
  }
  return (static_cast<uint64_t>(year) << (kPersonBits - kChunkBits)) |
         (static_cast<uint64_t>(person_id) >> kChunkBits);
}

void SummaryBuffer::Add(int64_t person_id, int year, const records::LearningRecord& r, int sign) {
  auto& chunk = chunks_[ChunkKey(person_id, year)];
  if (!chunk) chunk = std::make_unique<Chunk>();
  const size_t i = static_cast<size_t>(person_id) & (kChunkSize - 1);
  chunk->touched[i] = true;
  ApplyRecord(chunk->slots[i], r, sign);
}

const SummarySlots* SummaryBuffer::Find(int64_t person_id, int year) const {
  if (chunks_.empty()) return nullptr;
  auto it = chunks_.find(ChunkKey(person_id, year));
  if (it == chunks_.end()) return nullptr;
  const size_t i = static_cast<size_t>(person_id) & (kChunkSize - 1);
  return it->second->touched[i] ? &it->second->slots[i] : nullptr;
}

void SummaryBuffer::Flush(Db& db) {
  if (chunks_.empty()) return;
  std::vector<uint64_t> keys;
  keys.reserve(chunks_.size());
  for (const auto& [key, chunk] : chunks_) keys.push_back(key);
  std::sort(keys.begin(), keys.end());
  auto upsert = db.Prepare(
      "INSERT INTO person_year_totals(year, person_id, totals) VALUES (?1, ?2, ?3) "
      "ON CONFLICT(year, person_id) DO UPDATE SET totals = jixu_totals_add(totals, excluded.totals)");
  constexpr int kChunkKeyBits = 44 - kChunkBits;
  for (uint64_t key : keys) {
    const Chunk& chunk = *chunks_.at(key);
    const int64_t year = static_cast<int64_t>(key >> kChunkKeyBits);
    const int64_t first = static_cast<int64_t>((key & ((uint64_t{1} << kChunkKeyBits) - 1))
                                               << kChunkBits);
    for (size_t i = 0; i < kChunkSize; ++i) {
      if (!chunk.touched[i]) continue;
      upsert.Bind(1, year).Bind(2, first + static_cast<int64_t>(i)).BindBlob(3, SlotBytes(chunk.slots[i]));
      upsert.Exec();
      upsert.Reset();
    }
  }
  Clear();
}

Conn::Conn(const std::string& path) : db(path) {
  const int rc = sqlite3_create_function_v2(
      db.handle(), "jixu_totals_add", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
      nullptr, TotalsAddFunction, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) db.Fail(rc, "create function jixu_totals_add");
}

void Conn::SetCacheSizes(int normal_mib, int bulk_mib) {
  normal_cache_mib_ = normal_mib;
  bulk_cache_mib_ = bulk_mib;
  db.Exec("PRAGMA cache_size=-" + std::to_string(int64_t{normal_mib} * 1024));
}

void Conn::NoteRowsWritten(int64_t rows) {
  rows_in_tx_ += rows;
  if (!bulk_ && rows_in_tx_ >= kBulkRows && bulk_cache_mib_ > normal_cache_mib_) {
    db.Exec("PRAGMA cache_size=-" + std::to_string(int64_t{bulk_cache_mib_} * 1024));
    bulk_ = true;
  }
}

// After the outermost transaction: back to the normal cache (shrinking it frees the pages).
void Conn::EndTransaction() {
  RestoreForeignKeys();
  summaries.Clear();
  rows_in_tx_ = 0;
  if (bulk_) {
    bulk_ = false;
    const std::string sql = "PRAGMA cache_size=-" + std::to_string(int64_t{normal_cache_mib_} * 1024);
    sqlite3_exec(db.handle(), sql.c_str(), nullptr, nullptr, nullptr);
  }
}

bool Conn::BeginRead() {
  if (depth_ > 0 || read_open_) return false;
  db.Prepare("BEGIN DEFERRED").Exec();  // cached: a request pays no parse for it
  read_open_ = true;
  return true;
}

void Conn::EndRead() noexcept {
  if (!read_open_) return;
  read_open_ = false;
  // A read-only transaction: COMMIT only releases the snapshot (it cannot fail for lack of
  // space or a busy writer); if a write already ended it, there is nothing to end.
  if (depth_ == 0 && sqlite3_get_autocommit(db.handle()) == 0) {
    try {
      db.Prepare("COMMIT").Exec();
    } catch (...) {
      sqlite3_exec(db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    }
  }
}

void Conn::Begin() {
  if (depth_ == 0 && read_open_) EndRead();  // a write on a reading store: start fresh
  if (depth_ == 0) {
    // IMMEDIATE takes the write lock now, so two writers wait on the busy timeout instead of
    // failing later with a deadlock when a read transaction tries to upgrade. It is also what
    // makes BeginVerified sound: what the transaction reads cannot change until it ends.
    try {
      db.Exec("BEGIN IMMEDIATE");
    } catch (...) {
      RestoreForeignKeys();
      throw;
    }
    rollback_only_ = false;
  }
  ++depth_;
}

void Conn::BeginVerified() {
  if (depth_ == 0 && read_open_) EndRead();  // the pragma only takes effect outside one
  if (depth_ == 0) {
    db.Exec("PRAGMA foreign_keys=OFF");
    foreign_keys_off_ = true;
  }
  Begin();
}

void Conn::RestoreForeignKeys() noexcept {
  if (!foreign_keys_off_) return;
  foreign_keys_off_ = false;
  sqlite3_exec(db.handle(), "PRAGMA foreign_keys=ON", nullptr, nullptr, nullptr);
}

void Conn::Commit() {
  if (depth_ > 1) {
    --depth_;
    return;
  }
  depth_ = 0;
  try {
    if (rollback_only_) {
      throw Fault("transaction_aborted",
                  "a nested unit of work was abandoned; the whole transaction was rolled back");
    }
    summaries.Flush(db);
    db.Exec("COMMIT");
  } catch (...) {
    if (!sqlite3_get_autocommit(db.handle())) sqlite3_exec(db.handle(), "ROLLBACK", 0, 0, 0);
    EndTransaction();
    throw;
  }
  EndTransaction();
}

void Conn::Rollback() noexcept {
  if (depth_ > 1) {
    --depth_;
    rollback_only_ = true;
    return;
  }
  depth_ = 0;
  if (!sqlite3_get_autocommit(db.handle())) sqlite3_exec(db.handle(), "ROLLBACK", 0, 0, 0);
  EndTransaction();
}

}  // namespace jixu::storage::sqlite
