#include "app/market/demo_market.hpp"

#include <string>
#include <vector>

#include "app/audit_log.hpp"
#include "app/crypto.hpp"

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
    a.licence_issuer = p.region_code.substr(0, 2) + "0000 人力资源和社会保障厅";
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
};

constexpr DemoCourse kCourses[] = {
    {"GX-2026-01", "专业技术人员职业道德与诚信建设", records::Category::kPublic, records::Form::kOnlineCourse, 12},
    {"ZY-2026-01", "人工智能在工程设计中的应用", records::Category::kProfessional, records::Form::kCentralizedTraining, 24},
    {"ZY-2026-02", "急诊急救新进展", records::Category::kProfessional, records::Form::kSeminar, 16},
    {"ZY-2026-03", "新型建筑材料与绿色施工", records::Category::kProfessional, records::Form::kOnlineCourse, 20},
};

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

}  // namespace

MarketDemoCounts AddDemoMarket(storage::Store& store, const AuditKey& audit_key, Date today, int64_t now) {
  MarketDemoCounts counts;
  auto providers = store.queries().Providers({}, {0, 6});
  if (providers.items.empty()) return counts;
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
  uow->Commit();
  return counts;
}

}  // namespace jixu::app::market
