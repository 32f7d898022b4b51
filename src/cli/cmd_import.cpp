// `jixu import` and `jixu migrate-data`.
#include <chrono>
#include <ostream>

#include "app/audit_log.hpp"
#include "app/importer.hpp"
#include "app/xlsx_reader.hpp"
#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "storage/migrate_data.hpp"

namespace jixu::cli {
namespace {

void PrintImportErrors(std::ostream& err, const app::ImportReport& report) {
  err << "导入被拒绝，未写入任何数据 / import rejected, nothing written: " << report.error_count
      << " error(s)\n";
  for (const auto& e : report.errors) {
    err << "  ";
    if (e.line > 0) err << "第" << e.line << "行 line " << e.line << ", ";
    if (!e.field.empty()) err << e.field << ": ";
    err << e.message_zh << " / " << e.message_en << '\n';
  }
  if (report.error_count > static_cast<int64_t>(report.errors.size())) {
    err << "  … " << report.error_count - static_cast<int64_t>(report.errors.size())
        << " more not listed / 其余未列出\n";
  }
}

}  // namespace

void AuditCliImport(storage::Store& store, const Env& env, app::ImportKind kind,
                    const app::ImportReport& report) {
  storage::AuditEntry e;
  e.at = env.clock->NowUnixSeconds();
  const char* user = std::getenv("USER");
  e.actor = std::string("cli:") + (user != nullptr ? user : "unknown");
  e.actor_role = "cli";
  e.action = "import." + std::string(app::ImportKindCode(kind));
  e.entity = "import";
  e.after_json = "{\"rows\":" + std::to_string(report.rows) + ",\"inserted\":" +
                 std::to_string(report.inserted) + ",\"updated\":" + std::to_string(report.updated) +
                 ",\"unchanged\":" + std::to_string(report.unchanged) + "}";
  app::AppendAudit(store, env.AuditKeyForWriting(store), e);
}

int RunImport(const Env& env, const Argv& argv) {
  Args args(argv, {}, {"dry-run", "quiet"});
  if (args.positional().size() != 2) {
    throw UsageError{"import needs a kind (persons|records|employers|providers) and a file"};
  }
  const auto kind = app::ParseImportKind(args.positional()[0]);
  if (!kind) {
    throw UsageError{"unknown import kind '" + args.positional()[0] +
                     "' (persons|records|employers|providers)"};
  }
  auto store = storage::OpenStore(env.store);
  app::ImportContext ctx;
  ctx.regions = &env.data().regions;
  ctx.today = env.clock->Today();
  ctx.dry_run = args.Has("dry-run");
  const auto start = std::chrono::steady_clock::now();
  if (!args.Has("quiet")) {
    ctx.progress = [&](const app::ImportProgress& p) {
      env.err << "\r  " << p.rows << " rows" << (p.errors ? ", " : "")
              << (p.errors ? std::to_string(p.errors) + " errors" : "") << std::flush;
    };
  }
  // The import and its audit entry commit together (docs/api.md#audit); a rejected import
  // leaves the unit uncommitted, so nothing is written and nothing is audited.
  auto uow = store->Begin();
  const std::string& path = args.positional()[1];
  // An .xlsx is recognised by its content (a ZIP package) or its name; anything else is CSV.
  const app::ImportReport report = app::LooksLikeXlsx(path)
                                       ? app::ImportXlsx(*store, *kind, path, ctx)
                                       : app::Import(*store, *kind, path, ctx);
  if (ctx.progress) env.err << '\n';
  if (!report.ok()) {
    PrintImportErrors(env.err, report);
    return kExitInvalidInput;
  }
  if (!ctx.dry_run) AuditCliImport(*store, env, *kind, report);
  uow->Commit();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  env.out << (ctx.dry_run ? "检查通过（未写入）/ checked, nothing written: "
                          : "导入完成 / imported: ")
          << report.rows << " rows: " << report.inserted << " new, " << report.updated
          << " updated, " << report.unchanged << " unchanged (" << seconds << " s)\n";
  return kExitOk;
}

int RunMigrateData(const Env& env, const Argv& argv) {
  Args args(argv, {"to"}, {});
  const auto to = args.Get("to");
  if (!to || !args.positional().empty()) throw UsageError{"migrate-data needs --to URL"};
  auto from = storage::OpenStore(env.store);
  storage::StoreConfig target_config;
  if (to->rfind("postgres", 0) == 0) {
    target_config.database_url = *to;
  } else {
    target_config.sqlite_path = *to;
  }
  auto target = storage::OpenStore(target_config);
  const auto report = storage::MigrateData(*from, *target, [&](const storage::MigrateProgress& p) {
    env.err << "\r  " << p.phase << ' ' << p.table << ' ' << p.done << "          " << std::flush;
  });
  env.err << '\n';
  for (size_t i = 0; i < report.target.size(); ++i) {
    env.out << report.target[i].table << ": " << report.target[i].rows << " rows, checksum "
            << std::hex << report.target[i].checksum << std::dec << " (matches source)\n";
  }
  return kExitOk;
}

}  // namespace jixu::cli
