// Compliance: one person (year, span of years, title promotion), one employer (counts by status
// and a paged list), a region (counts by status, field, sub-region; hours by form, category).
#include <map>

#include "app/compliance_service.hpp"
#include "core/validate/id_number.hpp"
#include "http/handlers/common.hpp"
#include "http/handlers/people/statistics_cells.hpp"

namespace jixu::http {
namespace {

app::ComplianceService Service(Call& call) {
  return app::ComplianceService(call.store, call.api.data->policies, call.api.clock);
}

Response PersonCompliance(Call& call) {
  const records::Person p = LoadPerson(call, call.req.Param("id"));
  const int year = YearParam(call);
  auto svc = Service(call);
  json j = YearResultJson(svc.PersonYear(app::FactsOf(p), year));
  j["person_id"] = call.req.Param("id");
  return JsonResponse(200, j);
}

Response PersonHistory(Call& call) {
  const records::Person p = LoadPerson(call, call.req.Param("id"));
  const int to = static_cast<int>(QueryInt(call.req, "to", 1990, 2100).value_or(call.api.clock->Today().year()));
  const int from = static_cast<int>(QueryInt(call.req, "from", 1990, 2100).value_or(to - 4));
  if (from > to || to - from > 30) {
    ThrowBadRequest("from", "from 须不晚于 to，且跨度不超过30年", "from must be <= to, at most 30 years apart");
  }
  auto svc = Service(call);
  json years = json::array();
  for (const auto& y : svc.PersonSpan(app::FactsOf(p), from, to)) years.push_back(YearResultJson(y));
  return JsonResponse(200, json{{"person_id", call.req.Param("id")}, {"from", from}, {"to", to},
                                {"years", years}});
}

Response PersonPromotion(Call& call) {
  const records::Person p = LoadPerson(call, call.req.Param("id"));
  const int year = YearParam(call);
  auto svc = Service(call);
  const auto r = svc.Promotion(app::FactsOf(p), year);
  json years = json::array();
  for (const auto& y : r.years) years.push_back(YearResultJson(y));
  return JsonResponse(200, json{{"person_id", call.req.Param("id")}, {"year", year},
                                {"eligible", r.eligible}, {"from_year", r.from_year},
                                {"to_year", r.to_year}, {"blocking_years", r.blocking_years},
                                {"years", years}, {"sentence_zh", r.sentence_zh},
                                {"sentence_en", r.sentence_en}});
}

Response EmployerCompliance(Call& call) {
  const int64_t id = call.api.ids.Decode(kEmployerId, call.req.Param("id"));
  auto e = id ? call.store.queries().EmployerById(id) : std::nullopt;
  if (!e || !EmployerVisible(call, *e)) ThrowNotFound();
  const int year = YearParam(call);
  const std::string status_filter = QueryStr(call.req, "status");
  const std::string field_filter = QueryStr(call.req, "field");
  storage::PersonFilter filter;
  filter.employer_code = e->code;
  if (auto t = QueryStr(call.req, "title_level"); !t.empty()) filter.title_level = records::ParseTitleLevel(t);
  const storage::Page page = PageOf(call.req, {});
  std::map<std::string, int64_t> counts;
  json items = json::array();
  int64_t total = 0;
  auto svc = Service(call);
  svc.ForEachInYear(year, filter, false, [&](const storage::PersonFacts& f, const compliance::YearResult& r) {
    const std::string status(compliance::StatusCode(r.status));
    ++counts[status];
    if ((!status_filter.empty() && status != status_filter) ||
        (!field_filter.empty() && f.field != field_filter)) {
      return;
    }
    if (total >= page.offset && total < page.offset + page.limit) {
      json j = YearResultJson(r);
      j.erase("notes");
      j["person_id"] = call.api.ids.Encode(kPersonId, f.person_id);
      j["name"] = f.name;
      j["id_number"] = validate::MaskIdNumber(f.id_number);
      j["field"] = f.field;
      j["title_level"] = std::string(records::TitleLevelCode(f.title_level));
      items.push_back(std::move(j));
    }
    ++total;
  });
  json body{{"employer", EmployerJson(call.api, *e)}, {"year", year}, {"counts", counts},
            {"items", items}, {"total", total}, {"page", page.offset / page.limit + 1},
            {"page_size", page.limit}};
  return JsonResponse(200, body);
}

Response RegionCompliance(Call& call) {
  const int year = YearParam(call);
  storage::PersonFilter filter;
  filter.region_prefix = QueryStr(call.req, "region");
  const auto& s = call.caller.scope;
  // The caller's scope narrows whatever was asked: a region outside it yields nobody.
  if (!s.region_prefix.empty()) {
    if (filter.region_prefix.empty() || s.region_prefix.rfind(filter.region_prefix, 0) == 0) {
      filter.region_prefix = s.region_prefix;
    } else if (filter.region_prefix.rfind(s.region_prefix, 0) != 0) {
      filter.region_prefix = "x";  // disjoint: matches no region code
    }
  }
  filter.industry = s.industry;
  filter.employer_code = s.employer_code;
  const size_t sub_len = filter.region_prefix.size() < 2 ? 2 : filter.region_prefix.size() < 4 ? 4 : 6;
  std::map<std::string, int64_t> by_status;
  std::map<std::string, std::map<std::string, int64_t>> by_region, by_field;
  double professional = 0, pub = 0;
  int64_t persons = 0;
  auto svc = Service(call);
  for (const storage::StatCell& c : CellsIn(call, svc, year, filter)) {
    const std::string st(compliance::StatusCode(static_cast<compliance::Status>(c.status)));
    persons += c.persons;
    by_status[st] += c.persons;
    by_region[c.region_code.substr(0, sub_len)][st] += c.persons;
    by_field[c.field][st] += c.persons;
    professional += Hours::FromCenti(c.counted_professional).ToDouble();
    pub += Hours::FromCenti(c.counted_public).ToDouble();
  }
  return JsonResponse(200, json{{"year", year}, {"region", filter.region_prefix}, {"persons", persons},
                                {"by_status", by_status}, {"by_region", by_region},
                                {"by_field", by_field}, {"professional_hours", professional},
                                {"public_hours", pub}});
}

}  // namespace

void AddPersonCheckRoutes(Router& r) {
  r.Add({"GET", "/api/v1/persons/{id}/compliance", PersonCompliance, "compliance",
         "a person's compliance for a year", false, {}, {"year"}});
  r.Add({"GET", "/api/v1/persons/{id}/history", PersonHistory, "compliance",
         "a person's years side by side", false, {}, {"from", "to"}});
  r.Add({"GET", "/api/v1/persons/{id}/promotion", PersonPromotion, "compliance",
         "may the person apply for the next title in this year", false, {}, {"year"}});
  r.Add({"GET", "/api/v1/employers/{id}/compliance", EmployerCompliance, "compliance",
         "an employer's compliance: counts by status and a paged list", false,
         {Role::kEmployerAdmin, Role::kAuthority, Role::kAdmin},
         {"year", "status", "field", "title_level", "page", "page_size"}});
  r.Add({"GET", "/api/v1/compliance/region", RegionCompliance, "compliance",
         "compliance statistics of a region (by status, sub-region, field; hours)", false,
         {Role::kEmployerAdmin, Role::kAuthority, Role::kAdmin}, {"year", "region"}});
}

}  // namespace jixu::http
