#pragma once
// Field-level validation of one import row, and the per-kind row handlers the import driver
// feeds. A handler validates a row, queues it, and writes queued rows in batches.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/importer.hpp"
#include "app/importer_columns.hpp"
#include "core/common/error.hpp"

namespace jixu::app::import {

/// The errors of one import: all counted, the first `cap` listed.
class ErrorList {
 public:
  explicit ErrorList(size_t cap) : cap_(cap) {}
  void Add(ImportError e);
  void Add(int64_t line, const Error& e) {
    Add({line, e.field, e.code, e.message_zh, e.message_en});
  }
  int64_t count() const { return count_; }
  std::vector<ImportError> Take() { return std::move(listed_); }

 private:
  size_t cap_;
  int64_t count_ = 0;
  std::vector<ImportError> listed_;
};

/// Longest text accepted in a free-text cell; longer is almost always a broken row.
inline constexpr size_t kMaxTextBytes = 500;

/// Reads and checks the cells of one row, recording each problem with the row's line.
class RowCheck {
 public:
  RowCheck(const Row& row, const ColumnMap& cols, ErrorList& errors)
      : row_(row), cols_(cols), errors_(errors) {}

  /// The trimmed cell; a required empty cell is an error. Too long is an error.
  std::string_view Text(Col c, bool required);
  std::optional<Date> DateOf(Col c, bool required);
  /// A six-digit GB/T 2260 code, checked against the region table when there is one.
  std::optional<std::string> Region(Col c, const ImportContext& ctx);
  /// A value of an enum parsed by `parse` (Chinese or English names); `empty` is used when the
  /// cell is empty (nullopt: the value is required).
  template <typename E>
  std::optional<E> Enum(Col c, std::optional<E> (*parse)(std::string_view),
                        std::optional<E> empty, std::string_view allowed) {
    const std::string_view v = cols_.Get(row_, c);
    if (v.empty()) {
      if (!empty) Missing(c);
      return empty;
    }
    if (auto e = parse(v)) return e;
    Invalid(c, v, allowed);
    return std::nullopt;
  }
  /// Takes a validator's verdict: the value, or its error recorded.
  template <typename T>
  std::optional<T> Take(Result<T> r) {
    if (r.ok()) return std::move(r).value();
    Fail(r.error());
    return std::nullopt;
  }

  void Fail(const Error& e) {
    ++failures_;
    errors_.Add(row_.line, e);
  }
  void Fail(Col c, std::string code, std::string zh, std::string en);
  void Missing(Col c);
  void Invalid(Col c, std::string_view value, std::string_view allowed);
  bool ok() const { return failures_ == 0; }
  int64_t line() const { return row_.line; }
  const Row& row() const { return row_; }
  const ColumnMap& cols() const { return cols_; }

 private:
  const Row& row_;
  const ColumnMap& cols_;
  ErrorList& errors_;
  int failures_ = 0;
};

/// "中文/english, …" for every value of an enum with values 0..count-1, for "one of:" hints.
template <typename E>
std::string Allowed(int count, std::string_view (*zh)(E), std::string_view (*code)(E)) {
  std::string out;
  for (int i = 0; i < count; ++i) {
    if (!out.empty()) out += ", ";
    out += std::string(zh(static_cast<E>(i))) + "/" + std::string(code(static_cast<E>(i)));
  }
  return out;
}

/// Whether the import runs for a caller whose scope is limited (not the admin, not the CLI).
bool Restricted(const ImportContext& ctx);

/// The error of a row that would change or create something outside the caller's scope. It
/// names the line and field and nothing of the entity the row touches.
void OutOfScope(ErrorList& errors, int64_t line, Col c);
void OutOfScope(RowCheck& check, Col c);

/// Packs a well-formed 18-character resident ID into 64 bits (17 digits × 11 + check value), so
/// the person index of a national import is a map of integers. nullopt if not well-formed.
std::optional<uint64_t> PackIdNumber(std::string_view id);

class KindHandler {
 public:
  virtual ~KindHandler() = default;
  /// Loads what validation needs from the store (registered codes, the person index).
  virtual void Prepare(storage::Store& store) = 0;
  /// Validates one data row and, if it is valid, queues it.
  virtual void Row(RowCheck& check) = 0;
  virtual bool BatchFull() const = 0;
  /// Checks the queued rows against what the store holds (the caller's scope over the entities
  /// they would change), before Flush; runs on the thread that owns the store.
  virtual void Check(storage::Store& /*store*/, ErrorList& /*errors*/) {}
  /// After the last Flush of a committed import: adds what the handler saw to `changes`.
  virtual void Done(ImportChanges& /*changes*/) {}
  /// Writes the queued rows when `write`, else drops them; adds to `stats`.
  virtual void Flush(storage::Store& store, bool write, storage::WriteStats& stats) = 0;

  // Pipelined handlers (importer.cpp): Row() and Seal() run on a parsing thread, FlushSealed()
  // on the thread that owns the store, never at the same time as Seal().
  virtual bool Pipelined() const { return false; }
  /// Sets the full batch aside for FlushSealed; Row() goes on filling an empty one.
  virtual void Seal() {}
  /// Writes (or drops) the sealed batch; adds to `stats`.
  virtual void FlushSealed(storage::Store& /*store*/, bool /*write*/, storage::WriteStats& /*stats*/) {}
};

std::unique_ptr<KindHandler> MakeEmployerHandler(const ImportContext& ctx);
std::unique_ptr<KindHandler> MakeProviderHandler(const ImportContext& ctx);
std::unique_ptr<KindHandler> MakePersonHandler(const ImportContext& ctx);
std::unique_ptr<KindHandler> MakeRecordHandler(const ImportContext& ctx);

}  // namespace jixu::app::import
