#pragma once
// The PostgreSQL repositories. Each holds only a reference to the shared PgDatabase (pool +
// pinned transactions), so one store serves many threads.
#include <string>

#include "core/storage/store.hpp"
#include "storage/postgres/pg_copy.hpp"
#include "storage/postgres/pg_pool.hpp"

namespace jixu::storage::pg {

class PgEmployers final : public EmployerRepository {
 public:
  explicit PgEmployers(PgDatabase& db) : db_(db) {}
  WriteStats Upsert(std::span<const records::Employer> employers) override;
  std::optional<records::Employer> FindByCode(std::string_view code) override;
  std::vector<records::Employer> List(std::string_view region_prefix) override;
  int64_t Count() override;

 private:
  PgDatabase& db_;
};

class PgProviders final : public ProviderRepository {
 public:
  explicit PgProviders(PgDatabase& db) : db_(db) {}
  WriteStats Upsert(std::span<const records::Provider> providers) override;
  std::optional<records::Provider> FindByCode(std::string_view code) override;
  std::vector<records::Provider> List(std::string_view region_prefix) override;
  int64_t Count() override;

 private:
  PgDatabase& db_;
};

class PgPersons final : public PersonRepository {
 public:
  explicit PgPersons(PgDatabase& db) : db_(db) {}
  WriteStats Upsert(std::span<const records::Person> persons) override;
  std::optional<records::Person> FindByIdNumber(std::string_view id_number) override;
  std::optional<records::Person> FindById(int64_t id) override;
  int64_t Count(const PersonFilter& filter) override;
  void ForEach(const PersonFilter& filter,
               const std::function<void(const PersonFacts&)>& fn) override;
  void ForEachIdNumber(const std::function<void(std::string_view, int64_t)>& fn) override;
  void AddTitleChange(const records::TitleChange& change) override;
  std::vector<records::TitleChange> TitleHistory(int64_t person_id) override;

 private:
  PgDatabase& db_;
};

class PgRecords final : public RecordRepository {
 public:
  explicit PgRecords(PgDatabase& db) : db_(db) {}
  WriteStats Insert(std::span<const records::LearningRecord> batch) override;
  std::optional<records::LearningRecord> FindById(int64_t id) override;
  std::vector<records::LearningRecord> ListForPerson(int64_t person_id, int year) override;
  bool SetStatus(int64_t record_id, records::RecordStatus status,
                 std::string_view reason) override;
  int64_t Count() override;

 private:
  PgDatabase& db_;
};

class PgSummaries final : public SummaryRepository {
 public:
  explicit PgSummaries(PgDatabase& db) : db_(db) {}
  records::YearTotals Get(int64_t person_id, int year) override;
  void ForEachInYear(
      int year, const PersonFilter& filter,
      const std::function<void(const PersonFacts&, const records::YearTotals&)>& fn) override;
  void Rebuild() override;

 private:
  PgDatabase& db_;
};

class PgExemptions final : public ExemptionRepository {
 public:
  explicit PgExemptions(PgDatabase& db) : db_(db) {}
  int64_t Add(const records::Exemption& exemption) override;
  std::vector<records::Exemption> ListForPerson(int64_t person_id) override;
  std::vector<records::Exemption> ListOverlapping(int year) override;

 private:
  PgDatabase& db_;
};

// Shared by the person and summary repositories (pg_persons.cpp).

/// The columns PersonFacts is read from, in ReadPersonFacts order, prefixed with `alias.`.
std::string PersonFactsColumns(std::string_view alias);
/// " WHERE …" (or "") for the filter, values inlined as quoted literals because COPY cannot
/// take parameters; `alias` qualifies the persons columns.
std::string PersonFilterSql(PgConnection& conn, const PersonFilter& filter,
                            std::string_view alias);
/// Reads the PersonFacts columns from a binary COPY row.
/// Reads the PersonFacts columns from a binary COPY row, opening the sealed ID number.
void ReadPersonFacts(CopyRowReader& row, PersonFacts& out, privacy::KeyRing& keys);

/// Adds `delta` (as computed by YearTotals::Apply) to one person-year summary row (pg_summaries.cpp).
void AddToSummary(PgConnection& conn, int64_t person_id, int year,
                  const records::YearTotals& delta);

}  // namespace jixu::storage::pg
