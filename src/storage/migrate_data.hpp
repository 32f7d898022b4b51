#pragma once
// Moving a deployment between stores (`jixu migrate-data`), e.g. a city's SQLite file into the
// provincial PostgreSQL database. Works through the storage interfaces only, so any backend can
// be source or target.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/storage/store.hpp"

namespace jixu::storage {

/// Rows and an order-independent checksum of one table's content. Rows are identified by
/// natural keys (credit code, resident ID number, record content), never by surrogate ids,
/// which the target assigns afresh; so two stores holding the same registry have equal digests.
struct TableDigest {
  std::string table;
  int64_t rows = 0;
  uint64_t checksum = 0;
  bool operator==(const TableDigest&) const = default;
};

struct MigrateProgress {
  std::string_view phase;  ///< "copy" or "verify-source" / "verify-target"
  std::string_view table;
  int64_t done = 0;
  int64_t total = 0;  ///< 0 when not known in advance
};
using MigrateProgressFn = std::function<void(const MigrateProgress&)>;

struct MigrateReport {
  std::vector<TableDigest> source;
  std::vector<TableDigest> target;
  bool ok() const { return source == target; }
};

/// Digests of every table: employers, providers, persons, title_changes, learning_records,
/// exemptions and person_year_totals (the non-zero summaries of every year that has records).
/// Computed the same way for every backend. The summary digest also catches a summary table that
/// disagrees with its records (run SummaryRepository::Rebuild on the source first if it does).
std::vector<TableDigest> DigestStore(Store& store, const MigrateProgressFn& progress = {});

/// Copies everything from `from` into `to`, which must be empty (Fault "target_not_empty"), in
/// one unit of work on `to`; then digests both stores and commits only if every table's rows and
/// checksum agree (else rolls back and throws Fault "migration_mismatch"). Surrogate ids (person,
/// record, exemption ids) are assigned afresh by the target; every natural key is kept.
MigrateReport MigrateData(Store& from, Store& to, const MigrateProgressFn& progress = {});

}  // namespace jixu::storage
