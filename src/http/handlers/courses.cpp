// Courses: the public catalogue (published courses) and each provider's own management.
#include <map>

#include "http/handlers/common.hpp"
#include "http/handlers/market/standing.hpp"

namespace jixu::http {
namespace {

bool OwnsCourse(const Caller& c, const storage::Course& course) {
  return c.Is(Role::kProviderAdmin) && c.user.provider_code == course.provider_code;
}

Response List(Call& call) {
  storage::CourseFilter f;
  f.published = true;
  f.title_contains = QueryStr(call.req, "title");
  std::string like;
  f.terms = CatalogueSearch(call, like);
  if (!like.empty()) f.title_contains = like;
  f.field = QueryStr(call.req, "field");
  if (auto s = QueryStr(call.req, "public_subject_id"); !s.empty()) {
    f.public_subject_id = call.api.ids.Decode(kPublicSubjectId, s);
    if (f.public_subject_id == 0) f.public_subject_id = -1;  // matches nothing
  }
  f.provider_code = QueryStr(call.req, "provider_code");
  // A provider's own list (?mine=true) includes its unpublished courses.
  if (QueryStr(call.req, "mine") == "true" && call.caller.Is(Role::kProviderAdmin)) {
    f.provider_code = call.caller.user.provider_code;
    f.published.reset();
  }
  if (auto c = QueryStr(call.req, "category"); !c.empty()) {
    f.category = records::ParseCategory(c);
    if (!f.category) ThrowBadRequest("category", "未知的科目类别", "unknown category");
  }
  if (auto c = QueryStr(call.req, "form"); !c.empty()) {
    f.form = records::ParseForm(c);
    if (!f.form) ThrowBadRequest("form", "未知的培训形式", "unknown form");
  }
  const storage::Page page = PageOf(call.req, {"title", "code", "hours"});
  auto rows = call.store.courses().List(f, page);
  json items = json::array();
  // The provider by name too (a page shows 广东省医学继续教育中心, not its credit code).
  std::map<std::string, std::string> names;
  for (const auto& c : rows.items) {
    json j = CourseJson(call.api, c);
    auto [it, fresh] = names.try_emplace(c.provider_code);
    if (fresh) {
      if (auto p = call.store.providers().FindByCode(c.provider_code)) it->second = p->name;
    }
    j["provider_name"] = it->second;
    items.push_back(std::move(j));
  }
  return ListResponse(std::move(items), rows.total, page);
}

/// The catalogue's details of a course: field, teachers, the public subject it teaches (it must be
/// published and not withdrawn; the course is then of category public), its textbooks.
void ReadCatalogueDetails(Call& call, const json& body, FieldReader& f, storage::Course& c) {
  if (auto v = f.Str("field", false, 50)) c.field = *v;
  if (auto v = f.Str("teachers", false, 1000)) c.teachers = *v;
  if (body.contains("public_subject_id")) {
    const json& v = body["public_subject_id"];
    c.public_subject_id = 0;
    if (v.is_string() && !v.get<std::string>().empty()) {
      const int64_t id = call.api.ids.Decode(kPublicSubjectId, v.get<std::string>());
      auto s = id ? call.store.market().catalogue().PublicSubjectById(id) : std::nullopt;
      if (!s || s->withdrawn) {
        f.Fail("public_subject_id", "unknown_public_subject", "公需科目不存在或已撤回", "no such public subject");
      } else {
        c.public_subject_id = id;
      }
    } else if (!v.is_null() && !(v.is_string())) {
      f.Fail("public_subject_id", "invalid_type", "public_subject_id 须为字符串", "public_subject_id must be a string");
    }
  }
  if (c.public_subject_id != 0 && c.category != records::Category::kPublic) {
    f.Fail("category", "not_public", "讲授公需科目的课程须为公需科目类别", "a course teaching a public subject is of category public");
  }
  if (body.contains("textbook_ids")) {
    c.textbook_ids.clear();
    const auto ids = f.StrList("textbook_ids");
    for (size_t i = 0; i < ids.size() && i < 50; ++i) {
      const int64_t id = call.api.ids.Decode(kTextbookId, ids[i]);
      if (id == 0 || !call.store.market().catalogue().TextbookById(id)) {
        f.errors().push_back(MakeError("unknown_textbook", "textbook_ids[" + std::to_string(i) + "]",
                                       "教材不存在", "no such textbook"));
      } else {
        c.textbook_ids.push_back(id);
      }
    }
  }
}

void ReadCourse(FieldReader& f, storage::Course& c, bool creating) {
  if (auto v = f.Str("title", creating, 200)) c.title = *v;
  if (auto v = f.Str("category", creating, 30)) {
    if (auto x = records::ParseCategory(*v)) c.category = *x;
    else f.Fail("category", "invalid_category", "未知的科目类别", "unknown category");
  }
  if (auto v = f.Str("form", creating, 40)) {
    if (auto x = records::ParseForm(*v)) c.form = *x;
    else f.Fail("form", "invalid_form", "未知的培训形式", "unknown form");
  }
  if (auto h = f.HoursField("hours", creating)) c.hours = *h;
  if (auto p = f.Bool("published", false)) c.published = *p;
  if (auto d = f.Str("description", false, 2000)) c.description = *d;
}

Response Create(Call& call) {
  const json body = ParseBody(call.req);
  FieldReader f(body);
  storage::Course c;
  c.provider_code = call.caller.user.provider_code;
  if (auto v = f.Str("code", true, 50)) c.code = *v;
  ReadCourse(f, c, true);
  ReadCatalogueDetails(call, body, f, c);
  f.Finish();
  auto provider = call.store.providers().FindByCode(c.provider_code);
  if (!provider) ThrowNotFound();
  call.api.writes.Run([&](storage::Store& s) {
    auto id = s.courses().Create(c);
    if (!id) ThrowConflict("course_exists", "课程代码已存在", "a course with this code exists");
    c.id = *id;
    Audit(s, call, "course.create", "course", call.api.ids.Encode(kCourseId, c.id),
          {provider->region_code, "", "", provider->code}, nullptr, CourseJson(call.api, c));
  });
  return JsonResponse(201, CourseJson(call.api, c));
}

storage::Course LoadCourse(Call& call) {
  const int64_t id = call.api.ids.Decode(kCourseId, call.req.Param("id"));
  auto c = id ? call.store.courses().FindById(id) : std::nullopt;
  if (!c || (!c->published && !OwnsCourse(call.caller, *c))) ThrowNotFound();
  return *c;
}

Response Get(Call& call) { return JsonResponse(200, CourseJson(call.api, LoadCourse(call))); }

Response Update(Call& call) {
  const storage::Course before = LoadCourse(call);
  if (!OwnsCourse(call.caller, before)) ThrowNotFound();
  const json body = ParseBody(call.req);
  FieldReader f(body);
  storage::Course c = before;
  ReadCourse(f, c, false);
  ReadCatalogueDetails(call, body, f, c);
  f.Finish();
  call.api.writes.Run([&](storage::Store& s) {
    s.courses().Update(c);
    Audit(s, call, "course.update", "course", call.api.ids.Encode(kCourseId, c.id),
          {"", "", "", c.provider_code}, CourseJson(call.api, before), CourseJson(call.api, c));
  });
  return JsonResponse(200, CourseJson(call.api, c));
}

}  // namespace

void AddCourseRoutes(Router& r) {
  r.Add({"GET", "/api/v1/courses", List, "courses",
         "the course catalogue (published), searchable by q (title, code, field, teachers, description); ?mine=true: a provider's own", true, {},
         {"q", "title", "provider_code", "category", "form", "field", "public_subject_id", "mine", "page",
          "page_size", "sort"}});
  r.Add({"POST", "/api/v1/courses", Create, "courses", "add a course (a provider)", false,
         {Role::kProviderAdmin}, {}, "json"});
  r.Add({"GET", "/api/v1/courses/{id}", Get, "courses", "one course", true});
  r.Add({"PATCH", "/api/v1/courses/{id}", Update, "courses", "change one's own course", false,
         {Role::kProviderAdmin}, {}, "json"});
}

}  // namespace jixu::http
