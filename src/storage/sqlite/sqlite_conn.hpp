#pragma once
// Connection state shared by the SQLite repositories: the database, the transaction nesting and
// the in-memory buffer of per-person-year summary changes.
//
// Why a buffer: a bulk import of ten million records inside one UnitOfWork would otherwise
// rewrite a person's summary row once per record. Changes are summed in memory instead and
// written once, in (year, person_id) order, before the transaction commits (or when the buffer
// grows past kMaxBufferedSummaries, which bounds memory). Reads see them: Get() adds the
// buffered change, ForEachInYear() and Rebuild() flush first. A rollback discards the buffer.
#include <array>
#include <cstdint>
#include <span>
#include <memory>
#include <unordered_map>

#include "core/records/year_totals.hpp"
#include "storage/sql/privacy/key_ring.hpp"
#include "storage/sqlite/sqlite_db.hpp"

namespace jixu::storage::sqlite {

/// Stored layout of a summary: int32 centi-hours per (category, form) bucket, then pending
/// centi-hours, then the approved record count. 112 bytes; little-endian (as every supported
/// host). int32 holds 21 million hours per bucket, far above any real person-year.
inline constexpr int kSummarySlots = records::YearTotals::kBuckets + 2;
inline constexpr int kPendingSlot = records::YearTotals::kBuckets;
inline constexpr int kCountSlot = records::YearTotals::kBuckets + 1;
using SummarySlots = std::array<int32_t, kSummarySlots>;

/// Decodes a stored blob; throws Fault if its size is wrong (a corrupt or foreign row).
SummarySlots DecodeSlots(std::span<const std::byte> blob);
std::span<const std::byte> SlotBytes(const SummarySlots& slots);
void AddSlots(SummarySlots& into, const SummarySlots& delta);
/// One record's contribution (sign +1 adds, -1 removes), mirroring YearTotals::Apply.
void ApplyRecord(SummarySlots& slots, const records::LearningRecord& r, int sign);
records::YearTotals ToYearTotals(const SummarySlots& slots);

class SummaryBuffer {
 public:
  /// Buffered changes are flushed once they take this much memory (about 2.3 million
  /// person-years when persons are dense): a national import of one year collapses in one pass,
  /// and memory stays bounded whatever the import.
  static constexpr size_t kMaxBufferedBytes = size_t{256} << 20;

  void Add(int64_t person_id, int year, const records::LearningRecord& r, int sign);
  const SummarySlots* Find(int64_t person_id, int year) const;
  bool full() const { return chunks_.size() * sizeof(Chunk) >= kMaxBufferedBytes; }
  bool empty() const { return chunks_.empty(); }
  /// Writes every buffered change into person_year_totals (inside the caller's transaction).
  void Flush(Db& db);
  /// Drops the buffer and returns its memory.
  void Clear() { chunks_.clear(); }

 private:
  // Dense arrays of 1024 consecutive person ids per year, found by (year, id / 1024). Person
  // ids are dense (assigned in order), so an import touching most persons fills its chunks and
  // pays one small-map lookup and one cache miss per record; the flush walks the chunks in key
  // order, which is the summary table's (year, person_id) order. No rehash ever copies them.
  static constexpr int kChunkBits = 10;
  static constexpr size_t kChunkSize = size_t{1} << kChunkBits;
  struct Chunk {
    std::array<SummarySlots, kChunkSize> slots{};
    std::array<bool, kChunkSize> touched{};
  };
  static uint64_t ChunkKey(int64_t person_id, int year);
  std::unordered_map<uint64_t, std::unique_ptr<Chunk>> chunks_;
};

/// The connection, its transaction depth and its summary buffer. A depth above zero means a
/// transaction is open; nested Begin() calls join it.
class Conn {
 public:
  explicit Conn(const std::string& path);

  void Begin();
  /// Begin(), with foreign-key enforcement off until the outermost transaction ends (the
  /// pragma only takes effect outside a transaction); nested, it is Begin(). See
  /// Store::BeginVerified for when this is sound.
  void BeginVerified();
  /// Ends one nesting level; the outermost flushes the summary buffer and commits.
  void Commit();
  /// Ends one nesting level without committing; the outermost rolls back, an inner one marks
  /// the transaction so the outer Commit() rolls back and throws.
  void Rollback() noexcept;
  bool in_transaction() const { return depth_ > 0; }
  /// A deferred read transaction held across statements (Store::ReadSnapshot); Begin() ends it
  /// before taking the write lock, EndRead() ends it if it is still open. False (and nothing
  /// begun) inside a transaction or an open read.
  bool BeginRead();
  void EndRead() noexcept;

  /// Page cache sizes: `normal` always, `bulk` once a transaction has written kBulkRows rows.
  void SetCacheSizes(int normal_mib, int bulk_mib);
  /// Counts rows written in the open transaction; a bulk load gets the bulk page cache, since
  /// its random inserts into the record-key index otherwise thrash a small cache.
  void NoteRowsWritten(int64_t rows);
  static constexpr int64_t kBulkRows = 100'000;

  Db db;
  SummaryBuffer summaries;
  /// Seals and opens persons' ID numbers; owned by the store, set before any repository runs.
  privacy::KeyRing* keys = nullptr;

 private:
  void EndTransaction();
  void RestoreForeignKeys() noexcept;
  int depth_ = 0;
  bool rollback_only_ = false;
  int64_t rows_in_tx_ = 0;
  int normal_cache_mib_ = 64;
  int bulk_cache_mib_ = 64;
  bool bulk_ = false;
  bool foreign_keys_off_ = false;
  bool read_open_ = false;
};

/// A repository method's transaction: joins the open one, or runs its own.
class WriteTx {
 public:
  explicit WriteTx(Conn& conn) : conn_(conn) { conn_.Begin(); }
  /// Takes over one nesting level the caller has already begun.
  struct Adopt {};
  WriteTx(Conn& conn, Adopt) : conn_(conn) {}
  WriteTx(const WriteTx&) = delete;
  WriteTx& operator=(const WriteTx&) = delete;
  ~WriteTx() {
    if (!done_) conn_.Rollback();
  }
  void Commit() {
    done_ = true;  // set first: a failing commit has already rolled back
    conn_.Commit();
  }

 private:
  Conn& conn_;
  bool done_ = false;
};

}  // namespace jixu::storage::sqlite
