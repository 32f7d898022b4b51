#pragma once
// Storage interfaces of the catalogue (issue 11 item 6, seed Art. 6, 12, 13): the year's public
// subjects an authority publishes, textbooks with the authority's recommendation, and the lists
// of quality courses, projects and textbooks it publishes. Courses themselves live in
// CourseRepository (server_repos.hpp). Written once in src/storage/sql/market/.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/common/hours.hpp"
#include "core/storage/server_repos.hpp"

namespace jixu::storage {

/// 公需科目: national (region_prefix "") or local to an authority's region, for one year.
struct PublicSubject {
  int64_t id = 0;
  int year = 0;
  std::string region_prefix;
  std::string title;
  Hours hours;
  std::string content;
  std::string published_by;
  int64_t published_at = 0;
  bool withdrawn = false;
};

struct PublicSubjectQuery {
  int year = 0;             ///< 0 = every year
  /// The subjects that apply to a place: national ones and local ones whose region is a prefix
  /// of it. Empty: every subject.
  std::string applies_to;
  /// Only those published inside this region (an authority's own list); empty: no limit.
  std::string within;
  bool include_withdrawn = false;
};

/// 教材.
struct Textbook {
  int64_t id = 0;
  std::string isbn;  ///< 13 digits
  std::string title;
  std::string authors;
  std::string publisher;
  std::string edition;
  std::string subject;  ///< 学科/专业领域
  std::string added_by;
  int64_t added_at = 0;
  bool recommended = false;  ///< 主管部门推荐
  std::string recommended_by;
  int64_t recommended_at = 0;
  std::string recommend_note;
};

struct TextbookQuery {
  std::vector<std::string> terms;  ///< market::QueryTerms of a search
  std::string title_contains;      ///< a one-character search (the term index holds pairs)
  std::string subject;
  std::optional<bool> recommended;
};

/// An entry of a quality list: a course, a project (a class) or a textbook by its row id.
struct QualityListItem {
  int64_t entity_id = 0;
  std::string note;
  std::string title;  ///< read only: the entity's title when listed
};

/// 质量高、信誉好的培训科目、项目和教材: a list an authority publishes for a year.
struct QualityList {
  int64_t id = 0;
  int year = 0;
  std::string kind;  ///< course | project | textbook
  std::string title;
  std::string region_prefix;  ///< the publisher's region ("" national)
  std::string note;
  std::string published_by;
  int64_t published_at = 0;
  std::vector<QualityListItem> items;
};

class CatalogueRepository {
 public:
  virtual ~CatalogueRepository() = default;
  virtual int64_t AddPublicSubject(const PublicSubject& s) = 0;
  virtual std::optional<PublicSubject> PublicSubjectById(int64_t id) = 0;
  /// Ordered by year (newest first), national before local, then id.
  virtual PageOf<PublicSubject> PublicSubjects(const PublicSubjectQuery& q, const Page& page) = 0;
  /// National subjects not withdrawn in the year (the policy allows one or two).
  virtual int64_t CountNational(int year) = 0;
  virtual bool WithdrawPublicSubject(int64_t id) = 0;

  /// Inserts with its search terms; nullopt when a textbook with the ISBN exists.
  virtual std::optional<int64_t> AddTextbook(const Textbook& t) = 0;
  virtual std::optional<Textbook> TextbookById(int64_t id) = 0;
  virtual PageOf<Textbook> Textbooks(const TextbookQuery& q, const Page& page) = 0;
  virtual bool RecommendTextbook(int64_t id, bool recommended, std::string_view by, int64_t at,
                                 std::string_view note) = 0;

  /// Inserts the list and its items in one transaction; returns its id.
  virtual int64_t AddQualityList(const QualityList& l) = 0;
  /// The list with its items, each with the title of what it names.
  virtual std::optional<QualityList> QualityListById(int64_t id) = 0;
  /// Lists without items (year 0 / kind "" = all), newest first.
  virtual PageOf<QualityList> QualityLists(int year, const std::string& kind, const Page& page) = 0;
};

}  // namespace jixu::storage
