#pragma once
// Bulk import of employers, providers, persons and learning records from CSV (SPEC §5). Every
// field is validated; an import is all-or-nothing (one bad row and nothing is written, every bad
// row is listed with its line and reason); importing the same file twice changes nothing. Rows
// stream through in batches, so memory stays flat apart from the resident-ID → person index a
// record import needs (≈ 50 MB per million persons).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/csv_reader.hpp"
#include "core/common/date.hpp"
#include "core/storage/store.hpp"
#include "core/validate/region.hpp"

namespace jixu::app {

enum class ImportKind { kEmployers, kProviders, kPersons, kRecords };

std::optional<ImportKind> ParseImportKind(std::string_view text);
std::string_view ImportKindCode(ImportKind kind);

/// The largest hours one record may carry. A multi-week residential course (进修) reaches a few
/// hundred hours; 1000 h (about half a working year) catches typos such as 7200 for 72.00.
inline constexpr int64_t kMaxRecordHours = 1000;

struct ImportError {
  int64_t line = 0;    ///< 1-based line in the file (0: the file as a whole)
  std::string field;   ///< canonical column name, e.g. "id_number"; empty for the whole row
  std::string code;    ///< stable machine code, e.g. "invalid_id_number", "unknown_person"
  std::string message_zh;
  std::string message_en;
};

struct ImportProgress {
  int64_t rows = 0;    ///< data rows read so far
  int64_t errors = 0;  ///< errors found so far
};

/// One entity an import moved: a person to another employer or region, an organisation to
/// another region. Ids are row ids (the HTTP layer makes them opaque).
struct ImportMove {
  int64_t id = 0;
  std::string from_employer, to_employer;  ///< persons only
  std::string from_region, to_region;
};

/// What a committed import changed, entity by entity, for its audit entry. Persons, employers
/// and providers: created and updated-in-place ids (the first `list_cap` of each, with full
/// counts) and every move (never capped: a move is what an auditor looks for). Records: the
/// persons the file's rows name (first `list_cap`, with the count of distinct persons).
struct ImportChanges {
  size_t list_cap = 1000;
  std::vector<int64_t> created;
  int64_t created_count = 0;
  std::vector<int64_t> updated;  ///< changed without a move
  int64_t updated_count = 0;
  std::vector<ImportMove> moved;
  std::vector<int64_t> persons;  ///< records imports
  int64_t persons_count = 0;
};

struct ImportContext {
  /// GB/T 2260 table for region codes; null accepts any six-digit code.
  const validate::RegionTable* regions = nullptr;
  /// Records completed after this date are refused; unset: no check.
  std::optional<Date> today;
  /// Called every `progress_every` rows and once at the end.
  std::function<void(const ImportProgress&)> progress;
  int64_t progress_every = 100'000;
  /// Errors listed in the report; the rest are only counted.
  size_t max_listed_errors = 1000;
  /// Validate everything, write nothing.
  bool dry_run = false;
  /// The caller's scope: every row is checked against it inside the import's transaction, by
  /// the rules of the single-row routes (importer_scope.hpp), and a row outside it is an error
  /// ("out_of_scope") that refuses the whole file. Unset: no check (the CLI, run by a local
  /// administrator).
  std::optional<storage::Scope> scope;
  /// Filled with what a committed import changed; null: not collected (it costs a lookup a row).
  ImportChanges* changes = nullptr;
};

struct ImportReport {
  ImportKind kind = ImportKind::kRecords;
  int64_t rows = 0;  ///< data rows read (header and blank lines excluded)
  int64_t inserted = 0;
  int64_t updated = 0;
  int64_t unchanged = 0;
  std::vector<ImportError> errors;  ///< the first max_listed_errors, in file order
  int64_t error_count = 0;          ///< all errors, listed or not
  bool committed = false;           ///< true if the rows were written
  bool ok() const { return error_count == 0; }
};

/// Imports the CSV file at `path`. Input problems (unreadable file, bad header, bad rows) are
/// reported in the result, never thrown; a storage failure throws Fault after rolling back.
ImportReport Import(storage::Store& store, ImportKind kind, const std::string& path,
                    const ImportContext& ctx);

/// The same over any row source (CSV text in memory, an Excel sheet): the first row is the
/// header.
ImportReport ImportRows(storage::Store& store, ImportKind kind, RowSource& rows,
                        const ImportContext& ctx);

}  // namespace jixu::app
