#pragma once
// The training market's repositories (core/storage/market_repos.hpp) written once over SqlConn.
#include "core/storage/catalogue_repos.hpp"
#include "core/storage/market_repos.hpp"
#include "storage/sql/sql_conn.hpp"

namespace jixu::storage::sql {

class SqlProviderLifecycle final : public ProviderLifecycleRepository {
 public:
  explicit SqlProviderLifecycle(SqlConn& c) : c_(c) {}
  std::optional<market::ProviderStanding> Standing(std::string_view provider_code) override;
  void SetStanding(std::string_view provider_code, const market::ProviderStanding& s, int64_t at,
                   std::string_view by) override;
  PageOf<ProviderStandingRow> List(const ProviderStandingQuery& query, const Page& page) override;
  int64_t AddApplication(const ProviderApplication& a) override;
  std::optional<ProviderApplication> Application(int64_t id) override;
  std::vector<ProviderApplication> Applications(std::string_view provider_code) override;
  bool DecideApplication(int64_t id, ApplicationStatus status, std::string_view by, int64_t at,
                         std::string_view reason) override;
  void AddEvent(const ProviderEvent& e) override;
  std::vector<ProviderEvent> Events(std::string_view provider_code) override;
  bool OnRoster(std::string_view provider_code, int64_t person_id) override;
  std::vector<int64_t> RosterPersons(std::string_view provider_code) override;

 private:
  void LoadDocuments(ProviderApplication& a);
  SqlConn& c_;
};

class SqlCatalogue final : public CatalogueRepository {
 public:
  explicit SqlCatalogue(SqlConn& c) : c_(c) {}
  int64_t AddPublicSubject(const PublicSubject& s) override;
  std::optional<PublicSubject> PublicSubjectById(int64_t id) override;
  PageOf<PublicSubject> PublicSubjects(const PublicSubjectQuery& q, const Page& page) override;
  int64_t CountNational(int year) override;
  bool WithdrawPublicSubject(int64_t id) override;
  std::optional<int64_t> AddTextbook(const Textbook& t) override;
  std::optional<Textbook> TextbookById(int64_t id) override;
  PageOf<Textbook> Textbooks(const TextbookQuery& q, const Page& page) override;
  bool RecommendTextbook(int64_t id, bool recommended, std::string_view by, int64_t at,
                         std::string_view note) override;
  int64_t AddQualityList(const QualityList& l) override;
  std::optional<QualityList> QualityListById(int64_t id) override;
  PageOf<QualityList> QualityLists(int year, const std::string& kind, const Page& page) override;

 private:
  SqlConn& c_;
};

/// Catalogue search terms (market::SearchTerms) kept per entity: kind 0 course, 1 textbook.
enum class TermKind : int64_t { kCourse = 0, kTextbook = 1 };
/// Replaces the entity's terms with those of `text`; call inside the entity's write.
void IndexTerms(SqlConn& c, TermKind kind, int64_t id, std::string_view text);
/// Adds to `w` the condition "<id_column> has every term" (nothing when `terms` is empty).
void WhereHasTerms(Where& w, TermKind kind, std::string_view id_column, const std::vector<std::string>& terms);

/// Every market repository over one connection adapter; a backend's Store holds one.
class SqlMarketRepos final : public MarketRepositories {
 public:
  explicit SqlMarketRepos(SqlConn& c) : lifecycle_(c), catalogue_(c) {}
  ProviderLifecycleRepository& lifecycle() override { return lifecycle_; }
  CatalogueRepository& catalogue() override { return catalogue_; }

 private:
  SqlProviderLifecycle lifecycle_;
  SqlCatalogue catalogue_;
};

}  // namespace jixu::storage::sql
