#pragma once
// Storage interfaces the core defines and the backends (SQLite, PostgreSQL) implement. The core
// and app layers see only these; a factory (storage/factory.hpp) picks a backend from the
// configuration. Every method that writes more than one row does so atomically; callers that
// need several calls to be atomic together open a UnitOfWork.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/records/types.hpp"
#include "core/records/year_totals.hpp"
#include "core/storage/certificate_store.hpp"
#include "core/storage/market_repos.hpp"
#include "core/storage/server_repos.hpp"
#include "core/storage/transfer_repos.hpp"
#include "core/storage/workflow_repos.hpp"

namespace jixu::storage {

struct WriteStats {
  int64_t inserted = 0;
  int64_t updated = 0;
  int64_t unchanged = 0;  ///< already present with the same content (idempotent re-import)
};

/// Which persons a query covers. Empty fields match everything. Scopes of callers (SPEC §4) are
/// expressed as filters and applied inside the query.
struct PersonFilter {
  std::string region_prefix;  ///< "51" = Sichuan, "5101" = Chengdu, "510104" = one district
  std::string employer_code;
  std::string field;
  std::optional<records::TitleLevel> title_level;
  std::string industry;  ///< the person's employer's industry (an industry authority's scope)
  std::string name_prefix;  ///< the person's name starts with this (persons_name index)
};

/// The facts compliance needs about a person, compact enough to stream a million of them.
struct PersonFacts {
  int64_t person_id = 0;
  std::string id_number;
  std::string name;
  std::string employer_code;
  std::string region_code;
  std::string field;
  records::TitleLevel title_level = records::TitleLevel::kNone;
  std::optional<Date> title_since;
  std::optional<Date> joined;
};

/// An open transaction. Destroying it without Commit() rolls back.
class UnitOfWork {
 public:
  virtual ~UnitOfWork() = default;
  virtual void Commit() = 0;
};
using UnitOfWorkPtr = std::unique_ptr<UnitOfWork>;

/// One read snapshot for every query made until it is destroyed: a request's reads see one
/// state of the database, and SQLite takes its WAL read lock once instead of once a statement
/// (each lock and unlock is an fcntl on the shared-memory file). A write begun meanwhile on the
/// same store ends the snapshot first. Backends without the notion return none.
class ReadScope {
 public:
  virtual ~ReadScope() = default;
};
using ReadScopePtr = std::unique_ptr<ReadScope>;

class EmployerRepository {
 public:
  virtual ~EmployerRepository() = default;
  /// Inserts new employers, updates changed ones (by code), counts unchanged ones.
  virtual WriteStats Upsert(std::span<const records::Employer> employers) = 0;
  virtual std::optional<records::Employer> FindByCode(std::string_view code) = 0;
  virtual std::vector<records::Employer> List(std::string_view region_prefix) = 0;
  virtual int64_t Count() = 0;
};

class ProviderRepository {
 public:
  virtual ~ProviderRepository() = default;
  virtual WriteStats Upsert(std::span<const records::Provider> providers) = 0;
  virtual std::optional<records::Provider> FindByCode(std::string_view code) = 0;
  virtual std::vector<records::Provider> List(std::string_view region_prefix) = 0;
  virtual int64_t Count() = 0;
};

class PersonRepository {
 public:
  virtual ~PersonRepository() = default;
  /// Upserts by id_number; the returned stats say what changed. Person ids are assigned here.
  virtual WriteStats Upsert(std::span<const records::Person> persons) = 0;
  virtual std::optional<records::Person> FindByIdNumber(std::string_view id_number) = 0;
  virtual std::optional<records::Person> FindById(int64_t id) = 0;
  virtual int64_t Count(const PersonFilter& filter) = 0;
  /// Streams persons in id order. The callback must not call back into the store.
  virtual void ForEach(const PersonFilter& filter,
                       const std::function<void(const PersonFacts&)>& fn) = 0;
  /// id_number → person id for every person: loaded once by a bulk import to resolve rows.
  virtual void ForEachIdNumber(const std::function<void(std::string_view, int64_t)>& fn) = 0;
  virtual void AddTitleChange(const records::TitleChange& change) = 0;
  virtual std::vector<records::TitleChange> TitleHistory(int64_t person_id) = 0;
};

class RecordRepository {
 public:
  virtual ~RecordRepository() = default;
  /// Inserts records whose (person_id, RecordKey) is new; skips the rest (counted as unchanged).
  /// Keeps the per-person-year summary in step, in the same transaction.
  virtual WriteStats Insert(std::span<const records::LearningRecord> batch) = 0;
  virtual std::optional<records::LearningRecord> FindById(int64_t id) = 0;
  /// A person's records, oldest first; year 0 = every year.
  virtual std::vector<records::LearningRecord> ListForPerson(int64_t person_id, int year) = 0;
  /// Moves a record through review (pending → approved/rejected), updating the summary.
  /// Returns false if no such record.
  virtual bool SetStatus(int64_t record_id, records::RecordStatus status,
                         std::string_view reason) = 0;
  virtual int64_t Count() = 0;
};

class SummaryRepository {
 public:
  virtual ~SummaryRepository() = default;
  /// One lookup: the person's totals for the year (zero totals if the person has none).
  virtual records::YearTotals Get(int64_t person_id, int year) = 0;
  /// Streams every person matching the filter, in id order, with that year's totals (zero totals
  /// for persons with no records). This is the path of whole-population compliance.
  virtual void ForEachInYear(
      int year, const PersonFilter& filter,
      const std::function<void(const PersonFacts&, const records::YearTotals&)>& fn) = 0;
  /// Recomputes every summary from the records (repair and verification).
  virtual void Rebuild() = 0;
};

class ExemptionRepository {
 public:
  virtual ~ExemptionRepository() = default;
  virtual int64_t Add(const records::Exemption& exemption) = 0;
  virtual std::vector<records::Exemption> ListForPerson(int64_t person_id) = 0;
  /// Every approved exemption overlapping the year, for whole-population compliance.
  virtual std::vector<records::Exemption> ListOverlapping(int year) = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  virtual std::string_view backend() const = 0;  ///< "sqlite" or "postgresql"
  /// Applies pending versioned migrations; returns the schema version now in force.
  virtual int Migrate() = 0;
  virtual UnitOfWorkPtr Begin() = 0;
  /// A unit of work whose writes reference only rows the caller has itself read inside this
  /// same unit of work (the record import resolves every person and provider after Begin, and
  /// the write lock keeps them from changing until the commit). SQLite then skips its per-row
  /// foreign-key probes, which that reading has already done; PostgreSQL checks as always (same
  /// outcome: no dangling reference can be committed either way).
  virtual UnitOfWorkPtr BeginVerified() { return Begin(); }
  /// See ReadScope; nullptr where the backend has nothing to hold (PostgreSQL's pool).
  virtual ReadScopePtr ReadSnapshot() { return nullptr; }

  virtual EmployerRepository& employers() = 0;
  virtual ProviderRepository& providers() = 0;
  virtual PersonRepository& persons() = 0;
  virtual RecordRepository& records() = 0;
  virtual SummaryRepository& summaries() = 0;
  virtual ExemptionRepository& exemptions() = 0;

  // The server's repositories (server_repos.hpp).
  virtual UserRepository& users() = 0;
  virtual SessionRepository& sessions() = 0;
  virtual AuditRepository& audit() = 0;
  virtual EvidenceRepository& evidence() = 0;
  virtual CourseRepository& courses() = 0;
  virtual ReviewRepository& reviews() = 0;
  virtual SettingsRepository& settings() = 0;
  virtual QueryRepository& queries() = 0;
  // Exemption approval and classes (workflow_repos.hpp).
  virtual ExemptionReviewRepository& exemption_reviews() = 0;
  virtual ClassRepository& classes() = 0;
  // Transfers between employers (transfer_repos.hpp).
  virtual TransferRepository& transfers() = 0;
  // The training market (market_repos.hpp).
  virtual MarketRepositories& market() = 0;

  // Certificates and their signing keys (certificate_store.hpp).
  virtual CertificateRepository& certificates() = 0;
  virtual SigningKeyRepository& signing_keys() = 0;
};
using StorePtr = std::unique_ptr<Store>;

}  // namespace jixu::storage
