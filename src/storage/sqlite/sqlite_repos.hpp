#pragma once
// The SQLite implementations of the core's repositories (core/storage/store.hpp). Each holds a
// reference to the shared connection state; none is thread-safe (one store per thread).
#include <string>

#include "core/storage/store.hpp"
#include "storage/sqlite/sqlite_conn.hpp"

namespace jixu::storage::sqlite {

class SqliteEmployers final : public EmployerRepository {
 public:
  explicit SqliteEmployers(Conn& conn) : conn_(conn) {}
  WriteStats Upsert(std::span<const records::Employer> employers) override;
  std::optional<records::Employer> FindByCode(std::string_view code) override;
  std::vector<records::Employer> List(std::string_view region_prefix) override;
  int64_t Count() override;

 private:
  Conn& conn_;
};

class SqliteProviders final : public ProviderRepository {
 public:
  explicit SqliteProviders(Conn& conn) : conn_(conn) {}
  WriteStats Upsert(std::span<const records::Provider> providers) override;
  std::optional<records::Provider> FindByCode(std::string_view code) override;
  std::vector<records::Provider> List(std::string_view region_prefix) override;
  int64_t Count() override;

 private:
  Conn& conn_;
};

class SqlitePersons final : public PersonRepository {
 public:
  explicit SqlitePersons(Conn& conn) : conn_(conn) {}
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
  std::optional<records::Person> FindByIndex(const std::string& index);
  Conn& conn_;
};

class SqliteRecords final : public RecordRepository {
 public:
  explicit SqliteRecords(Conn& conn) : conn_(conn) {}
  WriteStats Insert(std::span<const records::LearningRecord> batch) override;
  std::optional<records::LearningRecord> FindById(int64_t id) override;
  std::vector<records::LearningRecord> ListForPerson(int64_t person_id, int year) override;
  bool SetStatus(int64_t record_id, records::RecordStatus status,
                 std::string_view reason) override;
  int64_t Count() override;

 private:
  Conn& conn_;
};

class SqliteSummaries final : public SummaryRepository {
 public:
  explicit SqliteSummaries(Conn& conn) : conn_(conn) {}
  records::YearTotals Get(int64_t person_id, int year) override;
  void ForEachInYear(
      int year, const PersonFilter& filter,
      const std::function<void(const PersonFacts&, const records::YearTotals&)>& fn) override;
  void Rebuild() override;

 private:
  void ForEachByLookup(int year, const PersonFilter& filter,
                       const std::function<void(const PersonFacts&, const records::YearTotals&)>& fn);
  Conn& conn_;
};

class SqliteExemptions final : public ExemptionRepository {
 public:
  explicit SqliteExemptions(Conn& conn) : conn_(conn) {}
  int64_t Add(const records::Exemption& exemption) override;
  std::vector<records::Exemption> ListForPerson(int64_t person_id) override;
  std::vector<records::Exemption> ListOverlapping(int year) override;

 private:
  Conn& conn_;
};

/// SQL for a person query: "SELECT <facts columns> FROM persons WHERE <filter> ORDER BY id",
/// with the filter's values bound by BindPersonFilter in the same order.
std::string PersonFactsSql(const PersonFilter& filter, std::string_view select);
void BindPersonFilter(Stmt& stmt, const PersonFilter& filter, int first_index);
/// Reads the PersonFacts columns (as selected by kPersonFactsColumns) into `out`, reusing its
/// string capacity so that streaming a million persons allocates nothing per row.
/// The sealed ID number is opened with `keys`.
void ReadPersonFacts(const Stmt& stmt, PersonFacts& out, privacy::KeyRing& keys);
inline constexpr std::string_view kPersonFactsColumns =
    "id, id_number, name, employer_code, region_code, field, title_level, title_since, joined";

}  // namespace jixu::storage::sqlite
