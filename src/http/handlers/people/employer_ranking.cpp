// 用人单位 ranking: every employer of the caller's scope with its staff's compliance for a year
// (persons, compliant, rate, approved hours per head), sortable by each. Summed from the year's
// statistics cells (people/statistics_cells.hpp), grouped by employer; the same persons the
// dashboard counts, so the employers' persons plus those without an employer add up to the
// dashboard's total.
#include <map>

#include "app/compliance_service.hpp"
#include "app/importer_scope.hpp"
#include "http/handlers/common.hpp"
#include "http/handlers/people/people_routes.hpp"
#include "http/handlers/people/scoped_filter.hpp"
#include "http/handlers/people/statistics_cells.hpp"

namespace jixu::http {
namespace {

struct Staff {
  int64_t persons = 0;
  int64_t compliant = 0;
  int64_t not_compliant = 0;
  Hours hours;
  double Rate() const { return persons ? static_cast<double>(compliant) / persons : 0.0; }
  double PerHead() const { return persons ? hours.ToDouble() / persons : 0.0; }
};

struct Ranked {
  records::Employer employer;
  Staff staff;
};

Response EmployerRanking(Call& call) {
  const int year = YearParam(call);
  const storage::PersonFilter filter = ScopedPersonFilter(call);
  const std::string name = QueryStr(call.req, "name");
  if (name.size() > 200) ThrowBadRequest("name", "单位名称过长", "name is too long");
  storage::Page page = PageOf(call.req, {"compliance_rate", "hours_per_person", "persons",
                                         "compliant", "name", "code"});
  if (page.sort.empty()) {
    page.sort = "compliance_rate";
    page.descending = true;
  }
  std::map<std::string, Staff> by_employer;
  Staff all, unassigned;
  app::ComplianceService svc(call.store, call.api.data->policies, call.api.clock);
  for (const storage::StatCell& c : CellsIn(call, svc, year, filter)) {
    Staff& s = c.employer_code.empty() ? unassigned : by_employer[c.employer_code];
    for (Staff* x : {&s, &all}) {
      x->persons += c.persons;
      if (c.status == static_cast<int>(compliance::Status::kCompliant)) x->compliant += c.persons;
      if (c.status == static_cast<int>(compliance::Status::kNotCompliant)) {
        x->not_compliant += c.persons;
      }
      x->hours += CellCategoryHours(c, records::Category::kProfessional) +
                  CellCategoryHours(c, records::Category::kPublic);
    }
  }
  std::vector<Ranked> rows;
  if (filter.region_prefix != "x") {
    for (auto& e : call.store.employers().List(filter.region_prefix)) {
      if (!filter.employer_code.empty() && e.code != filter.employer_code) continue;
      if (!app::EmployerInScope(call.caller.scope, e) && !call.caller.Is(Role::kAdmin)) continue;
      if (!name.empty() && e.name.find(name) == std::string::npos && e.code.rfind(name, 0) != 0) {
        continue;
      }
      auto it = by_employer.find(e.code);
      rows.push_back({std::move(e), it == by_employer.end() ? Staff{} : it->second});
    }
  }
  const std::string key = page.sort;
  const bool desc = page.descending;
  std::stable_sort(rows.begin(), rows.end(), [&](const Ranked& a, const Ranked& b) {
    auto cmp = [&]() -> int {
      auto c = [](const auto& x, const auto& y) { return x < y ? -1 : y < x ? 1 : 0; };
      if (key == "compliance_rate") return c(a.staff.Rate(), b.staff.Rate());
      if (key == "hours_per_person") return c(a.staff.PerHead(), b.staff.PerHead());
      if (key == "persons") return c(a.staff.persons, b.staff.persons);
      if (key == "compliant") return c(a.staff.compliant, b.staff.compliant);
      if (key == "code") return c(a.employer.code, b.employer.code);
      return c(a.employer.name, b.employer.name);
    }();
    if (cmp != 0) return desc ? cmp > 0 : cmp < 0;
    return a.employer.code < b.employer.code;
  });
  json items = json::array();
  const int64_t total = static_cast<int64_t>(rows.size());
  for (int64_t i = page.offset; i < total && i < page.offset + page.limit; ++i) {
    const Ranked& r = rows[static_cast<size_t>(i)];
    json j = EmployerJson(call.api, r.employer);
    j["region_name"] = call.api.data->regions.FullName(r.employer.region_code);
    j["rank"] = i + 1;
    j["persons"] = r.staff.persons;
    j["compliant"] = r.staff.compliant;
    j["not_compliant"] = r.staff.not_compliant;
    j["compliance_rate"] = r.staff.Rate();
    j["hours"] = r.staff.hours.ToDouble();
    j["hours_per_person"] = r.staff.PerHead();
    items.push_back(std::move(j));
  }
  return JsonResponse(200, json{{"year", year},
                                {"items", items},
                                {"total", total},
                                {"page", page.offset / page.limit + 1},
                                {"page_size", page.limit},
                                {"persons", all.persons},
                                {"compliant", all.compliant},
                                {"unassigned_persons", unassigned.persons}});
}

}  // namespace

void AddEmployerRankingRoutes(Router& r) {
  r.Add({"GET", "/api/v1/statistics/employers", EmployerRanking, "statistics",
         "用人单位 ranking of the caller's scope for a year: persons, compliant, compliance_rate, "
         "hours_per_person per employer; sort by any of them (default -compliance_rate)",
         false, {Role::kEmployerAdmin, Role::kAuthority, Role::kAdmin},
         {"year", "region", "employer", "field", "title_level", "name", "page", "page_size",
          "sort"}});
}

}  // namespace jixu::http
