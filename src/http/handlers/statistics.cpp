// Statistics (Art. 10, SPEC §3.7) in one call: persons, compliance and hours of the caller's
// scope by sub-region, field, title level and employer type, hours by form and category, and a
// trend by year. Fed from the per-person-year summaries (ComplianceService's scan), never from
// the records. Excel exports of the compliance table, the roster and the statistics reuse the
// `jixu export` writers (app/xlsx_export.hpp).
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "app/compliance_service.hpp"
#include "app/xlsx_export.hpp"
#include "http/handlers/common.hpp"
#include "http/handlers/people/scoped_filter.hpp"

namespace jixu::http {
namespace {

const std::vector<Role> kReaders = {Role::kEmployerAdmin, Role::kAuthority, Role::kAdmin};

struct Tally {
  int64_t persons = 0;
  int64_t compliant = 0;
  Hours professional;
  Hours pub;

  void Add(const records::YearTotals& t, const compliance::YearResult& r) {
    ++persons;
    if (r.status == compliance::Status::kCompliant) ++compliant;
    professional += t.CategoryTotal(records::Category::kProfessional);
    pub += t.CategoryTotal(records::Category::kPublic);
  }
  json Json(const std::string& key) const {
    const Hours hours = professional + pub;
    return {{"key", key}, {"persons", persons}, {"compliant", compliant},
            {"compliance_rate", persons ? static_cast<double>(compliant) / persons : 0.0},
            {"hours", hours.ToDouble()}, {"professional_hours", professional.ToDouble()},
            {"public_hours", pub.ToDouble()}};
  }
};

json Buckets(const std::map<std::string, Tally>& m) {
  json out = json::array();
  for (const auto& [k, t] : m) out.push_back(t.Json(k));
  return out;
}

/// Region buckets named from the region table at their own level (province, city or county).
json RegionBuckets(const std::map<std::string, Tally>& m, const validate::RegionTable& regions) {
  json out = json::array();
  for (const auto& [k, t] : m) {
    json b = t.Json(k);
    if (auto name = regions.NameOfPrefix(k); !name.empty()) b["label_zh"] = name;
    out.push_back(std::move(b));
  }
  return out;
}

storage::PersonFilter ScopedFilter(Call& call) { return ScopedPersonFilter(call); }

app::ComplianceService Service(Call& call) {
  return app::ComplianceService(call.store, call.api.data->policies, call.api.clock);
}

/// Employer code → type code, for the persons' employers inside the filter's region.
std::map<std::string, std::string> EmployerTypes(Call& call, const storage::PersonFilter& f) {
  std::map<std::string, std::string> out;
  if (!f.employer_code.empty()) {
    if (auto e = call.store.employers().FindByCode(f.employer_code)) {
      out[e->code] = std::string(records::EmployerTypeCode(e->type));
    }
    return out;
  }
  for (const auto& e : call.store.employers().List("")) {
    out[e.code] = std::string(records::EmployerTypeCode(e.type));
  }
  return out;
}

Response Statistics(Call& call) {
  const int year = YearParam(call);
  const int to = static_cast<int>(QueryInt(call.req, "to", 1990, 2100).value_or(year));
  const int from = static_cast<int>(QueryInt(call.req, "from", 1990, 2100).value_or(to - 4));
  if (from > to || to - from > 20) {
    ThrowBadRequest("from", "from 须不晚于 to，且跨度不超过20年", "from must be <= to, at most 20 years apart");
  }
  const storage::PersonFilter filter = ScopedFilter(call);
  const auto types = EmployerTypes(call, filter);
  const size_t sub_len = filter.region_prefix.size() < 2 ? 2 : filter.region_prefix.size() < 4 ? 4 : 6;
  Tally all;
  std::map<std::string, Tally> by_region, by_field, by_title, by_type;
  std::map<std::string, int64_t> by_status;
  std::map<std::string, std::array<Hours, records::kCategoryCount>> by_form;
  auto svc = Service(call);
  svc.ForEachInYearWithTotals(year, filter, [&](const storage::PersonFacts& p,
                                                const records::YearTotals& t,
                                                const compliance::YearResult& r) {
    all.Add(t, r);
    by_region[p.region_code.substr(0, sub_len)].Add(t, r);
    by_field[p.field].Add(t, r);
    by_title[std::string(records::TitleLevelCode(p.title_level))].Add(t, r);
    auto it = types.find(p.employer_code);
    by_type[it == types.end() ? std::string("none") : it->second].Add(t, r);
    ++by_status[std::string(compliance::StatusCode(r.status))];
    for (int f = 0; f < records::kFormCount; ++f) {
      const auto form = static_cast<records::Form>(f);
      for (int c = 0; c < records::kCategoryCount; ++c) {
        const Hours h = t.at(static_cast<records::Category>(c), form);
        if (h.centi() != 0) by_form[std::string(records::FormCode(form))][c] += h;
      }
    }
  });
  json forms = json::array();
  for (const auto& [k, h] : by_form) {
    forms.push_back({{"key", k}, {"hours", (h[0] + h[1]).ToDouble()},
                     {"professional_hours", h[0].ToDouble()}, {"public_hours", h[1].ToDouble()}});
  }
  json statuses = json::array();
  for (const auto& [k, n] : by_status) statuses.push_back({{"key", k}, {"persons", n}});
  json trend = json::array();
  for (int y = from; y <= to; ++y) {
    Tally t;
    if (y == year) {
      t = all;
    } else {
      svc.ForEachInYearWithTotals(y, filter, [&](const storage::PersonFacts&,
                                                 const records::YearTotals& tot,
                                                 const compliance::YearResult& r) { t.Add(tot, r); });
    }
    json j = t.Json(std::to_string(y));
    j["hours_total"] = j["hours"];
    j["hours"] = t.persons ? (t.professional + t.pub).ToDouble() / t.persons : 0.0;  // per head
    trend.push_back(std::move(j));
  }
  json body = all.Json("all");
  body.erase("key");
  body["year"] = year;
  body["region"] = filter.region_prefix == "x" ? "" : filter.region_prefix;
  body["by_region"] = RegionBuckets(by_region, call.api.data->regions);
  body["by_field"] = Buckets(by_field);
  body["by_title_level"] = Buckets(by_title);
  body["by_employer_type"] = Buckets(by_type);
  body["by_status"] = statuses;
  body["by_form"] = forms;
  body["by_category"] = json::array(
      {{{"key", "professional"}, {"hours", all.professional.ToDouble()}},
       {{"key", "public"}, {"hours", all.pub.ToDouble()}}});
  body["trend"] = trend;
  return JsonResponse(200, body);
}

/// Runs one of the `jixu export` writers into a temporary file and answers its bytes.
template <typename Fn>
Response XlsxDownload(const std::string& name, Fn&& write) {
  char tmpl[] = "/tmp/jixu-export-XXXXXX";
  const int fd = ::mkstemp(tmpl);
  if (fd < 0) throw Fault("io_error", "cannot create a temporary file");
  ::close(fd);
  const std::string path = std::string(tmpl) + ".xlsx";
  std::filesystem::rename(tmpl, path);
  Response r;
  try {
    write(path);
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    r.body = s.str();
  } catch (...) {
    std::filesystem::remove(path);
    throw;
  }
  std::filesystem::remove(path);
  r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + "\"");
  return r;
}

/// Full ID numbers in an export only for whom the JSON API shows them in full (SeesFullIdNumber:
/// the person, their employer's admin, an admin); an authority's sheet holds them masked.
app::FullIdNumberRule FullIdNumbersFor(const Caller& caller) {
  return [&caller](const storage::PersonFacts& f) {
    records::Person p;
    p.id = f.person_id;
    p.employer_code = f.employer_code;
    return SeesFullIdNumber(caller, p);
  };
}

Response ExportCompliance(Call& call) {
  const int year = YearParam(call);
  const auto filter = ScopedPersonFilter(call, true);
  std::optional<compliance::Status> status;
  if (auto s = QueryStr(call.req, "status"); !s.empty()) {
    for (auto st : {compliance::Status::kCompliant, compliance::Status::kInProgress,
                    compliance::Status::kNotCompliant, compliance::Status::kExempt}) {
      if (compliance::StatusCode(st) == s) status = st;
    }
    if (!status) {
      ThrowBadRequest("status", "未知的达标状态（compliant、in_progress、not_compliant、exempt）",
                      "unknown status (compliant, in_progress, not_compliant, exempt)");
    }
  }
  auto svc = Service(call);
  return XlsxDownload("compliance-" + std::to_string(year) + ".xlsx", [&](const std::string& p) {
    app::ExportComplianceXlsx(svc, year, filter, p, status, FullIdNumbersFor(call.caller));
  });
}

Response ExportRoster(Call& call) {
  const auto filter = ScopedFilter(call);
  return XlsxDownload("roster.xlsx", [&](const std::string& p) {
    app::ExportPersonsXlsx(call.store, filter, p, FullIdNumbersFor(call.caller));
  });
}

Response ExportStatistics(Call& call) {
  const int year = YearParam(call);
  const auto filter = ScopedFilter(call);
  auto svc = Service(call);
  return XlsxDownload("statistics-" + std::to_string(year) + ".xlsx", [&](const std::string& p) {
    app::ExportStatisticsXlsx(svc, year, filter, call.api.data->regions, p);
  });
}

}  // namespace

void AddStatisticsRoutes(Router& r) {
  const std::vector<std::string> q = {"year", "region", "employer", "field", "title_level"};
  r.Add({"GET", "/api/v1/statistics", Statistics, "statistics",
         "statistics of the caller's scope: by region, field, title level, employer type, form, "
         "category, status, and a trend by year",
         false, kReaders, {"year", "from", "to", "region", "employer", "field", "title_level"}});
  r.Add({"GET", "/api/v1/exports/compliance.xlsx", ExportCompliance, "exports",
         "达标情况 .xlsx (Chinese headers) of the caller's scope; status and name filter as "
         "GET /compliance/persons",
         false, kReaders, {"year", "region", "employer", "field", "title_level", "status", "name"}});
  r.Add({"GET", "/api/v1/exports/roster.xlsx", ExportRoster, "exports",
         "人员名册 .xlsx (the import's headers, full ID numbers: employer admins and admins only)",
         false, {Role::kEmployerAdmin, Role::kAdmin}, q});
  r.Add({"GET", "/api/v1/exports/statistics.xlsx", ExportStatistics, "exports",
         "统计 .xlsx of the caller's scope: a row per division below its level (city, county) and per field", false, kReaders, q});
}

}  // namespace jixu::http
