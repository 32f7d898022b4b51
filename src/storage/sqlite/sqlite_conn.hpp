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
#include <unordered_map>

#include "core/records/year_totals.hpp"
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
  /// ~1M person-years ≈ 150 MB: enough to collapse a national import of one year in one pass.
  static constexpr size_t kMaxBufferedSummaries = size_t{1} << 20;

  void Add(int64_t person_id, int year, const records::LearningRecord& r, int sign);
  const SummarySlots* Find(int64_t person_id, int year) const;
  bool full() const { return map_.size() >= kMaxBufferedSummaries; }
  bool empty() const { return map_.empty(); }
  /// Writes every buffered change into person_year_totals (inside the caller's transaction).
  void Flush(Db& db);
  void Clear();

 private:
  static uint64_t Key(int64_t person_id, int year);
  std::unordered_map<uint64_t, SummarySlots> map_;
};

/// The connection, its transaction depth and its summary buffer. A depth above zero means a
/// transaction is open; nested Begin() calls join it.
class Conn {
 public:
  explicit Conn(const std::string& path);

  void Begin();
  /// Ends one nesting level; the outermost flushes the summary buffer and commits.
  void Commit();
  /// Ends one nesting level without committing; the outermost rolls back, an inner one marks
  /// the transaction so the outer Commit() rolls back and throws.
  void Rollback() noexcept;
  bool in_transaction() const { return depth_ > 0; }

  Db db;
  SummaryBuffer summaries;

 private:
  int depth_ = 0;
  bool rollback_only_ = false;
};

/// A repository method's transaction: joins the open one, or runs its own.
class WriteTx {
 public:
  explicit WriteTx(Conn& conn) : conn_(conn) { conn_.Begin(); }
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
