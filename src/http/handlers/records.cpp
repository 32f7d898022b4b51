// Learning records: the scoped list, one record, a person's declaration, a provider's report.
#include <algorithm>

#include "app/crypto.hpp"
#include "http/handlers/common.hpp"
#include "http/handlers/list_page.hpp"
#include "http/handlers/market/standing.hpp"

namespace jixu::http {

/// The fields every new record has; `prefix` names them in errors (items[3].hours).
records::LearningRecord ReadRecord(Call& call, const json& obj, Errors& errors) {
  FieldReader f(obj);
  records::LearningRecord r;
  if (auto d = f.DateField("date", true)) {
    if (*d > call.api.clock->Today()) f.Fail("date", "future_date", "完成日期不能晚于今天", "the date is in the future");
    r.date = *d;
  }
  if (auto c = f.Str("category", true, 30)) {
    if (auto v = records::ParseCategory(*c)) r.category = *v;
    else f.Fail("category", "invalid_category", "科目类别须为 professional 或 public", "category must be professional or public");
  }
  if (auto c = f.Str("form", true, 40)) {
    if (auto v = records::ParseForm(*c)) r.form = *v;
    else f.Fail("form", "invalid_form", "未知的培训形式", "unknown form");
  }
  if (auto h = f.HoursField("hours", true)) r.hours = *h;
  if (auto t = f.Str("title", true, 200)) r.title = *t;
  if (auto s = f.Str("source_id", false, 100)) r.source_id = *s;
  if (auto c = f.Str("course_code", false, 50)) r.course_code = *c;
  if (auto p = f.Str("provider_name", false, 200)) r.provider_name = *p;
  for (auto& e : f.errors()) errors.push_back(e);
  return r;
}

namespace {

/// "self study" for self_study: a form's name in an English sentence.
std::string FormEn(records::Form f) {
  std::string s(records::FormCode(f));
  std::replace(s.begin(), s.end(), '_', ' ');
  return s;
}

/// The hours of `r`'s form the person has declared on `r`'s date so far (pending or approved).
Hours DeclaredOnDay(storage::Store& s, const records::LearningRecord& r, int64_t replacing_id) {
  storage::RecordQuery q;
  q.person_id = r.person_id;
  q.year = r.date.year();
  q.origin = records::Origin::kSelf;
  q.form = r.form;
  storage::Page page;
  page.limit = 200;
  Hours sum;
  for (;;) {
    auto rows = s.queries().Records(q, page);
    for (const auto& row : rows.items) {
      if (row.record.date == r.date && row.record.status != records::RecordStatus::kRejected &&
          row.record.source_id != r.source_id && row.record.id != replacing_id) {
        sum += row.record.hours;
      }
    }
    page.offset += page.limit;
    if (rows.items.empty() || page.offset >= rows.total) return sum;
  }
}

}  // namespace

/// The evidence a declaration names (evidence: [{sha256, filename}]), each uploaded before by
/// POST /evidence; a form the policy lists in [review] evidence_forms needs at least one.
std::vector<storage::EvidenceFile> ReadDeclaredEvidence(Call& call, const json& body,
                                                        const policy::Rules& rules,
                                                        const records::LearningRecord& r,
                                                        bool has_evidence, Errors& errors) {
  std::vector<storage::EvidenceFile> files;
  const json empty = json::array();
  const json& list = body.contains("evidence") ? body["evidence"] : empty;
  constexpr size_t kMaxFiles = 20;
  if (!list.is_array() || list.size() > kMaxFiles) {
    errors.push_back(MakeError("invalid_evidence", "evidence", "证明材料须为至多20个已上传文件的列表",
                               "evidence must be a list of at most 20 uploaded files"));
    return files;
  }
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string field = "evidence[" + std::to_string(i) + "]";
    const json& e = list[i];
    const std::string sha = e.is_object() && e.contains("sha256") && e["sha256"].is_string() ? e["sha256"].get<std::string>() : "";
    auto blob = sha.size() == 64 ? call.store.evidence().GetBlob(sha) : std::nullopt;
    if (!blob) {
      errors.push_back(MakeError("unknown_evidence", field, "证明材料未上传或已失效，请重新上传",
                                 "the evidence file was not uploaded; upload it again"));
      continue;
    }
    std::string filename = e.contains("filename") && e["filename"].is_string() ? e["filename"].get<std::string>() : "evidence";
    if (filename.size() > 200) filename.resize(200);
    files.push_back({sha, blob->second, static_cast<int64_t>(blob->first.size()), filename, call.now});
  }
  if (files.empty() && !has_evidence && errors.empty() && rules.NeedsEvidence(r.form)) {
    const std::string form_zh(records::FormZh(r.form)), form_en = FormEn(r.form);
    errors.push_back(MakeError("evidence_required", "evidence", "申报" + form_zh + "须附证明材料",
                               "a declaration of " + form_en + " needs evidence"));
  }
  return files;
}

void CheckDailyMaximum(storage::Store& store, const policy::Rules& rules,
                       const records::LearningRecord& r, int64_t replacing_id, Errors& errors) {
  const auto& max = rules.declare_max_per_day[static_cast<size_t>(r.form)];
  if (!max) return;
  const Hours before = DeclaredOnDay(store, r, replacing_id);
  Hours total = before;
  total += r.hours;
  if (total <= *max) return;
  const std::string form_zh(records::FormZh(r.form)), form_en = FormEn(r.form);
  std::string zh = form_zh + "每日最多申报 " + max->ToString() + " 学时";
  std::string en = "at most " + max->ToString() + " hours of " + form_en + " a day";
  if (!before.IsZero()) {
    zh += "（当日已申报 " + before.ToString() + " 学时）";
    en += " (" + before.ToString() + " already declared that day)";
  }
  errors.push_back(MakeError("daily_maximum", "hours", zh, en));
}

namespace {

template <typename E>
std::optional<E> EnumParam(Call& call, const char* name, std::optional<E> (*parse)(std::string_view)) {
  const std::string v = QueryStr(call.req, name);
  if (v.empty()) return std::nullopt;
  auto e = parse(v);
  if (!e) ThrowBadRequest(name, std::string("参数 ") + name + " 的值未知", std::string("unknown value of ") + name);
  return e;
}

json RowJson(const Api& api, const storage::RecordRow& r) {
  json j = RecordJson(api, r.record);
  j["person_name"] = r.person_name;
  j["employer_code"] = r.employer_code;
  j["review_stage"] = r.stage ? json(std::string(storage::ReviewStageCode(*r.stage))) : json(nullptr);
  return j;
}

Response List(Call& call) {
  storage::RecordQuery q;
  q.scope = call.caller.scope;
  if (auto p = QueryStr(call.req, "person_id"); !p.empty()) {
    q.person_id = call.api.ids.Decode(kPersonId, p);
    if (q.person_id == 0) q.person_id = -1;  // matches nothing, like an id out of scope
  }
  q.year = static_cast<int>(QueryInt(call.req, "year", 1990, 2100).value_or(0));
  q.status = EnumParam(call, "status", records::ParseRecordStatus);
  q.origin = EnumParam(call, "origin", records::ParseOrigin);
  q.category = EnumParam(call, "category", records::ParseCategory);
  q.form = EnumParam(call, "form", records::ParseForm);
  q.stage = EnumParam(call, "stage", storage::ParseReviewStage);
  q.provider_code = QueryStr(call.req, "provider_code");
  q.employer_code = QueryStr(call.req, "employer_code");
  const storage::Page page = PageOf(call.req, {"date", "hours", "status", "person"});
  const int64_t after = AfterParam(call, kRecordId, page);
  auto rows = after != 0 ? KeysetOf(call)->RecordsAfter(q, after, page.limit)
                         : call.store.queries().Records(q, page);
  json items = json::array();
  for (const auto& r : rows.items) items.push_back(RowJson(call.api, r));
  const bool more = static_cast<int64_t>(rows.items.size()) == page.limit;
  return KeyedListResponse(std::move(items), rows.total, page,
                           more && page.sort.empty()
                               ? call.api.ids.Encode(kRecordId, rows.items.back().record.id)
                               : std::string());
}

Response Get(Call& call) {
  const auto r = LoadRecord(call, call.req.Param("id"));
  json j = RecordJson(call.api, r);
  if (auto v = call.store.reviews().Find(r.id)) {
    j["review_stage"] = std::string(storage::ReviewStageCode(v->stage));
    j["needs_authority"] = v->needs_authority;
  }
  j["evidence"] = json::array();
  for (const auto& e : call.store.evidence().ListForRecord(r.id)) {
    j["evidence"].push_back({{"sha256", e.sha256}, {"mime", e.mime}, {"size", e.size},
                             {"filename", e.filename}});
  }
  return JsonResponse(200, j);
}

Response Declare(Call& call) {
  const json body = ParseBody(call.req);
  Errors errors;
  records::LearningRecord r = ReadRecord(call, body, errors);
  if (r.provider_name.empty() && errors.empty()) {
    errors.push_back(MakeError("required", "provider_name", "请填写举办单位", "provider_name is required"));
  }
  if (!errors.empty()) throw ApiError(422, errors);
  auto person = call.store.persons().FindById(call.caller.user.person_id);
  if (!person) ThrowNotFound();
  r.person_id = person->id;
  r.status = records::RecordStatus::kPending;
  r.origin = records::Origin::kSelf;
  if (r.source_id.empty()) r.source_id = "decl-" + app::RandomHex(12);
  const auto& rules = call.api.data->policies.Select(person->region_code, person->field, r.date.year()).rules();
  CheckDailyMaximum(call.store, rules, r, 0, errors);
  const auto evidence = ReadDeclaredEvidence(call, body, rules, r, false, errors);
  if (!errors.empty()) throw ApiError(422, errors);
  const bool needs_authority = std::find(rules.authority_review_forms.begin(),
                                         rules.authority_review_forms.end(), r.form) !=
                               rules.authority_review_forms.end();
  call.api.writes.Run([&](storage::Store& s) {
    // Again inside the write: a declaration that landed meanwhile counts towards the day.
    Errors late;
    CheckDailyMaximum(s, rules, r, 0, late);
    if (!late.empty()) throw ApiError(422, late);
    auto stats = s.records().Insert(std::span(&r, 1));
    auto id = s.queries().RecordIdByKey(r.person_id, records::RecordKey(r));
    if (!id) throw Fault("storage_error", "declared record not found after insert");
    r.id = *id;
    if (stats.inserted == 0) return;  // the same source_id again: already declared
    s.reviews().Create({r.id, storage::ReviewStage::kEmployer, needs_authority, call.now});
    for (const auto& f : evidence) s.evidence().Attach(r.id, f);
    Audit(s, call, "record.declare", "record", call.api.ids.Encode(kRecordId, r.id),
          PlaceOfPerson(s, *person), nullptr, RecordJson(call.api, r));
  });
  json j = RecordJson(call.api, r);
  j["review_stage"] = "employer";
  j["needs_authority"] = needs_authority;
  j["evidence"] = json::array();
  for (const auto& f : evidence) {
    j["evidence"].push_back({{"sha256", f.sha256}, {"mime", f.mime}, {"size", f.size}, {"filename", f.filename}});
  }
  return JsonResponse(201, j);
}

/// What the caller (a person) may declare on a date under the policy in force for them: the
/// daily maximum by form and the forms that need evidence, so the form can say so before sending.
Response DeclarationRules(Call& call) {
  auto person = call.store.persons().FindById(call.caller.user.person_id);
  if (!person) ThrowNotFound();
  Date date = call.api.clock->Today();
  if (auto d = QueryStr(call.req, "date"); !d.empty()) {
    auto parsed = Date::Parse(d);
    if (!parsed) ThrowBadRequest("date", "date 须为 YYYY-MM-DD 日期", "date must be a YYYY-MM-DD date");
    date = *parsed;
  }
  const auto& p = call.api.data->policies.Select(person->region_code, person->field, date.year());
  json daily = json::object();
  for (int f = 0; f < records::kFormCount; ++f) {
    if (const auto& max = p.rules().declare_max_per_day[f]) {
      daily[std::string(records::FormCode(static_cast<records::Form>(f)))] = max->ToDouble();
    }
  }
  json evidence = json::array();
  for (auto f : p.rules().evidence_forms) evidence.push_back(std::string(records::FormCode(f)));
  return JsonResponse(200, json{{"policy_id", p.id()}, {"today", call.api.clock->Today().ToString()},
                                {"max_hours_per_day", daily}, {"evidence_forms", evidence}});
}

/// A provider reports hours only for persons on its roster: enrolled in the class the item
/// names (class_id), or, without one, in any of its classes.
void CheckOnRoster(Call& call, const records::Provider& provider, const json& item, int64_t person_id,
                   Errors& errors) {
  constexpr char kClassId = 'k';  // classes.cpp's type letter
  if (item.contains("class_id")) {
    const json& v = item["class_id"];
    const int64_t id = v.is_string() ? call.api.ids.Decode(kClassId, v.get<std::string>()) : 0;
    auto c = id ? call.store.classes().FindById(id) : std::nullopt;
    if (!c || c->provider_code != provider.code) {
      errors.push_back(MakeError("unknown_class", "class_id", "班级不存在或不属于本机构", "no such class of yours"));
    } else if (!call.store.classes().FindEnrolment(id, person_id)) {
      errors.push_back(MakeError("not_enrolled", "id_number", "该人员未报名此班级，不能为其上报学时",
                                 "the person is not enrolled in this class; no hours may be reported"));
    }
    return;
  }
  if (!call.store.market().lifecycle().OnRoster(provider.code, person_id)) {
    errors.push_back(MakeError("not_enrolled", "id_number", "该人员未报名本机构的任何班级，不能为其上报学时",
                               "the person is not enrolled in any class of yours; no hours may be reported"));
  }
}

Response Report(Call& call) {
  const json body = ParseBody(call.req);
  if (!body.contains("items") || !body["items"].is_array() || body["items"].empty() ||
      body["items"].size() > 5000) {
    throw ApiError(422, {MakeError("required", "items", "items 须为 1–5000 条记录的数组",
                                   "items must be an array of 1–5000 records")});
  }
  auto provider = call.store.providers().FindByCode(call.caller.user.provider_code);
  if (!provider) ThrowNotFound();
  RequireProviderOperating(call, call.store, provider->code, market::ProviderActivity::kReportHours);
  Errors errors;
  std::vector<records::LearningRecord> batch;
  std::vector<records::Person> persons;
  for (size_t i = 0; i < body["items"].size(); ++i) {
    const json& item = body["items"][i];
    Errors item_errors;
    records::LearningRecord r = item.is_object() ? ReadRecord(call, item, item_errors) : records::LearningRecord{};
    std::optional<records::Person> p;
    if (item.is_object() && item.contains("id_number") && item["id_number"].is_string()) {
      p = call.store.persons().FindByIdNumber(item["id_number"].get<std::string>());
    }
    if (!p) item_errors.push_back(MakeError("unknown_person", "id_number", "该身份证号未登记", "no person with this ID number"));
    if (p) CheckOnRoster(call, *provider, item, p->id, item_errors);
    for (auto& e : item_errors) {
      e.field = "items[" + std::to_string(i) + "]." + e.field;
      errors.push_back(std::move(e));
    }
    if (!item_errors.empty()) continue;
    r.person_id = p->id;
    r.provider_code = provider->code;
    r.provider_name = provider->name;
    r.origin = records::Origin::kProvider;
    r.status = records::RecordStatus::kApproved;
    batch.push_back(std::move(r));
    persons.push_back(*p);
  }
  if (!errors.empty()) throw ApiError(422, errors);
  storage::WriteStats stats;
  json ids = json::array();
  call.api.writes.Run([&](storage::Store& s) {
    RequireProviderOperating(call, s, provider->code, market::ProviderActivity::kReportHours);
    stats = s.records().Insert(batch);
    ids = json::array();
    for (size_t i = 0; i < batch.size(); ++i) {
      const auto id = s.queries().RecordIdByKey(batch[i].person_id, records::RecordKey(batch[i]));
      ids.push_back(call.api.ids.Encode(kRecordId, id.value_or(0)));
    }
    AuditPlace place{"", "", "", provider->code};
    place.region_code = provider->region_code;
    Audit(s, call, "record.report", "provider", call.api.ids.Encode(kProviderId, provider->id), place,
          nullptr, json{{"records", batch.size()}, {"inserted", stats.inserted}, {"ids", ids}});
  });
  return JsonResponse(201, json{{"inserted", stats.inserted}, {"unchanged", stats.unchanged}, {"ids", ids}});
}

}  // namespace

void AddRecordRoutes(Router& r) {
  r.Add({"GET", "/api/v1/records", List, "records",
         "learning records in the caller's scope; total counted up to 10,000 (total_exact), "
         "later pages by after=next_cursor",
         false, {},
         {"person_id", "year", "status", "origin", "category", "form", "stage", "provider_code",
          "employer_code", "page", "page_size", "sort", "after"}});
  r.Add({"POST", "/api/v1/records", Declare, "records",
         "declare a record (self-study, outside course, conference): pending review", false,
         {Role::kPerson}, {}, "json"});
  r.Add({"GET", "/api/v1/declaration-rules", DeclarationRules, "records",
         "what the caller may declare on a date: daily maximum hours by form, forms needing evidence",
         false, {Role::kPerson}, {"date"}});
  r.Add({"POST", "/api/v1/records/report", Report, "records",
         "report completions (a provider): count on arrival, all-or-nothing", false,
         {Role::kProviderAdmin}, {}, "json"});
  r.Add({"GET", "/api/v1/records/{id}", Get, "records", "one record with its review and evidence"});
}

}  // namespace jixu::http
