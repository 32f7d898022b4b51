// CSV imports over HTTP: the same importer, rules and line-numbered errors as `jixu import`,
// answered as JSON. First a dry run on a read connection (nothing written; every bad row
// reported), then the real import as one write of the group commit, with its audit entry.
// Callers other than the admin may import only rows inside their scope, checked row by row by
// the rules of the single-row routes (app/importer_scope.hpp); the audit names what changed.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/csv_reader.hpp"
#include "app/import/encoding.hpp"
#include "app/import/template.hpp"
#include "app/importer.hpp"
#include "http/handlers/common.hpp"
#include "http/handlers/market/standing.hpp"

namespace jixu::http {
namespace {

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

/// The kind named by {kind}: 404 if there is none, 403 if the caller may not import it.
app::ImportKind KindOf(Call& call) {
  auto kind = app::ParseImportKind(call.req.Param("kind"));
  if (!kind) ThrowNotFound();
  if (!KindAllowed(call.caller, *kind)) ThrowForbidden();
  return *kind;
}

/// The opaque id of an imported entity of this kind.
char IdType(app::ImportKind kind) {
  switch (kind) {
    case app::ImportKind::kEmployers: return kEmployerId;
    case app::ImportKind::kProviders: return kProviderId;
    default: return kPersonId;
  }
}

json IdList(const Api& api, char type, const std::vector<int64_t>& ids) {
  json out = json::array();
  for (auto id : ids) out.push_back(api.ids.Encode(type, id));
  return out;
}

json MoveJson(const Api& api, app::ImportKind kind, const app::ImportMove& m) {
  json j{{"id", api.ids.Encode(IdType(kind), m.id)}};
  if (kind == app::ImportKind::kPersons) {
    j["from_employer"] = m.from_employer;
    j["to_employer"] = m.to_employer;
  }
  j["from_region"] = m.from_region;
  j["to_region"] = m.to_region;
  return j;
}

/// Moves listed in one audit entry; the rest go to continuation entries of the same size.
constexpr size_t kMovesPerEntry = 1000;

/// The audit of a committed import (docs/api.md#imports): counts, created and updated ids (the
/// first ImportChanges::list_cap of each), and every move, kMovesPerEntry to an entry.
void AuditImport(storage::Store& s, const Call& call, app::ImportKind kind,
                 const app::ImportReport& report, const app::ImportChanges& changes) {
  const std::string action = "import." + std::string(app::ImportKindCode(kind));
  // Where the caller's organisation lies, so every authority over it sees the import.
  const AuditPlace place = PlaceOfCaller(s, call.caller);
  json after{{"rows", report.rows}, {"inserted", report.inserted}, {"updated", report.updated},
             {"unchanged", report.unchanged}, {"listed_max", changes.list_cap}};
  const char type = IdType(kind);
  if (kind == app::ImportKind::kRecords) {
    after["persons"] = IdList(call.api, kPersonId, changes.persons);
    after["persons_count"] = changes.persons_count;
  } else {
    after["created_ids"] = IdList(call.api, type, changes.created);
    after["created_count"] = changes.created_count;
    after["updated_ids"] = IdList(call.api, type, changes.updated);
    after["updated_count"] = changes.updated_count;
    after["moved_count"] = changes.moved.size();
  }
  const size_t parts = std::max<size_t>(1, (changes.moved.size() + kMovesPerEntry - 1) / kMovesPerEntry);
  for (size_t part = 0; part < parts; ++part) {
    json entry = part == 0 ? after : json{{"moved_count", changes.moved.size()}};
    if (kind != app::ImportKind::kRecords) {
      json moved = json::array();
      const size_t end = std::min(changes.moved.size(), (part + 1) * kMovesPerEntry);
      for (size_t i = part * kMovesPerEntry; i < end; ++i) {
        moved.push_back(MoveJson(call.api, kind, changes.moved[i]));
      }
      entry["moved"] = std::move(moved);
    }
    if (parts > 1) {
      entry["part"] = part + 1;
      entry["parts"] = parts;
    }
    Audit(s, call, part == 0 ? action : action + ".moved", "import", "", place, nullptr, entry);
  }
}

Response Import(Call& call) {
  const auto kind = std::optional(KindOf(call));
  // A provider's records are hours it reports: only while it is approved (issue 11).
  const bool provider_report = call.caller.Is(Role::kProviderAdmin);
  if (provider_report) {
    RequireProviderOperating(call, call.store, call.caller.user.provider_code,
                             market::ProviderActivity::kReportHours);
  }
  if (call.req.body.empty()) ThrowBadRequest("body", "CSV 文件为空", "the CSV file is empty", "empty_file");
  // GB18030/GBK (Chinese Excel's CSV) is converted; anything else goes on as sent, and the
  // importer names the lines that are not UTF-8.
  auto decoded = app::import::DecodeCsvText(call.req.body);
  const std::string encoding = decoded ? decoded->encoding : "";
  const std::string& csv = decoded ? decoded->text : call.req.body;
  app::ImportContext ctx;
  ctx.regions = &call.api.data->regions;
  ctx.today = call.api.clock->Today();
  // Every row inside the caller's scope, checked by the importer in its own transaction (the
  // dry run and again the real one), so nothing changes between check and write.
  ctx.scope = call.caller.scope;
  ctx.dry_run = true;
  {
    auto reader = app::CsvReader::FromString(csv);
    const auto dry = app::ImportRows(call.store, *kind, reader, ctx);
    if (!dry.ok()) {
      json j = ReportJson(dry);
      if (!encoding.empty()) j["encoding"] = encoding;
      return JsonResponse(422, j);
    }
  }
  ctx.dry_run = false;
  app::ImportReport report;
  call.api.writes.Run([&](storage::Store& s) {
    if (provider_report) {
      RequireProviderOperating(call, s, call.caller.user.provider_code,
                               market::ProviderActivity::kReportHours);
    }
    app::ImportChanges changes;  // here: the write may run twice (write_queue.hpp)
    ctx.changes = &changes;
    auto reader = app::CsvReader::FromString(csv);
    report = app::ImportRows(s, *kind, reader, ctx);
    ctx.changes = nullptr;
    if (!report.ok()) {
      // The data changed since the dry run; nothing of this import is kept.
      throw ApiError(422, {MakeError("import_rejected", "body", "导入被拒绝，请重试查看错误",
                                     "the import was rejected; retry to see the errors")});
    }
    AuditImport(s, call, *kind, report, changes);
  });
  json j = ReportJson(report);
  if (!encoding.empty()) j["encoding"] = encoding;
  return JsonResponse(200, j);
}

/// The columns of a kind, so the page lists the required ones by their Chinese names.
Response Columns(Call& call) {
  const auto kind = KindOf(call);
  json items = json::array();
  for (const auto& c : app::import::TemplateColumns(kind)) {
    items.push_back({{"name", c.name}, {"zh", c.zh}, {"required", c.required}, {"values_zh", c.values_zh},
                     {"hint_zh", c.hint_zh}, {"sample", c.sample}});
  }
  return JsonResponse(200, json{{"kind", std::string(app::ImportKindCode(kind))},
                                {"name_zh", app::import::KindNameZh(kind)}, {"columns", items}});
}

/// The .xlsx template of a kind (written to a temporary file by libxlsxwriter, then answered).
Response Template(Call& call) {
  const auto kind = KindOf(call);
  char tmpl[] = "/tmp/jixu-template-XXXXXX";
  const int fd = ::mkstemp(tmpl);
  if (fd < 0) throw Fault("io_error", "cannot create a temporary file");
  ::close(fd);
  const std::string path = std::string(tmpl) + ".xlsx";
  std::filesystem::rename(tmpl, path);
  Response r;
  try {
    app::import::WriteTemplate(kind, path);
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    r.body = bytes.str();
  } catch (...) {
    std::filesystem::remove(path);
    throw;
  }
  std::filesystem::remove(path);
  r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"import-" +
                                                    std::string(app::ImportKindCode(kind)) + ".xlsx\"");
  return r;
}

}  // namespace

void AddImportRoutes(Router& r) {
  const std::vector<Role> importers = {Role::kEmployerAdmin, Role::kProviderAdmin, Role::kAuthority, Role::kAdmin};
  r.Add({"GET", "/api/v1/imports/{kind}/columns", Columns, "imports",
         "the columns of an import kind: canonical and Chinese names, required or not, the values "
         "an enumeration accepts, a sample", false, importers});
  r.Add({"GET", "/api/v1/imports/{kind}/template.xlsx", Template, "imports",
         "the .xlsx template of an import kind (Chinese headers, a sample row, drop-down lists for "
         "enumerations, code columns as text, an instructions sheet)", false, importers});
  r.Add({"POST", "/api/v1/imports/{kind}", Import, "imports",
         "CSV import of persons|records|employers|providers: all-or-nothing, errors by line; "
         "every row inside the caller's scope (docs/api.md#imports)",
         false, {Role::kEmployerAdmin, Role::kProviderAdmin, Role::kAuthority, Role::kAdmin}, {}, "csv"});
}

}  // namespace jixu::http
