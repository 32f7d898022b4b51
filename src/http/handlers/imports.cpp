// CSV imports over HTTP: the same importer, rules and line-numbered errors as `jixu import`,
// answered as JSON. First a dry run on a read connection (nothing written; every bad row
// reported), then the real import as one write of the group commit, with its audit entry.
// Callers other than the admin may import only rows inside their scope, checked row by row by
// the rules of the single-row routes (app/importer_scope.hpp); the audit names what changed.
#include <algorithm>

#include "app/csv_reader.hpp"
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
  auto kind = app::ParseImportKind(call.req.Param("kind"));
  if (!kind) ThrowNotFound();
  if (!KindAllowed(call.caller, *kind)) ThrowForbidden();
  // A provider's records are hours it reports: only while it is approved (issue 11).
  const bool provider_report = call.caller.Is(Role::kProviderAdmin);
  if (provider_report) {
    RequireProviderOperating(call, call.store, call.caller.user.provider_code,
                             market::ProviderActivity::kReportHours);
  }
  const std::string& csv = call.req.body;
  if (csv.empty()) ThrowBadRequest("body", "CSV 文件为空", "the CSV file is empty", "empty_file");
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
    if (!dry.ok()) return JsonResponse(422, ReportJson(dry));
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
  return JsonResponse(200, ReportJson(report));
}

}  // namespace

void AddImportRoutes(Router& r) {
  r.Add({"POST", "/api/v1/imports/{kind}", Import, "imports",
         "CSV import of persons|records|employers|providers: all-or-nothing, errors by line; "
         "every row inside the caller's scope (docs/api.md#imports)",
         false, {Role::kEmployerAdmin, Role::kProviderAdmin, Role::kAuthority, Role::kAdmin}, {}, "csv"});
}

}  // namespace jixu::http
