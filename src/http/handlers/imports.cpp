// CSV imports over HTTP: the same importer, rules and line-numbered errors as `jixu import`,
// answered as JSON. First a dry run on a read connection (nothing written; every bad row
// reported), then the real import as one write of the group commit, with its audit entry.
// Callers other than the admin may import only rows inside their scope, checked row by row.
#include "app/csv_reader.hpp"
#include "app/importer.hpp"
#include "app/importer_columns.hpp"
#include "http/handlers/common.hpp"

namespace jixu::http {
namespace {

using app::import::Col;

json ReportJson(const app::ImportReport& r) {
  json errors = json::array();
  for (const auto& e : r.errors) {
    errors.push_back({{"line", e.line}, {"field", e.field}, {"code", e.code},
                      {"message_zh", e.message_zh}, {"message_en", e.message_en}});
  }
  return json{{"kind", std::string(app::ImportKindCode(r.kind))}, {"rows", r.rows},
              {"inserted", r.inserted}, {"updated", r.updated}, {"unchanged", r.unchanged},
              {"committed", r.committed}, {"error_count", r.error_count}, {"errors", errors}};
}

bool KindAllowed(const Caller& c, app::ImportKind k) {
  using K = app::ImportKind;
  switch (c.user.role) {
    case Role::kAdmin: return true;
    case Role::kAuthority: return true;
    case Role::kEmployerAdmin: return k == K::kPersons || k == K::kRecords;
    case Role::kProviderAdmin: return k == K::kRecords;
    default: return false;
  }
}

/// Rows outside the caller's scope, as import errors with their lines.
std::vector<app::ImportError> ScopeErrors(Call& call, app::ImportKind kind, const std::string& csv) {
  std::vector<app::ImportError> out;
  const auto& u = call.caller.user;
  if (u.role == Role::kAdmin) return out;
  auto reader = app::CsvReader::FromString(csv);
  app::Row header;
  if (!reader.Next(header)) return out;
  std::vector<app::ImportError> header_errors;
  auto cols = app::import::ColumnMap::FromHeader(kind, header, header_errors);
  if (!header_errors.empty()) return out;  // the importer reports those
  app::Row row;
  auto refuse = [&](int64_t line, const char* field) {
    out.push_back({line, field, "out_of_scope", "该行超出您的管辖范围", "this row is outside your scope"});
  };
  while (reader.Next(row) && out.size() < 1000) {
    if (row.fields.size() == 1 && row.fields[0].empty()) continue;
    const auto get = [&](Col c) { return cols.has(c) ? std::string(cols.Get(row, c)) : std::string(); };
    if (kind == app::ImportKind::kRecords) {
      if (u.role == Role::kProviderAdmin) {
        if (get(Col::kProvider) != u.provider_code) refuse(row.line, "provider");
        continue;
      }
      auto p = call.store.persons().FindByIdNumber(get(Col::kIdNumber));
      if (p && !PersonVisible(call, p->id)) refuse(row.line, "id_number");
    } else if (u.role == Role::kEmployerAdmin) {
      if (get(Col::kEmployerCode) != u.employer_code) refuse(row.line, "employer_code");
    } else if (get(Col::kRegionCode).rfind(u.region_prefix, 0) != 0) {
      refuse(row.line, "region_code");
    }
  }
  return out;
}

Response Import(Call& call) {
  auto kind = app::ParseImportKind(call.req.Param("kind"));
  if (!kind) ThrowNotFound();
  if (!KindAllowed(call.caller, *kind)) ThrowForbidden();
  const std::string& csv = call.req.body;
  if (csv.empty()) ThrowBadRequest("body", "CSV 文件为空", "the CSV file is empty", "empty_file");
  app::ImportContext ctx;
  ctx.regions = &call.api.data->regions;
  ctx.today = call.api.clock->Today();
  auto scope_errors = ScopeErrors(call, *kind, csv);
  if (!scope_errors.empty()) {
    app::ImportReport r;
    r.kind = *kind;
    r.error_count = static_cast<int64_t>(scope_errors.size());
    r.errors = std::move(scope_errors);
    return JsonResponse(422, ReportJson(r));
  }
  ctx.dry_run = true;
  {
    auto reader = app::CsvReader::FromString(csv);
    const auto dry = app::ImportRows(call.store, *kind, reader, ctx);
    if (!dry.ok()) return JsonResponse(422, ReportJson(dry));
  }
  ctx.dry_run = false;
  app::ImportReport report;
  call.api.writes.Run([&](storage::Store& s) {
    auto reader = app::CsvReader::FromString(csv);
    report = app::ImportRows(s, *kind, reader, ctx);
    if (!report.ok()) {
      // The data changed since the dry run; nothing of this import is kept.
      throw ApiError(422, {MakeError("import_rejected", "body", "导入被拒绝，请重试查看错误",
                                     "the import was rejected; retry to see the errors")});
    }
    const AuditPlace place = PlaceOfCaller(s, call.caller);
    Audit(s, call, "import." + std::string(app::ImportKindCode(*kind)), "import", "", place,
          nullptr, json{{"rows", report.rows}, {"inserted", report.inserted},
                        {"updated", report.updated}, {"unchanged", report.unchanged}});
  });
  return JsonResponse(200, ReportJson(report));
}

}  // namespace

void AddImportRoutes(Router& r) {
  r.Add({"POST", "/api/v1/imports/{kind}", Import, "imports",
         "CSV import of persons|records|employers|providers: all-or-nothing, errors by line",
         false, {Role::kEmployerAdmin, Role::kProviderAdmin, Role::kAuthority, Role::kAdmin}, {}, "csv"});
}

}  // namespace jixu::http
