// 专业技术人员: every person of the caller's scope with their compliance for a year, without
// first choosing an employer. Filters (region, employer, field, title level, name) go into the
// population scan's WHERE clause and are indexed (migration 8); the status (未达标名单) is the
// engine's result, so it filters the scan's output. Sorting by a computed column keeps only the
// requested page's worth of rows (top_k.hpp). In the default order without a name filter the
// counts come from the statistics cells and only the page's persons are evaluated
// (FirstPagesByKey).
#include <map>
#include <optional>

#include "app/compliance_service.hpp"
#include "app/statistics_cells.hpp"
#include "core/validate/id_number.hpp"
#include "http/handlers/common.hpp"
#include "http/handlers/list_page.hpp"
#include "http/handlers/people/people_routes.hpp"
#include "http/handlers/people/scoped_filter.hpp"
#include "http/handlers/people/statistics_cells.hpp"
#include "http/handlers/people/top_k.hpp"

namespace jixu::http {
namespace {

struct Row {
  storage::PersonFacts person;
  compliance::YearResult result;
};

std::optional<compliance::Status> ParseStatusParam(const std::string& text) {
  for (auto s : {compliance::Status::kCompliant, compliance::Status::kInProgress,
                 compliance::Status::kNotCompliant, compliance::Status::kExempt}) {
    if (compliance::StatusCode(s) == text) return s;
  }
  return std::nullopt;
}

/// Orders rows by the page's sort key (then by person id, so pages never overlap).
struct RowOrder {
  std::string key;
  bool descending = false;
  const std::map<std::string, std::string>* employer_names = nullptr;

  template <typename V>
  static int Cmp(const V& a, const V& b) { return a < b ? -1 : b < a ? 1 : 0; }

  int Compare(const Row& a, const Row& b) const {
    const auto& p = a.person;
    const auto& q = b.person;
    if (key == "name") return Cmp(p.name, q.name);
    if (key == "region_code") return Cmp(p.region_code, q.region_code);
    if (key == "field") return Cmp(p.field, q.field);
    if (key == "title_level") return Cmp(p.title_level, q.title_level);
    if (key == "employer") {
      auto name = [&](const std::string& code) -> const std::string& {
        auto it = employer_names->find(code);
        return it == employer_names->end() ? code : it->second;
      };
      return Cmp(name(p.employer_code), name(q.employer_code));
    }
    if (key == "status") return Cmp(a.result.status, b.result.status);
    if (key == "counted_hours") return Cmp(a.result.counted_hours, b.result.counted_hours);
    if (key == "shortfall_hours") return Cmp(a.result.shortfall_hours, b.result.shortfall_hours);
    if (key == "required_hours") return Cmp(a.result.required, b.result.required);
    return 0;
  }
  bool operator()(const Row& a, const Row& b) const {
    const int c = Compare(a, b);
    if (c != 0) return descending ? c > 0 : c < 0;
    return a.person.person_id < b.person.person_id;
  }
};

json RowJson(Call& call, const Row& row, const std::map<std::string, records::Employer>& employers) {
  const auto& p = row.person;
  json j = YearResultJson(row.result);
  j.erase("notes");
  j.erase("unmet");
  j.erase("sentence_en");
  j["person_id"] = call.api.ids.Encode(kPersonId, p.person_id);
  j["name"] = p.name;
  j["id_number"] = validate::MaskIdNumber(p.id_number);
  j["region_code"] = p.region_code;
  j["region_name"] = call.api.data->regions.FullName(p.region_code);
  j["field"] = p.field;
  j["title_level"] = std::string(records::TitleLevelCode(p.title_level));
  j["employer_code"] = p.employer_code;
  auto it = employers.find(p.employer_code);
  j["employer_id"] = it == employers.end() ? json(nullptr)
                                           : json(call.api.ids.Encode(kEmployerId, it->second.id));
  j["employer_name"] = it == employers.end() ? std::string() : it->second.name;
  return j;
}

/// Counts by status for every status (zero where nobody).
void AllStatuses(std::map<std::string, int64_t>& counts) {
  for (auto s : {compliance::Status::kCompliant, compliance::Status::kInProgress,
                 compliance::Status::kNotCompliant, compliance::Status::kExempt}) {
    counts.emplace(std::string(compliance::StatusCode(s)), 0);
  }
}

/// The default order (by person id) without a name filter: the counts and the total come from
/// the statistics cells, and only the page's persons are evaluated — the persons' own page
/// without a status filter; with one, persons read by id a batch at a time until the page is
/// full — not the whole scope. nullopt when the store keeps no cells or reads no keys (the
/// caller scans).
std::optional<json> FirstPagesByKey(Call& call, app::ComplianceService& svc, int year,
                                    const storage::PersonFilter& filter,
                                    std::optional<compliance::Status> status,
                                    const storage::Page& page,
                                    const std::map<std::string, records::Employer>& employers) {
  storage::KeysetRepository* keys = KeysetOf(call);
  if (keys == nullptr || app::StatisticsOf(call.store) == nullptr) return std::nullopt;
  std::map<std::string, int64_t> counts;
  int64_t total = 0;
  for (const storage::StatCell& c : CellsIn(call, svc, year, filter)) {
    counts[std::string(compliance::StatusCode(static_cast<compliance::Status>(c.status)))] +=
        c.persons;
    if (!status || c.status == static_cast<int>(*status)) total += c.persons;
  }
  AllStatuses(counts);
  storage::PersonQuery q;  // the filter, as the persons list reads it
  q.scope.industry = filter.industry;
  q.employer_code = filter.employer_code;
  q.region_prefix = filter.region_prefix;
  q.field = filter.field;
  q.title_level = filter.title_level;
  json items = json::array();
  auto body = [&] {
    return json{{"year", year}, {"counts", counts}, {"items", items}, {"total", total},
                {"page", page.offset / page.limit + 1}, {"page_size", page.limit}};
  };
  auto evaluate = [&](const std::vector<storage::PersonRow>& rows,
                      const app::ComplianceService::TotalsFn& fn) {
    std::vector<storage::PersonFacts> facts;
    for (const auto& row : rows) {
      if (auto p = call.store.persons().FindById(row.id)) facts.push_back(app::FactsOf(*p));
    }
    svc.EvaluateInYear(year, facts, fn);
  };
  if (!status) {
    // Every person is on the list: the page is the persons' page, by number.
    storage::Page by_id{page.offset, page.limit};
    evaluate(call.store.queries().Persons(q, by_id).items,
             [&](const storage::PersonFacts& f, const records::YearTotals&,
                 const compliance::YearResult& r) {
               items.push_back(RowJson(call, Row{f, r}, employers));
             });
    return body();
  }
  int64_t skipped = 0, after = 0;
  constexpr int64_t kBatch = 200;
  auto found = [&] { return static_cast<int64_t>(items.size()); };
  while (found() < page.limit && skipped + found() < total) {
    auto batch = keys->PersonsAfter(q, after, kBatch, false);
    if (batch.items.empty()) break;
    after = batch.items.back().id;
    evaluate(batch.items, [&](const storage::PersonFacts& f, const records::YearTotals&,
                              const compliance::YearResult& r) {
      if (r.status != *status) return;
      if (skipped < page.offset) {
        ++skipped;
      } else if (found() < page.limit) {
        items.push_back(RowJson(call, Row{f, r}, employers));
      }
    });
  }
  return body();
}

Response PersonsCompliance(Call& call) {
  const int year = YearParam(call);
  const storage::PersonFilter filter = ScopedPersonFilter(call, true);
  std::optional<compliance::Status> status;
  if (auto s = QueryStr(call.req, "status"); !s.empty()) {
    status = ParseStatusParam(s);
    if (!status) {
      ThrowBadRequest("status", "未知的达标状态（compliant、in_progress、not_compliant、exempt）",
                      "unknown status (compliant, in_progress, not_compliant, exempt)");
    }
  }
  const storage::Page page =
      PageOf(call.req, {"name", "region_code", "employer", "field", "title_level", "status",
                        "counted_hours", "shortfall_hours", "required_hours"});
  std::map<std::string, records::Employer> employers;
  std::map<std::string, std::string> employer_names;
  for (auto& e : call.store.employers().List(filter.region_prefix == "x" ? "" : filter.region_prefix)) {
    employer_names.emplace(e.code, e.name);
    employers.emplace(e.code, std::move(e));
  }
  app::ComplianceService svc(call.store, call.api.data->policies, call.api.clock);
  if (page.sort.empty() && filter.name_prefix.empty()) {
    if (auto body = FirstPagesByKey(call, svc, year, filter, status, page, employers)) {
      return JsonResponse(200, *body);
    }
  }
  RowOrder order{page.sort, page.descending, &employer_names};
  TopK<Row, RowOrder> top(static_cast<size_t>(page.offset + page.limit), order);
  std::vector<Row> in_id_order;  // no sort: the scan's own order, kept only for the page
  std::map<std::string, int64_t> counts;
  int64_t total = 0;
  svc.ForEachInYear(year, filter, false,
                    [&](const storage::PersonFacts& f, const compliance::YearResult& r) {
                      ++counts[std::string(compliance::StatusCode(r.status))];
                      if (status && r.status != *status) return;
                      if (page.sort.empty()) {
                        if (total >= page.offset && total < page.offset + page.limit) {
                          in_id_order.push_back({f, r});
                        }
                      } else {
                        top.Add({f, r});
                      }
                      ++total;
                    });
  std::vector<Row> rows = page.sort.empty() ? std::move(in_id_order) : top.Take();
  json items = json::array();
  const size_t first = page.sort.empty() ? 0 : static_cast<size_t>(page.offset);
  for (size_t i = first; i < rows.size(); ++i) items.push_back(RowJson(call, rows[i], employers));
  AllStatuses(counts);
  return JsonResponse(200, json{{"year", year}, {"counts", counts}, {"items", items},
                                {"total", total}, {"page", page.offset / page.limit + 1},
                                {"page_size", page.limit}});
}

}  // namespace

void AddPersonsComplianceRoutes(Router& r) {
  r.Add({"GET", "/api/v1/compliance/persons", PersonsCompliance, "compliance",
         "专业技术人员: every person of the caller's scope with their compliance for the year; "
         "filters status (未达标名单: not_compliant), region, employer, field, title_level, name; "
         "counts by status",
         false, {Role::kEmployerAdmin, Role::kAuthority, Role::kAdmin},
         {"year", "status", "region", "employer", "field", "title_level", "name", "page",
          "page_size", "sort"}});
}

}  // namespace jixu::http
