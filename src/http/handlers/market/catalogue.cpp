// The catalogue (issue 11 item 6, seed Art. 6, 12, 13): the year's public subjects (national ones
// by the national administrator, at most two a year; local ones by an authority for its region),
// textbooks with an authority's recommendation, and the lists of quality courses, projects
// (classes) and textbooks an authority publishes. Everything here is readable without signing
// in; courses themselves are in courses.cpp.
#include "core/market/catalogue.hpp"
#include "http/handlers/market/standing.hpp"

namespace jixu::http {
namespace {

const std::vector<Role> kAuthorities = {Role::kAuthority, Role::kAdmin};
constexpr int64_t kMaxNationalPerYear = 2;
constexpr size_t kMaxListItems = 200;

json SubjectJson(const Api& api, const storage::PublicSubject& s) {
  return json{{"id", api.ids.Encode(kPublicSubjectId, s.id)},
              {"year", s.year},
              {"national", s.region_prefix.empty()},
              {"region_prefix", s.region_prefix},
              {"title", s.title},
              {"hours", s.hours.ToDouble()},
              {"content", s.content},
              {"published_by", s.published_by},
              {"published_at", IsoTime(s.published_at)},
              {"withdrawn", s.withdrawn}};
}

json TextbookJson(const Api& api, const storage::Textbook& t) {
  return json{{"id", api.ids.Encode(kTextbookId, t.id)},
              {"isbn", t.isbn},
              {"title", t.title},
              {"authors", t.authors},
              {"publisher", t.publisher},
              {"edition", t.edition},
              {"subject", t.subject},
              {"recommended", t.recommended},
              {"recommended_by", t.recommended ? json(t.recommended_by) : json(nullptr)},
              {"recommended_at", t.recommended ? json(IsoTime(t.recommended_at)) : json(nullptr)},
              {"recommend_note", t.recommend_note}};
}

char ItemIdType(const std::string& kind) {
  return kind == "course" ? kCourseId : kind == "project" ? kClassIdType : kTextbookId;
}

json ListJson(const Api& api, const storage::QualityList& l, bool with_items) {
  json j{{"id", api.ids.Encode(kQualityListId, l.id)}, {"year", l.year}, {"kind", l.kind},
         {"title", l.title}, {"region_prefix", l.region_prefix}, {"note", l.note},
         {"published_by", l.published_by}, {"published_at", IsoTime(l.published_at)}};
  if (with_items) {
    j["items"] = json::array();
    for (const auto& i : l.items) {
      j["items"].push_back({{"id", api.ids.Encode(ItemIdType(l.kind), i.entity_id)}, {"title", i.title}, {"note", i.note}});
    }
  }
  return j;
}

AuditPlace PlaceOfScope(const Caller& c) { return {c.scope.region_prefix, "", "", ""}; }

Response ListSubjects(Call& call) {
  storage::PublicSubjectQuery q;
  q.year = static_cast<int>(QueryInt(call.req, "year", 1990, 2100).value_or(0));
  q.applies_to = QueryStr(call.req, "region");
  if (!q.applies_to.empty() && q.applies_to.find_first_not_of("0123456789") != std::string::npos) {
    ThrowBadRequest("region", "region 须为行政区划代码", "region must be a region code");
  }
  // An authority's own list (?mine=true) includes what it withdrew.
  if (QueryStr(call.req, "mine") == "true" && (call.caller.Is(Role::kAuthority) || call.caller.Is(Role::kAdmin))) {
    q.within = call.caller.scope.region_prefix;
    q.include_withdrawn = true;
  }
  const storage::Page page = PageOf(call.req, {});
  auto rows = call.store.market().catalogue().PublicSubjects(q, page);
  json items = json::array();
  for (const auto& s : rows.items) items.push_back(SubjectJson(call.api, s));
  return ListResponse(std::move(items), rows.total, page);
}

Response GetSubject(Call& call) {
  const int64_t id = call.api.ids.Decode(kPublicSubjectId, call.req.Param("id"));
  auto s = id ? call.store.market().catalogue().PublicSubjectById(id) : std::nullopt;
  if (!s) ThrowNotFound();
  return JsonResponse(200, SubjectJson(call.api, *s));
}

Response PublishSubject(Call& call) {
  const json body = ParseBody(call.req);
  FieldReader f(body);
  storage::PublicSubject s;
  s.year = static_cast<int>(f.Int("year", true, 2000, 2100).value_or(0));
  if (auto v = f.Str("title", true, 200)) s.title = *v;
  if (auto h = f.HoursField("hours", true)) {
    if (h->centi() <= 0) f.Fail("hours", "invalid_hours", "学时须大于0", "hours must be positive");
    s.hours = *h;
  }
  if (auto v = f.Str("content", false, 4000)) s.content = *v;
  const bool national = f.Bool("national", false).value_or(false);
  if (national && !call.caller.Is(Role::kAdmin)) {
    f.Fail("national", "not_national", "全国公需科目由国家级主管部门（系统管理员）发布",
           "national public subjects are published by the national administrator");
  }
  if (!national && call.caller.scope.region_prefix.empty()) {
    f.Fail("national", "region_required", "请选择全国公需科目，或以地方主管部门账户发布",
           "set national, or publish as a regional authority");
  }
  f.Finish();
  s.region_prefix = national ? "" : call.caller.scope.region_prefix;
  s.published_by = call.caller.actor();
  s.published_at = call.now;
  call.api.writes.Run([&](storage::Store& st) {
    auto& repo = st.market().catalogue();
    if (national && repo.CountNational(s.year) >= kMaxNationalPerYear) {
      throw ApiError(422, {MakeError("too_many_national", "national",
                                     "每年全国公需科目至多 2 个（" + std::to_string(s.year) + " 年已有 2 个）",
                                     "at most 2 national public subjects a year (" + std::to_string(s.year) + " has 2)")});
    }
    s.id = repo.AddPublicSubject(s);
    Audit(st, call, "public_subject.publish", "public_subject", call.api.ids.Encode(kPublicSubjectId, s.id),
          PlaceOfScope(call.caller), nullptr, SubjectJson(call.api, s));
  });
  return JsonResponse(201, SubjectJson(call.api, s));
}

Response WithdrawSubject(Call& call) {
  const int64_t id = call.api.ids.Decode(kPublicSubjectId, call.req.Param("id"));
  auto s = id ? call.store.market().catalogue().PublicSubjectById(id) : std::nullopt;
  if (!s) ThrowNotFound();
  const auto& prefix = call.caller.scope.region_prefix;
  const bool mine = call.caller.Is(Role::kAdmin) || (!s->region_prefix.empty() && s->region_prefix.rfind(prefix, 0) == 0);
  if (!mine) ThrowNotFound();
  call.api.writes.Run([&](storage::Store& st) {
    if (!st.market().catalogue().WithdrawPublicSubject(id)) {
      ThrowConflict("already_withdrawn", "该公需科目已撤回", "the public subject is already withdrawn");
    }
    Audit(st, call, "public_subject.withdraw", "public_subject", call.req.Param("id"), PlaceOfScope(call.caller),
          SubjectJson(call.api, *s), nullptr);
  });
  s->withdrawn = true;
  return JsonResponse(200, SubjectJson(call.api, *s));
}

}  // namespace

std::vector<std::string> CatalogueSearch(Call& call, std::string& like) {
  const std::string q = QueryStr(call.req, "q");
  if (q.size() > 200) ThrowBadRequest("q", "搜索词过长", "the search is too long");
  auto terms = market::QueryTerms(q);
  if (terms.size() == 1 && static_cast<unsigned char>(terms[0][0]) >= 0x80 && terms[0].size() <= 4) {
    like = terms[0];
    terms.clear();
  }
  return terms;
}

namespace {

std::vector<std::string> SearchParam(Call& call, std::string& like) { return CatalogueSearch(call, like); }

Response ListTextbooks(Call& call) {
  storage::TextbookQuery q;
  std::string like;
  q.terms = SearchParam(call, like);
  q.title_contains = like;
  q.subject = QueryStr(call.req, "subject");
  if (auto r = QueryStr(call.req, "recommended"); !r.empty()) q.recommended = r == "true";
  const storage::Page page = PageOf(call.req, {"title", "recommended_at"});
  auto rows = call.store.market().catalogue().Textbooks(q, page);
  json items = json::array();
  for (const auto& t : rows.items) items.push_back(TextbookJson(call.api, t));
  return ListResponse(std::move(items), rows.total, page);
}

storage::Textbook LoadTextbook(Call& call) {
  const int64_t id = call.api.ids.Decode(kTextbookId, call.req.Param("id"));
  auto t = id ? call.store.market().catalogue().TextbookById(id) : std::nullopt;
  if (!t) ThrowNotFound();
  return *t;
}

Response GetTextbook(Call& call) { return JsonResponse(200, TextbookJson(call.api, LoadTextbook(call))); }

Response AddTextbook(Call& call) {
  const json body = ParseBody(call.req);
  FieldReader f(body);
  storage::Textbook t;
  if (auto v = f.Str("isbn", true, 30)) {
    auto ok = market::ValidateIsbn(*v);
    if (ok.ok()) t.isbn = ok.value(); else f.errors().push_back(ok.error());
  }
  if (auto v = f.Str("title", true, 200)) t.title = *v;
  if (auto v = f.Str("authors", true, 200)) t.authors = *v;
  if (auto v = f.Str("publisher", true, 200)) t.publisher = *v;
  if (auto v = f.Str("edition", false, 50)) t.edition = *v;
  if (auto v = f.Str("subject", false, 50)) t.subject = *v;
  f.Finish();
  t.added_by = call.caller.actor();
  t.added_at = call.now;
  call.api.writes.Run([&](storage::Store& s) {
    auto id = s.market().catalogue().AddTextbook(t);
    if (!id) ThrowConflict("textbook_exists", "该 ISBN 的教材已登记", "a textbook with this ISBN is registered");
    t.id = *id;
    Audit(s, call, "textbook.add", "textbook", call.api.ids.Encode(kTextbookId, t.id), PlaceOfCaller(s, call.caller),
          nullptr, TextbookJson(call.api, t));
  });
  return JsonResponse(201, TextbookJson(call.api, t));
}

Response RecommendTextbook(Call& call) {
  storage::Textbook t = LoadTextbook(call);
  const json body = ParseBody(call.req);
  FieldReader f(body);
  const bool recommended = f.Bool("recommended", false).value_or(true);
  const std::string note = f.Str("note", false, 500).value_or("");
  f.Finish();
  const json before = TextbookJson(call.api, t);
  call.api.writes.Run([&](storage::Store& s) {
    s.market().catalogue().RecommendTextbook(t.id, recommended, call.caller.actor(), call.now, note);
    t = *s.market().catalogue().TextbookById(t.id);
    Audit(s, call, recommended ? "textbook.recommend" : "textbook.unrecommend", "textbook",
          call.api.ids.Encode(kTextbookId, t.id), PlaceOfScope(call.caller), before, TextbookJson(call.api, t));
  });
  return JsonResponse(200, TextbookJson(call.api, t));
}

Response ListLists(Call& call) {
  const int year = static_cast<int>(QueryInt(call.req, "year", 1990, 2100).value_or(0));
  const std::string kind = QueryStr(call.req, "kind");
  if (!kind.empty() && kind != "course" && kind != "project" && kind != "textbook") {
    ThrowBadRequest("kind", "kind 须为 course、project 或 textbook", "kind must be course, project or textbook");
  }
  const storage::Page page = PageOf(call.req, {});
  auto rows = call.store.market().catalogue().QualityLists(year, kind, page);
  json items = json::array();
  for (const auto& l : rows.items) items.push_back(ListJson(call.api, l, false));
  return ListResponse(std::move(items), rows.total, page);
}

Response GetList(Call& call) {
  const int64_t id = call.api.ids.Decode(kQualityListId, call.req.Param("id"));
  auto l = id ? call.store.market().catalogue().QualityListById(id) : std::nullopt;
  if (!l) ThrowNotFound();
  return JsonResponse(200, ListJson(call.api, *l, true));
}

/// Whether the row a list item names exists and may be listed: a published course, a class, a
/// textbook.
bool Listable(storage::Store& s, const std::string& kind, int64_t id) {
  if (kind == "course") {
    auto c = s.courses().FindById(id);
    return c && c->published;
  }
  if (kind == "project") return s.classes().FindById(id).has_value();
  return s.market().catalogue().TextbookById(id).has_value();
}

Response PublishList(Call& call) {
  const json body = ParseBody(call.req);
  FieldReader f(body);
  storage::QualityList l;
  l.year = static_cast<int>(f.Int("year", true, 2000, 2100).value_or(0));
  if (auto v = f.Str("kind", true, 20)) {
    if (*v != "course" && *v != "project" && *v != "textbook") {
      f.Fail("kind", "invalid_kind", "榜单类别须为 course（课程）、project（项目）或 textbook（教材）",
             "kind must be course, project or textbook");
    } else {
      l.kind = *v;
    }
  }
  if (auto v = f.Str("title", true, 200)) l.title = *v;
  if (auto v = f.Str("note", false, 2000)) l.note = *v;
  const json& items = body.contains("items") ? body["items"] : json();
  if (!items.is_array() || items.empty() || items.size() > kMaxListItems) {
    f.Fail("items", "required", "items 须为 1–200 项", "items must list 1–200 entries");
  } else if (!l.kind.empty()) {
    for (size_t i = 0; i < items.size(); ++i) {
      const std::string field = "items[" + std::to_string(i) + "].id";
      const json& it = items[i];
      const std::string sid = it.is_object() && it.contains("id") && it["id"].is_string() ? it["id"].get<std::string>() : "";
      const int64_t id = call.api.ids.Decode(ItemIdType(l.kind), sid);
      if (id == 0 || !Listable(call.store, l.kind, id)) {
        f.errors().push_back(MakeError("unknown_item", field, "所列条目不存在（课程须已发布）",
                                       "no such entry (a course must be published)"));
        continue;
      }
      std::string note = it.contains("note") && it["note"].is_string() ? it["note"].get<std::string>() : "";
      if (note.size() > 500) note.resize(500);
      l.items.push_back({id, note, ""});
    }
  }
  f.Finish();
  l.region_prefix = call.caller.scope.region_prefix;
  l.published_by = call.caller.actor();
  l.published_at = call.now;
  call.api.writes.Run([&](storage::Store& s) {
    l.id = s.market().catalogue().AddQualityList(l);
    l = *s.market().catalogue().QualityListById(l.id);
    Audit(s, call, "quality_list.publish", "quality_list", call.api.ids.Encode(kQualityListId, l.id),
          PlaceOfScope(call.caller), nullptr, ListJson(call.api, l, true));
  });
  return JsonResponse(201, ListJson(call.api, l, true));
}

}  // namespace

void AddMarketCatalogueRoutes(Router& r) {
  r.Add({"GET", "/api/v1/public-subjects", ListSubjects, "catalogue",
         "the public subjects (公需科目) of a year that apply to a region (national and local); ?mine=true an authority's own",
         true, {}, {"year", "region", "mine", "page", "page_size"}});
  r.Add({"GET", "/api/v1/public-subjects/{id}", GetSubject, "catalogue", "one public subject", true});
  r.Add({"POST", "/api/v1/public-subjects", PublishSubject, "catalogue",
         "publish a public subject {year, title, hours, content, national}: national by the admin (at most 2 a year), local by an authority for its region",
         false, kAuthorities, {}, "json"});
  r.Add({"POST", "/api/v1/public-subjects/{id}/withdraw", WithdrawSubject, "catalogue",
         "withdraw a public subject one published", false, kAuthorities});
  r.Add({"GET", "/api/v1/textbooks", ListTextbooks, "catalogue",
         "textbooks: search q (title, authors, subject, publisher, ISBN), subject, recommended", true, {},
         {"q", "subject", "recommended", "page", "page_size", "sort"}});
  r.Add({"GET", "/api/v1/textbooks/{id}", GetTextbook, "catalogue", "one textbook", true});
  r.Add({"POST", "/api/v1/textbooks", AddTextbook, "catalogue",
         "register a textbook {isbn, title, authors, publisher, edition, subject}", false,
         {Role::kProviderAdmin, Role::kAuthority, Role::kAdmin}, {}, "json"});
  r.Add({"POST", "/api/v1/textbooks/{id}/recommendation", RecommendTextbook, "catalogue",
         "an authority recommends a textbook (or withdraws it) {recommended, note}", false, kAuthorities, {}, "json"});
  r.Add({"GET", "/api/v1/quality-lists", ListLists, "catalogue",
         "published lists of quality courses, projects and textbooks", true, {}, {"year", "kind", "page", "page_size"}});
  r.Add({"GET", "/api/v1/quality-lists/{id}", GetList, "catalogue", "one list with its entries", true});
  r.Add({"POST", "/api/v1/quality-lists", PublishList, "catalogue",
         "publish a list {year, kind: course|project|textbook, title, note, items: [{id, note}]}", false,
         kAuthorities, {}, "json"});
}

}  // namespace jixu::http
