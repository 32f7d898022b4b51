// Annual hours certificates in batch (docs/certificates.md#batch): HR for its unit, an authority
// for everyone in its scope or a part of it (employer, region, status), one year at a time. The
// selection is the caller's scope narrowed by the filters, each person checked against the scope
// again; all certificates are issued in one transaction (with an audit entry each and one for
// the batch), then rendered as one PDF with a page per person, or a ZIP of single PDFs.
#include <algorithm>
#include <tuple>

#include "app/compliance_service.hpp"
#include "app/zip_writer.hpp"
#include "certs/certificate_service.hpp"
#include "certs/pdf_certificate.hpp"
#include "http/handlers/common.hpp"
#include "http/handlers/people/statistics_cells.hpp"

namespace jixu::http {
namespace {

const std::vector<Role> kBatchIssuers = {Role::kEmployerAdmin, Role::kAuthority, Role::kAdmin};

struct Selection {
  int year = 0;
  std::string format = "pdf";
  std::string status;
  storage::PersonFilter filter;
  json echo;  ///< the filters as asked, for the audit entry
};

[[noreturn]] void Refuse(const char* code, const char* field, std::string zh, std::string en) {
  throw ApiError(422, {MakeError(code, field, std::move(zh), std::move(en))});
}

/// The caller's scope narrowed by what was asked (a region outside the scope selects nobody).
storage::PersonFilter ScopedFilter(Call& call, const std::string& region) {
  storage::PersonFilter filter;
  const auto& s = call.caller.scope;
  filter.region_prefix = region;
  if (!s.region_prefix.empty()) {
    if (region.empty() || s.region_prefix.rfind(region, 0) == 0) {
      filter.region_prefix = s.region_prefix;
    } else if (region.rfind(s.region_prefix, 0) != 0) {
      filter.region_prefix = "x";  // disjoint: matches no region code
    }
  }
  filter.industry = s.industry;
  filter.employer_code = s.employer_code;
  return filter;
}

/// Reads the selection from a JSON body (POST) or the query (GET, the count).
Selection ReadSelection(Call& call, const json& in) {
  FieldReader f(in);
  Selection sel;
  const auto year = f.Int("year", true, 1990, 2100);
  const auto employer_id = f.Str("employer_id", false, 64);
  const auto region = f.Str("region", false, 12);
  const auto status = f.Str("status", false, 20);
  const auto format = f.Str("format", false, 8);
  if (year && *year > call.api.clock->Today().year()) {
    f.Fail("year", "invalid_year", "年度不能晚于今年", "the year cannot be later than this year");
  }
  if (region && (region->empty() || region->size() % 2 != 0 ||
                 !std::all_of(region->begin(), region->end(), [](char c) { return c >= '0' && c <= '9'; }))) {
    f.Fail("region", "invalid_region", "地区须为2、4或6位行政区划代码",
           "region must be a 2-, 4- or 6-digit administrative division code");
  }
  if (status && !status->empty()) {
    bool known = false;
    for (auto s : {compliance::Status::kCompliant, compliance::Status::kInProgress,
                   compliance::Status::kNotCompliant, compliance::Status::kExempt}) {
      known = known || *status == compliance::StatusCode(s);
    }
    if (!known) {
      f.Fail("status", "invalid_status", "达标状态须为 compliant、in_progress、not_compliant 或 exempt",
             "status must be compliant, in_progress, not_compliant or exempt");
    }
  }
  if (format && *format != "pdf" && *format != "zip") {
    f.Fail("format", "invalid_format", "格式须为 pdf（一个文件，每人一页）或 zip（每人一个PDF）",
           "format must be pdf (one file, a page each) or zip (a PDF each)");
  }
  f.Finish();
  sel.year = static_cast<int>(*year);
  sel.format = format.value_or("pdf");
  sel.status = status.value_or("");
  sel.filter = ScopedFilter(call, region.value_or(""));
  sel.echo = json{{"year", sel.year}, {"format", sel.format}};
  if (region) sel.echo["region"] = *region;
  if (!sel.status.empty()) sel.echo["status"] = sel.status;
  if (employer_id && !employer_id->empty()) {
    const int64_t id = call.api.ids.Decode(kEmployerId, *employer_id);
    auto e = id ? call.store.queries().EmployerById(id) : std::nullopt;
    // The same answer for an unknown employer and one outside the scope.
    if (!e || !EmployerVisible(call, *e)) {
      Refuse("unknown_employer", "employer_id", "无此用人单位，或不在您的管辖范围内",
             "no such employer in your scope");
    }
    if (!sel.filter.employer_code.empty() && sel.filter.employer_code != e->code) {
      sel.filter.region_prefix = "x";
    }
    sel.filter.employer_code = e->code;
    sel.echo["employer_id"] = *employer_id;
    sel.echo["employer_code"] = e->code;
  }
  return sel;
}

/// The persons selected, each in the caller's scope (checked one by one), by employer then name.
std::vector<storage::PersonFacts> Select(Call& call, const Selection& sel) {
  std::vector<storage::PersonFacts> out;
  app::ComplianceService svc(call.store, call.api.data->policies, call.api.clock);
  svc.ForEachInYear(sel.year, sel.filter, false,
                    [&](const storage::PersonFacts& f, const compliance::YearResult& r) {
                      if (!sel.status.empty() && compliance::StatusCode(r.status) != sel.status) return;
                      out.push_back(f);
                    });
  std::erase_if(out, [&](const storage::PersonFacts& f) { return !PersonVisible(call, f.person_id); });
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::tie(a.employer_code, a.name, a.person_id) < std::tie(b.employer_code, b.name, b.person_id);
  });
  return out;
}

void CheckSize(const Call& call, const std::vector<storage::PersonFacts>& persons) {
  const int64_t kMaxBatch = call.api.config.certificate_batch_limit;
  if (persons.empty()) {
    Refuse("nobody_selected", "persons", "所选范围内没有人员", "nobody in the selection");
  }
  const auto n = static_cast<int64_t>(persons.size());
  if (n > kMaxBatch) {
    Refuse("batch_too_large", "persons",
           "所选范围内有 " + std::to_string(n) + " 人，超过单次批量开具上限 " +
               std::to_string(kMaxBatch) + " 人；请按用人单位、地区或达标状态缩小范围后分批开具",
           std::to_string(n) + " persons selected, more than the batch limit of " +
               std::to_string(kMaxBatch) + "; narrow the selection by employer, region or status");
  }
}

Response Count(Call& call) {
  json in = json::object();
  for (const char* k : {"employer_id", "region", "status"}) {
    if (auto v = QueryStr(call.req, k); !v.empty()) in[k] = v;
  }
  in["year"] = YearParam(call);
  const Selection sel = ReadSelection(call, in);
  // The issuers' scopes (employer, region, industry) are all inside sel.filter, so the count is
  // the selection's statistics cells; Issue still checks each person it selects.
  app::ComplianceService svc(call.store, call.api.data->policies, call.api.clock);
  int64_t persons = 0;
  for (const storage::StatCell& c : CellsIn(call, svc, sel.year, sel.filter)) {
    if (sel.status.empty() ||
        compliance::StatusCode(static_cast<compliance::Status>(c.status)) == sel.status) {
      persons += c.persons;
    }
  }
  return JsonResponse(200, json{{"year", sel.year}, {"persons", persons},
                                {"limit", call.api.config.certificate_batch_limit}});
}

std::string SafeFileName(std::string s) {
  for (char& c : s) {
    if (c == '/' || c == '\\' || c == ':' || c == '"' || static_cast<unsigned char>(c) < 0x20) c = '_';
  }
  return s;
}

Response Issue(Call& call) {
  const Selection sel = ReadSelection(call, ParseBody(call.req));
  const auto persons = Select(call, sel);
  CheckSize(call, persons);
  const certs::CertConfig config = certs::CertConfig::FromEnv();
  std::vector<certs::IssuedCertificate> issued;
  issued.reserve(persons.size());
  call.api.writes.Run([&](storage::Store& s) {
    app::ComplianceService compliance(s, call.api.data->policies, call.api.clock);
    certs::KeyRing keys(s, call.api.clock, certs::KeyEncryptionKeyFromEnv());
    certs::CertificateService service(s, compliance, keys, config, call.api.clock);
    json serials = json::array();
    for (const auto& f : persons) {
      auto r = service.IssueAnnual(f.id_number, sel.year);
      if (!r.ok()) throw ApiError(422, {r.error()});
      auto person = s.persons().FindById(f.person_id);
      Audit(s, call, "certificate.issue", "certificate", r.value().row.serial,
            person ? PlaceOfPerson(s, *person) : AuditPlace{}, nullptr,
            json{{"year", sel.year}, {"key_id", r.value().row.key_id}, {"batch", true}});
      serials.push_back(r.value().row.serial);
      issued.push_back(std::move(r.value()));
    }
    json after = sel.echo;
    after["count"] = issued.size();
    after["serials"] = std::move(serials);
    Audit(s, call, "certificate.batch", "certificate", "batch-" + std::to_string(sel.year),
          PlaceOfCaller(s, call.caller), nullptr, after);
  });
  Response r;
  const std::string stem = "xueshi-zhengming-" + std::to_string(sel.year) + "-" + std::to_string(issued.size());
  if (sel.format == "zip") {
    std::vector<app::ZipEntry> entries;
    entries.reserve(issued.size());
    for (size_t i = 0; i < issued.size(); ++i) {
      const auto& c = issued[i];
      entries.push_back({SafeFileName(persons[i].name + "-" + std::to_string(sel.year) + "-" + c.row.serial + ".pdf"),
                         certs::RenderCertificatePdf(c.document, {config.VerifyUrl(c.row.serial), c.row.issued_at})});
    }
    r.content_type = "application/zip";
    r.body = app::ZipArchive(entries);
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + stem + ".zip\"");
  } else {
    std::vector<certs::BookPage> pages;
    pages.reserve(issued.size());
    for (const auto& c : issued) {
      pages.push_back({&c.document, {config.VerifyUrl(c.row.serial), c.row.issued_at, false}});
    }
    r.content_type = "application/pdf";
    r.body = certs::RenderCertificateBook(
        pages, "继续教育学时证明 " + std::to_string(sel.year) + "年度（" + std::to_string(issued.size()) + "份）",
        call.now);
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + stem + ".pdf\"");
  }
  r.status = 201;
  r.headers.emplace_back("X-Certificates-Issued", std::to_string(issued.size()));
  return r;
}

}  // namespace

void AddCertificateBatchRoutes(Router& r) {
  r.Add({"GET", "/api/v1/certificates/batch", Count, "certificates",
         "how many persons a batch of annual hours certificates would cover, and the limit",
         false, kBatchIssuers, {"year", "employer_id", "region", "status"}});
  r.Add({"POST", "/api/v1/certificates/batch", Issue, "certificates",
         "issue the annual hours certificate of a year for everyone selected in the caller's scope "
         "({\"year\": Y, \"employer_id\"?, \"region\"?, \"status\"?, \"format\": \"pdf\"|\"zip\"}); "
         "one PDF with a page each, or a ZIP of PDFs; at most `serve --certificate-batch-limit` "
         "persons (1000)",
         false, kBatchIssuers, {}, "json"});
}

}  // namespace jixu::http
