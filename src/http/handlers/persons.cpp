// Persons: list (scoped), register, read, update; a person's records and exemptions.
#include "app/importer_scope.hpp"
#include "core/validate/id_number.hpp"
#include "http/handlers/common.hpp"
#include "http/handlers/list_page.hpp"

namespace jixu::http {
namespace {

const std::vector<Role> kManagers = {Role::kEmployerAdmin, Role::kAuthority, Role::kAdmin};

Response List(Call& call) {
  storage::PersonQuery q;
  q.scope = call.caller.scope;
  q.employer_code = QueryStr(call.req, "employer_code");
  q.region_prefix = QueryStr(call.req, "region");
  q.field = QueryStr(call.req, "field");
  q.name_prefix = QueryStr(call.req, "name");
  if (auto t = QueryStr(call.req, "title_level"); !t.empty()) {
    q.title_level = records::ParseTitleLevel(t);
    if (!q.title_level) ThrowBadRequest("title_level", "未知的职称级别", "unknown title level");
  }
  const storage::Page page = PageOf(call.req, {"name", "region_code", "title_level", "field"});
  const int64_t after = AfterParam(call, kPersonId, page);
  auto rows = after != 0 ? KeysetOf(call)->PersonsAfter(q, after, page.limit)
                         : call.store.queries().Persons(q, page);
  json items = json::array();
  for (const auto& r : rows.items) {
    items.push_back({{"id", call.api.ids.Encode(kPersonId, r.id)},
                     {"name", r.name},
                     {"id_number", validate::MaskIdNumber(r.id_number)},
                     {"employer_code", r.employer_code},
                     {"employer_name", r.employer_name},
                     {"region_code", r.region_code},
                     {"field", r.field},
                     {"title_level", std::string(records::TitleLevelCode(r.title_level))},
                     {"title_since", r.title_since ? json(r.title_since->ToString()) : json(nullptr)}});
  }
  const bool more = static_cast<int64_t>(rows.items.size()) == page.limit;
  return KeyedListResponse(std::move(items), rows.total, page,
                           more && page.sort.empty()
                               ? call.api.ids.Encode(kPersonId, rows.items.back().id)
                               : std::string());
}

/// Reads the editable fields of a person from `body` into `p`; `creating` requires them.
void ReadPersonFields(Call& call, const json& body, FieldReader& f, records::Person& p,
                      bool creating) {
  if (auto v = f.Str("name", creating, 100)) p.name = *v;
  if (auto v = f.Str("employer_code", false, 18)) p.employer_code = *v;
  // A person with an employer works where it is (docs/architecture.md#a-persons-region): the
  // region is needed only for a person registered without one.
  const bool employed = body.contains("employer_code") || call.caller.Is(Role::kEmployerAdmin) ||
                        !p.employer_code.empty();
  if (auto v = f.Str("region_code", creating && !employed, 6)) {
    auto ok = call.api.data->regions.Validate(*v);
    if (ok.ok()) p.region_code = *v; else f.errors().push_back(ok.error());
  }
  if (auto v = f.Str("field", creating, 50)) p.field = *v;
  if (auto v = f.Str("title_level", creating, 30)) {
    if (auto t = records::ParseTitleLevel(*v)) p.title_level = *t;
    else f.Fail("title_level", "invalid_title_level", "未知的职称级别", "unknown title level");
  }
  if (auto d = f.DateField("title_since", false)) p.title_since = d;
  if (auto d = f.DateField("joined", false)) p.joined = d;
}

/// The caller may register or change a person only inside its own scope (the rule imports
/// apply row by row: app/importer_scope.hpp).
void CheckWritable(Call& call, records::Person& p) {
  std::optional<records::Employer> employer;
  if (!p.employer_code.empty()) employer = call.store.employers().FindByCode(p.employer_code);
  if (!p.employer_code.empty() && !employer) {
    throw ApiError(422, {MakeError("unknown_employer", "employer_code", "单位未登记",
                                   "the employer is not registered")});
  }
  if (employer) p.region_code = employer->region_code;
  if (p.region_code.empty()) {
    throw ApiError(422, {MakeError("required", "region_code", "无工作单位的人员须填写所在地区",
                                   "a person without an employer needs a region_code")});
  }
  const std::string_view field =
      app::PersonPlacementOutOfScope(call.caller.scope, p, employer ? employer->industry : "");
  if (!field.empty()) {
    throw ApiError(422, {MakeError("out_of_scope", std::string(field), "只能登记本辖区/本单位的人员",
                                   "you may only register persons in your own scope")});
  }
}

Response Create(Call& call) {
  const json body = ParseBody(call.req);
  FieldReader f(body);
  records::Person p;
  if (auto v = f.Str("id_number", true, 18)) {
    auto info = validate::ValidateIdNumber(*v, call.api.clock->Today());
    if (info.ok()) p.id_number = info.value().normalized; else f.errors().push_back(info.error());
  }
  ReadPersonFields(call, body, f, p, true);
  if (call.caller.Is(Role::kEmployerAdmin) && p.employer_code.empty()) {
    p.employer_code = call.caller.user.employer_code;
  }
  f.Finish();
  CheckWritable(call, p);
  records::Person created;
  call.api.writes.Run([&](storage::Store& s) {
    if (s.persons().FindByIdNumber(p.id_number)) {
      ThrowConflict("person_exists", "该身份证号已登记", "a person with this ID number is registered");
    }
    s.persons().Upsert(std::span(&p, 1));
    created = *s.persons().FindByIdNumber(p.id_number);
    Audit(s, call, "person.create", "person", call.api.ids.Encode(kPersonId, created.id),
          PlaceOfPerson(s, created), nullptr, PersonJson(call.api, created, false));
  });
  return JsonResponse(201, PersonJson(call.api, created, SeesFullIdNumber(call.caller, created)));
}

Response Get(Call& call) {
  const records::Person p = LoadPerson(call, call.req.Param("id"));
  json j = PersonJson(call.api, p, SeesFullIdNumber(call.caller, p));
  if (!p.employer_code.empty()) {
    if (auto e = call.store.employers().FindByCode(p.employer_code)) j["employer_name"] = e->name;
  }
  return JsonResponse(200, j);
}

Response Update(Call& call) {
  const records::Person before = LoadPerson(call, call.req.Param("id"));
  const json body = ParseBody(call.req);
  FieldReader f(body);
  records::Person p = before;
  ReadPersonFields(call, body, f, p, false);
  f.Finish();
  CheckWritable(call, p);
  call.api.writes.Run([&](storage::Store& s) {
    s.persons().Upsert(std::span(&p, 1));
    if (p.title_level != before.title_level && p.title_since) {
      s.persons().AddTitleChange({p.id, p.title_level, *p.title_since});
    }
    Audit(s, call, "person.update", "person", call.api.ids.Encode(kPersonId, p.id),
          PlaceOfPerson(s, p), PersonJson(call.api, before, false), PersonJson(call.api, p, false));
  });
  return JsonResponse(200, PersonJson(call.api, p, SeesFullIdNumber(call.caller, p)));
}

Response Records(Call& call) {
  const records::Person p = LoadPerson(call, call.req.Param("id"));
  storage::RecordQuery q;
  q.scope = call.caller.scope;
  q.person_id = p.id;
  q.year = static_cast<int>(QueryInt(call.req, "year", 1990, 2100).value_or(0));
  if (auto s = QueryStr(call.req, "status"); !s.empty()) {
    q.status = records::ParseRecordStatus(s);
    if (!q.status) ThrowBadRequest("status", "未知的审核状态", "unknown status");
  }
  const storage::Page page = PageOf(call.req, {"date", "hours", "status"});
  auto rows = call.store.queries().Records(q, page);
  json items = json::array();
  for (const auto& r : rows.items) {
    json j = RecordJson(call.api, r.record);
    j["review_stage"] = r.stage ? json(std::string(storage::ReviewStageCode(*r.stage))) : json(nullptr);
    items.push_back(std::move(j));
  }
  return KeyedListResponse(std::move(items), rows.total, page, "");
}

Response Exemptions(Call& call) {
  const records::Person p = LoadPerson(call, call.req.Param("id"));
  json items = json::array();
  for (const auto& e : call.store.exemptions().ListForPerson(p.id)) {
    items.push_back(ExemptionJson(call.api, e));
  }
  const int64_t n = static_cast<int64_t>(items.size());
  return ListResponse(std::move(items), n, {0, std::max<int64_t>(n, 1)});
}

Response AddExemption(Call& call) {
  const records::Person p = LoadPerson(call, call.req.Param("id"));
  const json body = ParseBody(call.req);
  FieldReader f(body);
  records::Exemption e;
  e.person_id = p.id;
  if (auto k = f.Str("kind", true, 40)) {
    if (auto kind = records::ParseExemptionKind(*k)) e.kind = *kind;
    else f.Fail("kind", "invalid_kind", "未知的免修类型", "unknown exemption kind");
  }
  auto from = f.DateField("from", true);
  auto to = f.DateField("to", true);
  if (auto n = f.Str("note", false, 500)) e.note = *n;
  if (from && to && *to < *from) f.Fail("to", "invalid_range", "结束日期早于开始日期", "to is before from");
  f.Finish();
  e.from = *from;
  e.to = *to;
  // Employers, authorities and admins are the reviewers of exemptions: what they enter counts.
  e.approved = true;
  call.api.writes.Run([&](storage::Store& s) {
    e.id = s.exemptions().Add(e);
    Audit(s, call, "exemption.create", "exemption", call.api.ids.Encode(kExemptionId, e.id),
          PlaceOfPerson(s, p), nullptr, ExemptionJson(call.api, e));
  });
  return JsonResponse(201, ExemptionJson(call.api, e));
}

}  // namespace

void AddPersonRoutes(Router& r) {
  r.Add({"GET", "/api/v1/persons", List, "persons",
         "persons in the caller's scope (masked ID numbers); total counted up to 10,000 "
         "(total_exact), later pages by after=next_cursor",
         false, kManagers,
         {"employer_code", "region", "field", "title_level", "name", "page", "page_size", "sort",
          "after"}});
  r.Add({"POST", "/api/v1/persons", Create, "persons", "register a person", false, kManagers, {}, "json"});
  r.Add({"GET", "/api/v1/persons/{id}", Get, "persons", "one person"});
  r.Add({"PATCH", "/api/v1/persons/{id}", Update, "persons", "change a person's facts", false,
         kManagers, {}, "json"});
  r.Add({"GET", "/api/v1/persons/{id}/records", Records, "persons", "a person's learning archive",
         false, {}, {"year", "status", "page", "page_size", "sort"}});
  r.Add({"GET", "/api/v1/persons/{id}/exemptions", Exemptions, "persons", "a person's exemptions"});
  r.Add({"POST", "/api/v1/persons/{id}/exemptions", AddExemption, "persons",
         "record an exemption (counts at once)", false, kManagers, {}, "json"});
}

}  // namespace jixu::http
