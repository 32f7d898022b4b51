#include "app/market/demo_market.hpp"

#include <string>
#include <vector>

#include "app/audit_log.hpp"
#include "app/crypto.hpp"
#include "core/storage/catalogue_repos.hpp"

namespace jixu::app::market {
namespace {

using jixu::market::ProviderAction;
using jixu::market::ProviderStatus;

/// A small, valid one-page PDF standing in for a scanned licence.
std::string LicencePdf(const std::string& provider_name) {
  const std::string text = "Licence of " + std::to_string(provider_name.size()) + "-byte provider name";
  return "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
         "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
         "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
         "% " + text + "\ntrailer<</Root 1 0 R>>\n%%EOF\n";
}

struct Step {
  ProviderAction action;
  std::string reason;
  int from_days = 0;   ///< relative to today; 0 with `dated` false: none
  int until_days = 0;
  bool dated = false;
  bool has_until = false;
};

class Writer {
 public:
  Writer(storage::Store& store, const AuditKey& key, Date today, int64_t now)
      : store_(store), key_(key), today_(today), now_(now) {}

  /// Applies the steps in order to the provider: an application first, then the decisions.
  void History(const records::Provider& p, const std::vector<Step>& steps) {
    auto& repo = store_.market().lifecycle();
    int64_t at = now_ - static_cast<int64_t>(steps.size() + 1) * 86400 * 7;
    int64_t application = 0;
    for (const auto& step : steps) {
      at += 86400 * 7;
      jixu::market::ProviderStanding s;
      s.status = jixu::market::StatusAfter(step.action);
      s.reason = step.reason;
      if (step.dated) s.from = today_.AddDays(step.from_days);
      if (step.has_until) s.until = today_.AddDays(step.until_days);
      const std::string actor = step.action == ProviderAction::kApply ? "demo-provider" : "demo-authority";
      if (step.action == ProviderAction::kApply) {
        application = repo.AddApplication(Application(p, at));
      } else if (application != 0 && (step.action == ProviderAction::kApprove ||
                                      step.action == ProviderAction::kReturn ||
                                      step.action == ProviderAction::kReject)) {
        const auto d = step.action == ProviderAction::kApprove  ? storage::ApplicationStatus::kApproved
                       : step.action == ProviderAction::kReturn ? storage::ApplicationStatus::kReturned
                                                                : storage::ApplicationStatus::kRejected;
        repo.DecideApplication(application, d, actor, at, step.reason);
      }
      repo.SetStanding(p.code, s, at, actor);
      storage::ProviderEvent e;
      e.provider_code = p.code;
      e.at = at;
      e.actor = actor;
      e.action = step.action;
      e.status = s.status;
      e.reason = step.reason;
      e.from = s.from;
      e.until = s.until;
      e.application_id = application;
      repo.AddEvent(e);
      storage::AuditEntry a;
      a.at = at;
      a.actor = "cli:demo";
      a.actor_role = "cli";
      a.action = "provider." + std::string(jixu::market::ProviderActionCode(step.action));
      a.entity = "provider";
      a.entity_id = p.code;
      a.region_code = p.region_code;
      a.provider_code = p.code;
      a.after_json = "{\"status\":\"" + std::string(jixu::market::ProviderStatusCode(s.status)) + "\"}";
      AppendAudit(store_, key_, a);
    }
  }

 private:
  storage::ProviderApplication Application(const records::Provider& p, int64_t at) {
    const std::string pdf = LicencePdf(p.name);
    const std::string sha = Sha256Hex(pdf);
    store_.evidence().PutBlob(sha, "application/pdf", pdf);
    storage::ProviderApplication a;
    a.provider_code = p.code;
    a.submitted_at = at;
    a.submitted_by = "demo-provider";
    a.licence_no = "教民" + p.region_code + p.code.substr(10, 6) + "号";
    a.licence_issuer = "省级人力资源和社会保障部门";
    a.licence_valid_until = today_.AddDays(3 * 365);
    a.scope = "专业技术人员继续教育：专业科目（工程、卫生、教育）集中培训、网络课程；公需科目";
    a.full_time_teachers = 12 + static_cast<int64_t>(p.code.back() % 7);
    a.part_time_teachers = 30 + static_cast<int64_t>(p.code.back() % 11);
    a.teachers = "专职教师以高级职称为主，兼职教师来自高校、科研院所和高新技术企业";
    a.facilities = "教室6间（可容纳400人），实训室2间，网络学习平台1个";
    a.documents.push_back({"licence", sha, "办学许可证.pdf", "application/pdf", static_cast<int64_t>(pdf.size())});
    return a;
  }

  storage::Store& store_;
  const AuditKey& key_;
  Date today_;
  int64_t now_;
};

struct DemoCourse {
  const char* code;
  const char* title;
  records::Category category;
  records::Form form;
  int hours;
  const char* field;
  const char* teachers;
};

constexpr DemoCourse kCourses[] = {
    {"GX-2026-01", "专业技术人员职业道德与诚信建设", records::Category::kPublic, records::Form::kOnlineCourse, 12, "公需", "王立新（教授）"},
    {"ZY-2026-01", "人工智能在工程设计中的应用", records::Category::kProfessional, records::Form::kCentralizedTraining, 24, "工程", "李明（正高级工程师）、陈静（副教授）"},
    {"ZY-2026-02", "急诊急救新进展", records::Category::kProfessional, records::Form::kSeminar, 16, "卫生", "赵华（主任医师）"},
    {"ZY-2026-03", "新型建筑材料与绿色施工", records::Category::kProfessional, records::Form::kOnlineCourse, 20, "工程", "孙伟（高级工程师）"},
};

/// More courses for the other operating providers, so the catalogue has something to search.
constexpr DemoCourse kMoreCourses[] = {
    {"ZY-01", "BIM技术在工程项目管理中的应用", records::Category::kProfessional, records::Form::kCentralizedTraining, 16, "工程", "周强（高级工程师）"},
    {"ZY-02", "基层医疗机构院感防控实务", records::Category::kProfessional, records::Form::kOnlineCourse, 8, "卫生", "吴芳（主任护师）"},
    {"ZY-03", "中小学教师信息化教学能力提升", records::Category::kProfessional, records::Form::kOnlineCourse, 24, "教育", "郑丽（特级教师）"},
    {"ZY-04", "智慧农业与数字乡村建设", records::Category::kProfessional, records::Form::kTechnicalVisit, 12, "农业", "冯军（研究员）"},
    {"ZY-05", "注册会计师职业判断与审计实务", records::Category::kProfessional, records::Form::kSeminar, 20, "会计", "何敏（注册会计师）"},
    {"GX-01", "数字经济与数字化转型", records::Category::kPublic, records::Form::kOnlineCourse, 6, "公需", "许峰（教授）"},
};

struct DemoBook {
  const char* isbn12;  ///< the first 12 digits; the check digit is computed
  const char* title;
  const char* authors;
  const char* publisher;
  const char* subject;
  bool recommended;
};

constexpr DemoBook kBooks[] = {
    {"978711527431", "专业技术人员职业道德", "王立新", "人民出版社", "公需", true},
    {"978711136541", "人工智能工程应用导论", "李明、陈静", "机械工业出版社", "工程", true},
    {"978711733281", "急诊医学（第3版）", "赵华", "人民卫生出版社", "卫生", true},
    {"978711224562", "绿色建筑材料", "孙伟", "中国建筑工业出版社", "工程", false},
    {"978704053792", "信息化教学设计", "郑丽", "高等教育出版社", "教育", true},
    {"978750953215", "审计实务案例", "何敏", "中国财政经济出版社", "会计", false},
};

std::string Isbn13(std::string first12) {
  int sum = 0;
  for (int i = 0; i < 12; ++i) sum += (first12[i] - '0') * (i % 2 == 0 ? 1 : 3);
  first12.push_back(static_cast<char>('0' + (10 - sum % 10) % 10));
  return first12;
}

/// The first provider's courses and classes; the first persons enrolled; the finished class
/// reported (provider records, as POST /classes/{id}/completions writes them).
void CoursesAndClasses(storage::Store& store, const records::Provider& p, Date today,
                       int64_t now, MarketDemoCounts& counts) {
  auto persons = store.queries().Persons({}, {0, 12});
  std::vector<storage::Course> courses;
  for (const auto& d : kCourses) {
    storage::Course c;
    c.provider_code = p.code;
    c.code = d.code;
    c.title = d.title;
    c.category = d.category;
    c.form = d.form;
    c.hours = Hours::FromWhole(d.hours);
    c.published = true;
    c.description = std::string(d.title) + "：面向专业技术人员的继续教育课程";
    c.field = d.field;
    c.teachers = d.teachers;
    auto id = store.courses().Create(c);
    if (!id) continue;
    c.id = *id;
    courses.push_back(c);
    ++counts.courses;
  }
  for (size_t i = 0; i < courses.size() && i < 3; ++i) {
    const auto& course = courses[i];
    storage::TrainingClass k;
    k.provider_code = p.code;
    k.course_id = course.id;
    const bool finished = i == 0;
    k.name = finished ? "2026年第1期" : "2026年第" + std::to_string(i + 1) + "期";
    k.starts_on = finished ? today.AddDays(-40) : today.AddDays(static_cast<int32_t>(10 * i));
    k.ends_on = finished ? today.AddDays(-30) : today.AddDays(static_cast<int32_t>(10 * i + 20));
    k.hours = course.hours;
    k.capacity = 60;
    k.created_at = now;
    k.id = store.classes().Create(k);
    ++counts.classes;
    for (size_t n = 0; n < persons.items.size(); ++n) {
      if (n % 3 != i % 3 && !(finished && n < 6)) continue;
      const int64_t person = persons.items[n].id;
      if (store.classes().Enroll(k.id, person, now)) ++counts.enrolments;
      if (!finished) continue;
      records::LearningRecord r;
      r.person_id = person;
      r.date = k.ends_on;
      r.category = course.category;
      r.form = course.form;
      r.hours = k.hours;
      r.provider_code = p.code;
      r.provider_name = p.name;
      r.title = course.title + "（" + k.name + "）";
      r.course_code = course.code;
      r.source_id = "class:" + std::to_string(k.id) + ":" + std::to_string(person);
      r.origin = records::Origin::kProvider;
      r.status = records::RecordStatus::kApproved;
      store.records().Insert(std::span(&r, 1));
      if (auto id = store.queries().RecordIdByKey(person, records::RecordKey(r))) {
        store.classes().Complete(k.id, person, *id, now);
        ++counts.completions;
      }
    }
  }
}

/// This year's public subjects, the textbooks, every operating provider's courses naming them,
/// and two quality lists.
void Catalogue(storage::Store& store, const std::vector<records::Provider>& providers,
               const std::vector<size_t>& operating, const std::string& home, Date today, int64_t now,
               MarketDemoCounts& counts) {
  auto& cat = store.market().catalogue();
  const int year = today.year();
  const std::string province = home.substr(0, 2);
  const std::string city = home.substr(0, 4);
  struct S { std::string region; const char* title; int hours; const char* content; };
  const S subjects[] = {
      {"", "习近平新时代中国特色社会主义思想专题", 12, "党的创新理论、新发展理念和高质量发展"},
      {"", "数字经济与数字化转型", 12, "数字技术、数据要素、产业数字化与数字治理"},
      {province, "专业技术人员诚信建设与知识产权保护", 6, "科研诚信、学术规范、知识产权法律实务"},
      {city, "安全生产与应急管理", 6, "安全生产法规、风险辨识与应急处置"},
  };
  int64_t first_subject = 0;
  for (const auto& s : subjects) {
    storage::PublicSubject p;
    p.year = year;
    p.region_prefix = s.region;
    p.title = s.title;
    p.hours = Hours::FromWhole(s.hours);
    p.content = s.content;
    p.published_by = s.region.empty() ? "demo-admin" : "demo-authority";
    p.published_at = now;
    const int64_t id = cat.AddPublicSubject(p);
    if (first_subject == 0) first_subject = id;
    ++counts.public_subjects;
  }
  std::vector<int64_t> books;
  for (const auto& b : kBooks) {
    storage::Textbook t;
    t.isbn = Isbn13(b.isbn12);
    t.title = b.title;
    t.authors = b.authors;
    t.publisher = b.publisher;
    t.edition = "第1版";
    t.subject = b.subject;
    t.added_by = "demo-provider";
    t.added_at = now;
    auto id = cat.AddTextbook(t);
    if (!id) continue;
    if (b.recommended) cat.RecommendTextbook(*id, true, "demo-authority", now, "内容权威，适合继续教育使用");
    books.push_back(*id);
    ++counts.textbooks;
  }
  // The first provider's courses teach the first national subject and use the first textbooks.
  std::vector<int64_t> listed;
  for (auto c : store.courses().List({providers.front().code}, {0, 10}).items) {
    if (c.category == records::Category::kPublic) c.public_subject_id = first_subject;
    if (!books.empty()) c.textbook_ids = {books[static_cast<size_t>(c.id) % books.size()]};
    store.courses().Update(c);
    listed.push_back(c.id);
  }
  for (size_t i : operating) {
    if (i == 0) continue;
    for (size_t k = 0; k < std::size(kMoreCourses); ++k) {
      if ((k + i) % 2 == 1) continue;  // each provider offers about half of them
      const auto& d = kMoreCourses[k];
      storage::Course c;
      c.provider_code = providers[i].code;
      c.code = d.code;
      c.title = d.title;
      c.category = d.category;
      c.form = d.form;
      c.hours = Hours::FromWhole(d.hours);
      c.published = true;
      c.description = std::string(d.title) + "：" + providers[i].name + "开设";
      c.field = d.field;
      c.teachers = d.teachers;
      if (!books.empty()) c.textbook_ids = {books[k % books.size()]};
      if (store.courses().Create(c)) ++counts.courses;
    }
  }
  storage::QualityList l;
  l.year = year;
  l.kind = "course";
  l.title = std::to_string(year) + "年度优质继续教育课程";
  l.region_prefix = province;
  l.note = "经专家评审，质量高、信誉好的培训科目";
  l.published_by = "demo-authority";
  l.published_at = now;
  for (size_t i = 0; i < listed.size() && i < 3; ++i) l.items.push_back({listed[i], "课程设计合理，学员评价高", ""});
  if (!l.items.empty()) cat.AddQualityList(l);
  l.kind = "textbook";
  l.title = std::to_string(year) + "年度推荐继续教育教材";
  l.note = "内容权威、适合继续教育使用的教材";
  l.items.clear();
  for (size_t i = 0; i < books.size() && i < 3; ++i) l.items.push_back({books[i], "", ""});
  if (!l.items.empty()) cat.AddQualityList(l);
}

}  // namespace

MarketDemoCounts AddDemoMarket(storage::Store& store, const AuditKey& audit_key, Date today, int64_t now) {
  MarketDemoCounts counts;
  auto all = store.queries().Providers({}, {0, 40});
  if (all.items.empty()) return counts;
  // The demo authorities govern the first person's province (demo_users.cpp): the providers in
  // each lifecycle state are taken from there first, so their pages have something to show.
  auto first = store.queries().Persons({}, {0, 1});
  const std::string home = first.items.empty() ? all.items.front().region_code : first.items.front().region_code;
  storage::PageOf<records::Provider> providers;
  providers.items.push_back(all.items.front());  // the demo provider account's: approved, with classes
  for (int pass = 0; pass < 2; ++pass) {
    for (size_t i = 1; i < all.items.size() && providers.items.size() < 12; ++i) {
      const bool near = all.items[i].region_code.rfind(home.substr(0, 2), 0) == 0;
      if (near == (pass == 0)) providers.items.push_back(all.items[i]);
    }
  }
  if (!store.market().lifecycle().Events(providers.items.front().code).empty()) return counts;  // ran before
  auto uow = store.Begin();
  Writer w(store, audit_key, today, now);
  const std::vector<std::vector<Step>> plans = {
      {{ProviderAction::kApply, ""}, {ProviderAction::kApprove, "材料齐全，师资与场地符合要求"}},
      {{ProviderAction::kApply, ""}},
      {{ProviderAction::kApply, ""}, {ProviderAction::kReturn, "请补充兼职教师的职称证明和场地租赁合同"}},
      {{ProviderAction::kApply, ""}, {ProviderAction::kApprove, "符合条件"},
       {ProviderAction::kSuspend, "抽查发现虚报学时，暂停办学整改", -10, 80, true, true}},
      {{ProviderAction::kApply, ""}, {ProviderAction::kApprove, "符合条件"},
       {ProviderAction::kRevoke, "连续两年评估不合格，撤销办学资格", -5, 0, true, false}},
      {{ProviderAction::kApply, ""}, {ProviderAction::kReject, "办学场地不满足集中培训要求"}},
  };
  for (size_t i = 0; i < providers.items.size() && i < plans.size(); ++i) {
    w.History(providers.items[i], plans[i]);
    ++counts.providers_with_history;
  }
  CoursesAndClasses(store, providers.items.front(), today, now, counts);
  // Providers 1, 2, 5 have not been approved; 3 is suspended, 4 revoked; the rest operate.
  std::vector<size_t> operating;
  for (size_t i = 0; i < providers.items.size(); ++i) {
    if (i == 0 || i >= plans.size()) operating.push_back(i);
  }
  Catalogue(store, providers.items, operating, home, today, now, counts);
  uow->Commit();
  return counts;
}

}  // namespace jixu::app::market
