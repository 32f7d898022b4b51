// Classes (班级) of a provider (SPEC §3.9-10): a run of one of its courses with dates, hours and a
// capacity; persons enrolled by ID number (typed or from a roster file); completions reported for
// the class, each a provider-origin record whose source_id is "class:<class>:<person>", so a
// second report of the same completion inserts nothing; the class-completion certificate
// (certs::CertificateService::IssueClass, as `jixu cert issue-class`) for a completed enrolment.
#include "app/compliance_service.hpp"
#include "certs/certificate_service.hpp"
#include "core/validate/id_number.hpp"
#include "http/handlers/common.hpp"
#include "http/handlers/market/standing.hpp"

namespace jixu::http {
namespace {

constexpr char kClassId = 'k';
const std::vector<Role> kManagers = {Role::kProviderAdmin, Role::kAdmin};

json ClassJson(const Api& api, const storage::TrainingClass& c) {
  return json{{"id", api.ids.Encode(kClassId, c.id)},
              {"provider_code", c.provider_code},
              {"course_id", api.ids.Encode(kCourseId, c.course_id)},
              {"name", c.name},
              {"starts_on", c.starts_on.ToString()},
              {"ends_on", c.ends_on.ToString()},
              {"hours", c.hours.ToDouble()},
              {"capacity", c.capacity},
              {"enrolled", c.enrolled},
              {"completed", c.completed}};
}

json EnrolmentJson(const Api& api, const storage::Enrolment& n) {
  return json{{"person_id", api.ids.Encode(kPersonId, n.person_id)},
              {"name", n.person_name},
              {"id_number", validate::MaskIdNumber(n.id_number)},
              {"enrolled_at", IsoTime(n.enrolled_at)},
              {"completed", n.completed_at != 0},
              {"completed_at", n.completed_at ? json(IsoTime(n.completed_at)) : json(nullptr)},
              {"record_id", n.record_id ? json(api.ids.Encode(kRecordId, n.record_id)) : json(nullptr)},
              {"certificate_serial", n.certificate_serial.empty() ? json(nullptr) : json(n.certificate_serial)}};
}

/// The class with this opaque id if the caller's provider owns it (admin: any); 404 otherwise.
storage::TrainingClass LoadClass(Call& call) {
  const int64_t id = call.api.ids.Decode(kClassId, call.req.Param("id"));
  auto c = id ? call.store.classes().FindById(id) : std::nullopt;
  const auto& own = call.caller.scope.provider_code;
  if (!c || (!own.empty() && c->provider_code != own)) ThrowNotFound();
  return *c;
}

AuditPlace PlaceOfProvider(storage::Store& s, const std::string& code) {
  AuditPlace place;
  place.provider_code = code;
  if (auto p = s.providers().FindByCode(code)) place.region_code = p->region_code;
  return place;
}

Response List(Call& call) {
  storage::ClassQuery q;
  q.provider_code = call.caller.scope.provider_code;
  if (auto c = QueryStr(call.req, "course_id"); !c.empty()) {
    q.course_id = call.api.ids.Decode(kCourseId, c);
    if (q.course_id == 0) q.course_id = -1;
  }
  const storage::Page page = PageOf(call.req, {"name", "starts_on"});
  auto rows = call.store.classes().List(q, page);
  json items = json::array();
  for (const auto& c : rows.items) items.push_back(ClassJson(call.api, c));
  return ListResponse(std::move(items), rows.total, page);
}

Response Create(Call& call) {
  using market::ProviderActivity;
  RequireProviderOperating(call, call.store, call.caller.user.provider_code, ProviderActivity::kOpenClass);
  const json body = ParseBody(call.req);
  FieldReader f(body);
  storage::TrainingClass c;
  std::optional<storage::Course> course;
  if (auto id = f.Str("course_id", true, 20)) {
    const int64_t row = call.api.ids.Decode(kCourseId, *id);
    course = row ? call.store.courses().FindById(row) : std::nullopt;
    const auto& own = call.caller.user.provider_code;
    if (!course || course->provider_code != own) {
      f.Fail("course_id", "unknown_course", "课程不存在或不属于本机构", "no such course of yours");
      course.reset();
    }
  }
  if (auto n = f.Str("name", true, 200)) c.name = *n;
  auto from = f.DateField("starts_on", true);
  auto to = f.DateField("ends_on", true);
  if (from && to && *to < *from) f.Fail("ends_on", "invalid_range", "结束日期早于开始日期", "ends_on is before starts_on");
  auto hours = f.HoursField("hours", false);
  if (hours && hours->centi() <= 0) f.Fail("hours", "invalid_hours", "学时须大于0", "hours must be positive");
  c.capacity = f.Int("capacity", false, 0, 100000).value_or(0);
  f.Finish();
  c.provider_code = course->provider_code;
  c.course_id = course->id;
  c.starts_on = *from;
  c.ends_on = *to;
  c.hours = hours.value_or(course->hours);
  c.created_at = call.now;
  call.api.writes.Run([&](storage::Store& s) {
    RequireProviderOperating(call, s, c.provider_code, ProviderActivity::kOpenClass);
    c.id = s.classes().Create(c);
    Audit(s, call, "class.create", "class", call.api.ids.Encode(kClassId, c.id),
          PlaceOfProvider(s, c.provider_code), nullptr, ClassJson(call.api, c));
  });
  return JsonResponse(201, ClassJson(call.api, c));
}

Response Get(Call& call) { return JsonResponse(200, ClassJson(call.api, LoadClass(call))); }

Response Enrolments(Call& call) {
  const auto c = LoadClass(call);
  json items = json::array();
  for (const auto& n : call.store.classes().Enrolments(c.id)) items.push_back(EnrolmentJson(call.api, n));
  const auto total = static_cast<int64_t>(items.size());
  return ListResponse(std::move(items), total, {0, std::max<int64_t>(total, 1)});
}

/// Enrols persons by ID number, all or nothing: every unknown number is listed.
Response Enroll(Call& call) {
  const auto c = LoadClass(call);
  RequireProviderOperating(call, call.store, c.provider_code, market::ProviderActivity::kEnrol);
  const json body = ParseBody(call.req);
  FieldReader f(body);
  const auto numbers = f.StrList("id_numbers");
  if (numbers.empty() || numbers.size() > 5000) {
    f.Fail("id_numbers", "required", "id_numbers 须为 1–5000 个身份证号", "id_numbers must list 1–5000 ID numbers");
  }
  f.Finish();
  Errors errors;
  std::vector<records::Person> persons;
  for (size_t i = 0; i < numbers.size(); ++i) {
    auto p = call.store.persons().FindByIdNumber(numbers[i]);
    if (!p) {
      // The entry's position and number, so the page (or the roster file's line) can be found.
      const std::string n = std::to_string(i + 1);
      errors.push_back(MakeError("unknown_person", "id_numbers[" + std::to_string(i) + "]",
                                 "第 " + n + " 个身份证号 " + numbers[i] + " 未登记",
                                 "entry " + n + ": no person with ID number " + numbers[i]));
    } else {
      persons.push_back(*p);
    }
  }
  if (!errors.empty()) throw ApiError(422, errors);
  int64_t added = 0;
  call.api.writes.Run([&](storage::Store& s) {
    RequireProviderOperating(call, s, c.provider_code, market::ProviderActivity::kEnrol);
    added = 0;
    for (const auto& p : persons) added += s.classes().Enroll(c.id, p.id, call.now) ? 1 : 0;
    const auto now_enrolled = static_cast<int64_t>(s.classes().Enrolments(c.id).size());
    if (c.capacity > 0 && now_enrolled > c.capacity) {
      throw ApiError(422, {MakeError("over_capacity", "id_numbers", "超过班级容量",
                                     "the class would exceed its capacity")});
    }
    Audit(s, call, "class.enroll", "class", call.api.ids.Encode(kClassId, c.id),
          PlaceOfProvider(s, c.provider_code), nullptr,
          json{{"requested", persons.size()}, {"enrolled", added}});
  });
  return JsonResponse(201, json{{"enrolled", added},
                                {"already", static_cast<int64_t>(persons.size()) - added}});
}

/// The provider-origin record of one completion; its source_id makes a re-report a no-op.
records::LearningRecord CompletionRecord(const storage::TrainingClass& c, const storage::Course& course,
                                         const records::Provider& provider, int64_t person_id) {
  records::LearningRecord r;
  r.person_id = person_id;
  r.date = c.ends_on;
  r.category = course.category;
  r.form = course.form;
  r.hours = c.hours;
  r.provider_code = provider.code;
  r.provider_name = provider.name;
  r.title = course.title + "（" + c.name + "）";
  r.course_code = course.code;
  r.source_id = "class:" + std::to_string(c.id) + ":" + std::to_string(person_id);
  r.origin = records::Origin::kProvider;
  r.status = records::RecordStatus::kApproved;
  return r;
}

/// Reports completions {person_ids: [...]} or {all: true} (every enrolled person).
Response Complete(Call& call) {
  const auto c = LoadClass(call);
  RequireProviderOperating(call, call.store, c.provider_code, market::ProviderActivity::kReportHours);
  const json body = ParseBody(call.req);
  FieldReader f(body);
  const bool all = f.Bool("all", false).value_or(false);
  const auto ids = body.contains("person_ids") ? f.StrList("person_ids") : std::vector<std::string>{};
  if (!all && ids.empty()) f.Fail("person_ids", "required", "请选择结业人员", "person_ids (or all) is required");
  if (c.ends_on > call.api.clock->Today()) {
    f.Fail("ends_on", "class_not_ended", "班级尚未结束，不能报送结业", "the class has not ended yet");
  }
  f.Finish();
  const auto enrolled = call.store.classes().Enrolments(c.id);
  std::vector<int64_t> persons;
  Errors errors;
  if (all) {
    for (const auto& n : enrolled) persons.push_back(n.person_id);
  }
  for (size_t i = 0; i < ids.size(); ++i) {
    const int64_t pid = call.api.ids.Decode(kPersonId, ids[i]);
    const bool found = std::any_of(enrolled.begin(), enrolled.end(), [&](const auto& n) { return n.person_id == pid; });
    if (!found) {
      errors.push_back(MakeError("not_enrolled", "person_ids[" + std::to_string(i) + "]",
                                 "该人员未报名本班级", "the person is not enrolled in this class"));
    } else {
      persons.push_back(pid);
    }
  }
  if (!errors.empty()) throw ApiError(422, errors);
  const auto course = call.store.courses().FindById(c.course_id);
  const auto provider = call.store.providers().FindByCode(c.provider_code);
  if (!course || !provider) ThrowNotFound();
  std::vector<records::LearningRecord> batch;
  for (int64_t pid : persons) batch.push_back(CompletionRecord(c, *course, *provider, pid));
  storage::WriteStats stats;
  call.api.writes.Run([&](storage::Store& s) {
    RequireProviderOperating(call, s, c.provider_code, market::ProviderActivity::kReportHours);
    stats = s.records().Insert(batch);
    json ids_out = json::array();
    for (const auto& r : batch) {
      const auto id = s.queries().RecordIdByKey(r.person_id, records::RecordKey(r));
      if (!id) throw Fault("storage_error", "class record not found after insert");
      s.classes().Complete(c.id, r.person_id, *id, call.now);
      ids_out.push_back(call.api.ids.Encode(kRecordId, *id));
    }
    Audit(s, call, "class.complete", "class", call.api.ids.Encode(kClassId, c.id),
          PlaceOfProvider(s, c.provider_code), nullptr,
          json{{"records", batch.size()}, {"inserted", stats.inserted}, {"ids", ids_out}});
  });
  return JsonResponse(201, json{{"inserted", stats.inserted}, {"unchanged", stats.unchanged}});
}

/// The class-completion certificate of one completed enrolment.
Response IssueCertificate(Call& call) {
  const auto c = LoadClass(call);
  RequireProviderOperating(call, call.store, c.provider_code, market::ProviderActivity::kIssueCertificate);
  const int64_t pid = call.api.ids.Decode(kPersonId, call.req.Param("person_id"));
  auto n = pid ? call.store.classes().FindEnrolment(c.id, pid) : std::nullopt;
  if (!n) ThrowNotFound();
  if (n->completed_at == 0) {
    ThrowConflict("not_completed", "该人员尚未结业", "the person has not completed the class");
  }
  if (!n->certificate_serial.empty()) {
    ThrowConflict("already_issued", "结业证书已签发：" + n->certificate_serial,
                  "the certificate is already issued: " + n->certificate_serial);
  }
  const auto course = call.store.courses().FindById(c.course_id);
  std::string serial;
  call.api.writes.Run([&](storage::Store& s) {
    RequireProviderOperating(call, s, c.provider_code, market::ProviderActivity::kIssueCertificate);
    app::ComplianceService compliance(s, call.api.data->policies, call.api.clock);
    certs::KeyRing keys(s, call.api.clock, certs::KeyEncryptionKeyFromEnv());
    certs::CertificateService service(s, compliance, keys, certs::CertConfig::FromEnv(), call.api.clock);
    certs::ClassRequest req{n->id_number, c.provider_code,
                            (course ? course->title + "（" + c.name + "）" : c.name),
                            c.starts_on, c.ends_on, c.hours};
    auto r = service.IssueClass(req);
    if (!r.ok()) throw ApiError(422, {r.error()});
    serial = r.value().row.serial;
    s.classes().SetCertificate(c.id, pid, serial);
    auto person = s.persons().FindById(pid);
    Audit(s, call, "certificate.issue_class", "certificate", serial,
          person ? PlaceOfPerson(s, *person) : AuditPlace{}, nullptr,
          json{{"class_id", call.api.ids.Encode(kClassId, c.id)}, {"key_id", r.value().row.key_id}});
  });
  return JsonResponse(201, json{{"serial", serial}, {"class_id", call.api.ids.Encode(kClassId, c.id)},
                                {"person_id", call.req.Param("person_id")}});
}

}  // namespace

void AddClassRoutes(Router& r) {
  r.Add({"GET", "/api/v1/classes", List, "classes", "a provider's classes", false, kManagers,
         {"course_id", "page", "page_size", "sort"}});
  r.Add({"POST", "/api/v1/classes", Create, "classes",
         "create a class of one's course {course_id, name, starts_on, ends_on, hours, capacity}",
         false, {Role::kProviderAdmin}, {}, "json"});
  r.Add({"GET", "/api/v1/classes/{id}", Get, "classes", "one class", false, kManagers});
  r.Add({"GET", "/api/v1/classes/{id}/enrolments", Enrolments, "classes", "a class's enrolments",
         false, kManagers});
  r.Add({"POST", "/api/v1/classes/{id}/enrolments", Enroll, "classes",
         "enrol persons {id_numbers: [...]}, all-or-nothing", false, {Role::kProviderAdmin}, {}, "json"});
  r.Add({"POST", "/api/v1/classes/{id}/completions", Complete, "classes",
         "report completions {person_ids | all}: provider records, idempotent per class and person",
         false, {Role::kProviderAdmin}, {}, "json"});
  r.Add({"POST", "/api/v1/classes/{id}/enrolments/{person_id}/certificate", IssueCertificate,
         "classes", "issue the class-completion certificate of a completed enrolment", false,
         {Role::kProviderAdmin}});
}

}  // namespace jixu::http
