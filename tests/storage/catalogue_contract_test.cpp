// Contract: the catalogue (catalogue_repos.hpp) and the catalogue's course details and search —
// every backend.
#include <gtest/gtest.h>

#include "core/market/catalogue.hpp"
#include "core/storage/catalogue_repos.hpp"
#include "storage/contract_fixture.hpp"

namespace jixu::storage::testing {
namespace {

class CatalogueContract : public StoreContract {
 protected:
  CatalogueRepository& cat() { return store().market().catalogue(); }
  Course NewCourse(const std::string& code, const std::string& title, const std::string& field = "") {
    Course c;
    c.provider_code = provider_.code;
    c.code = code;
    c.title = title;
    c.field = field;
    c.hours = Hours::FromWhole(8);
    c.published = true;
    return c;
  }
  std::vector<std::string> Titles(const CourseFilter& f) {
    std::vector<std::string> out;
    for (const auto& c : store().courses().List(f, {0, 100}).items) out.push_back(c.title);
    std::sort(out.begin(), out.end());
    return out;
  }
};
JIXU_INSTANTIATE_FOR_BACKENDS(CatalogueContract);

TEST_P(CatalogueContract, PublicSubjectsApplyNationallyAndToTheirRegion) {
  auto add = [&](std::string region, int year, const char* title) {
    PublicSubject s;
    s.year = year;
    s.region_prefix = std::move(region);
    s.title = title;
    s.hours = Hours::FromWhole(6);
    s.published_by = "x";
    s.published_at = 1;
    return cat().AddPublicSubject(s);
  };
  add("", 2026, "全国一");
  add("", 2026, "全国二");
  add("51", 2026, "四川");
  const int64_t chengdu = add("5101", 2026, "成都");
  add("44", 2026, "广东");
  add("", 2025, "去年");
  EXPECT_EQ(cat().CountNational(2026), 2);
  PublicSubjectQuery q;
  q.year = 2026;
  q.applies_to = "510104";
  auto page = cat().PublicSubjects(q, {0, 50});
  std::vector<std::string> titles;
  for (const auto& s : page.items) titles.push_back(s.title);
  EXPECT_EQ(titles, (std::vector<std::string>{"全国一", "全国二", "四川", "成都"})) << "national first, then by region";
  EXPECT_TRUE(cat().WithdrawPublicSubject(chengdu));
  EXPECT_FALSE(cat().WithdrawPublicSubject(chengdu));
  EXPECT_EQ(cat().PublicSubjects(q, {0, 50}).total, 3);
  q.include_withdrawn = true;
  q.applies_to.clear();
  q.within = "51";
  EXPECT_EQ(cat().PublicSubjects(q, {0, 50}).total, 2) << "an authority's own: 四川 and 成都 (withdrawn)";
  EXPECT_TRUE(cat().PublicSubjectById(chengdu)->withdrawn);
}

TEST_P(CatalogueContract, TextbooksAreUniqueByIsbnSearchableAndRecommended) {
  Textbook t;
  t.isbn = "9787302023685";
  t.title = "急诊医学";
  t.authors = "赵华";
  t.publisher = "人民卫生出版社";
  t.subject = "卫生";
  t.added_by = "p";
  auto id = cat().AddTextbook(t);
  ASSERT_TRUE(id);
  EXPECT_FALSE(cat().AddTextbook(t)) << "same ISBN";
  t.isbn = "9787117265430";
  t.title = "建筑材料";
  t.subject = "工程";
  ASSERT_TRUE(cat().AddTextbook(t));
  TextbookQuery q;
  q.terms = market::QueryTerms("急诊");
  auto page = cat().Textbooks(q, {});
  ASSERT_EQ(page.total, 1);
  EXPECT_EQ(page.items[0].title, "急诊医学");
  q.terms = market::QueryTerms("人民卫生");
  EXPECT_EQ(cat().Textbooks(q, {}).total, 2) << "publisher is searched";
  q.terms = market::QueryTerms("9787302023685");
  EXPECT_EQ(cat().Textbooks(q, {}).total, 1) << "ISBN is searched";
  EXPECT_TRUE(cat().RecommendTextbook(*id, true, "city", 9, "好"));
  q = {};
  q.recommended = true;
  page = cat().Textbooks(q, {});
  ASSERT_EQ(page.total, 1);
  EXPECT_EQ(page.items[0].recommended_by, "city");
  EXPECT_EQ(page.items[0].recommend_note, "好");
  q = {};
  q.title_contains = "材";
  EXPECT_EQ(cat().Textbooks(q, {}).total, 1);
}

TEST_P(CatalogueContract, CoursesCarryDetailsAndAreFoundByEveryTerm) {
  SeedOrgs();
  Textbook t;
  t.isbn = "9787302023685";
  t.title = "书";
  t.authors = "a";
  t.publisher = "p";
  const int64_t book = *cat().AddTextbook(t);
  Course a = NewCourse("A", "急诊急救新进展", "卫生");
  a.teachers = "赵华（主任医师）";
  a.textbook_ids = {book};
  a.id = *store().courses().Create(a);
  store().courses().Create(NewCourse("B", "急救护理实务", "卫生"));
  store().courses().Create(NewCourse("C", "BIM技术应用", "工程"));
  auto back = store().courses().FindById(a.id);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->field, "卫生");
  EXPECT_EQ(back->teachers, "赵华（主任医师）");
  EXPECT_EQ(back->textbook_ids, (std::vector<int64_t>{book}));
  EXPECT_EQ(back->provider_name, provider_.name);

  CourseFilter f;
  f.terms = market::QueryTerms("急救");
  EXPECT_EQ(Titles(f), (std::vector<std::string>{"急救护理实务", "急诊急救新进展"}));
  f.terms = market::QueryTerms("急诊急救");
  EXPECT_EQ(Titles(f), (std::vector<std::string>{"急诊急救新进展"}));
  f.terms = market::QueryTerms("赵华");
  EXPECT_EQ(Titles(f), (std::vector<std::string>{"急诊急救新进展"})) << "teachers are searched";
  f.terms = market::QueryTerms("bim");
  EXPECT_EQ(Titles(f), (std::vector<std::string>{"BIM技术应用"})) << "ASCII words, case-insensitive";
  f.terms = market::QueryTerms("护理 急救");
  EXPECT_EQ(Titles(f), (std::vector<std::string>{"急救护理实务"}));
  f.terms = market::QueryTerms("心脏");
  EXPECT_TRUE(Titles(f).empty());
  f = {};
  f.field = "工程";
  EXPECT_EQ(Titles(f), (std::vector<std::string>{"BIM技术应用"}));

  // An update re-indexes: the old words no longer find it, the new ones do.
  back->title = "创伤救治";
  back->textbook_ids.clear();
  ASSERT_TRUE(store().courses().Update(*back));
  f = {};
  f.terms = market::QueryTerms("急诊");
  EXPECT_TRUE(Titles(f).empty());
  f.terms = market::QueryTerms("创伤");
  EXPECT_EQ(Titles(f), (std::vector<std::string>{"创伤救治"}));
  EXPECT_TRUE(store().courses().FindById(a.id)->textbook_ids.empty());
}

TEST_P(CatalogueContract, QualityListsKeepTheirItemsWithTitles) {
  SeedOrgs();
  const int64_t c1 = *store().courses().Create(NewCourse("A", "课程甲"));
  const int64_t c2 = *store().courses().Create(NewCourse("B", "课程乙"));
  QualityList l;
  l.year = 2026;
  l.kind = "course";
  l.title = "优质课程";
  l.region_prefix = "51";
  l.published_by = "prov";
  l.published_at = 5;
  l.items = {{c2, "第一", ""}, {c1, "", ""}};
  const int64_t id = cat().AddQualityList(l);
  auto back = cat().QualityListById(id);
  ASSERT_TRUE(back);
  ASSERT_EQ(back->items.size(), 2u);
  EXPECT_EQ(back->items[0].title, "课程乙");
  EXPECT_EQ(back->items[0].note, "第一");
  EXPECT_EQ(back->items[1].title, "课程甲");
  EXPECT_EQ(cat().QualityLists(2026, "course", {}).total, 1);
  EXPECT_EQ(cat().QualityLists(2026, "textbook", {}).total, 0);
  EXPECT_EQ(cat().QualityLists(0, "", {}).items[0].title, "优质课程");
}

}  // namespace
}  // namespace jixu::storage::testing
