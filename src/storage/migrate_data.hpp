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

/// Digests of every table the interfaces can list: employers (+ provider approval), providers,
/// persons, title_changes, learning_records, exemptions, person_year_totals (the non-zero
/// summaries of every year that has records), users, audit_log, evidence_blobs, record_evidence,
/// record_reviews, courses, settings (the keys the program writes), signing_keys, certificates.
/// Computed the same way for every backend. The summary digest also catches a summary table that
/// disagrees with its records (run SummaryRepository::Rebuild on the source first if it does).
std::vector<TableDigest> DigestStore(Store& store, const MigrateProgressFn& progress = {});

/// Copies everything from `from` into `to`, which must be empty (Fault "target_not_empty"), in
/// one unit of work on `to`; then digests both stores and commits only if every table's rows and
/// checksum agree (else rolls back and throws Fault "migration_mismatch").
///
/// What does not carry over, by design of the interfaces: surrogate ids (person, record,
/// exemption, course, user ids, audit seq) are assigned afresh by the target, so opaque API ids
/// and the entity ids inside old audit entries name the source's rows; sessions are not copied
/// (everyone logs in again); failed-login counters restart at zero; settings other than the
/// keys the program writes are not copied (SettingsRepository cannot list keys).
MigrateReport MigrateData(Store& from, Store& to, const MigrateProgressFn& progress = {});

}  // namespace jixu::storage
