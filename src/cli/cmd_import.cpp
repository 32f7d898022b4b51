// `jixu import` and `jixu migrate-data`.
#include <chrono>
#include <ostream>

#include "app/audit_log.hpp"
#include "app/importer.hpp"
#include "app/xlsx_reader.hpp"
#include "cli/commands.hpp"
#include "cli/options.hpp"
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

struct ImportArgs {
  std::string kind;
  std::string file;
  bool dry_run = false;
  bool quiet = false;
};

int RunImport(const Env& env, const ImportArgs& args) {
  const auto kind = app::ParseImportKind(args.kind);
  if (!kind) throw UsageError{"unknown import kind '" + args.kind + "'"};
  auto store = storage::OpenStore(env.store);
  app::ImportContext ctx;
  ctx.regions = &env.data().regions;
  ctx.today = env.clock->Today();
  ctx.dry_run = args.dry_run;
  const auto start = std::chrono::steady_clock::now();
  if (!args.quiet) {
    ctx.progress = [&](const app::ImportProgress& p) {
      env.err << "\r  " << p.rows << " rows" << (p.errors ? ", " : "")
              << (p.errors ? std::to_string(p.errors) + " errors" : "") << std::flush;
    };
  }
  // The import and its audit entry commit together (docs/api.md#audit); a rejected import
  // leaves the unit uncommitted, so nothing is written and nothing is audited.
  auto uow = store->Begin();
  const std::string& path = args.file;
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

int RunMigrateData(const Env& env, const std::string& to) {
  auto from = storage::OpenStore(env.store);
  storage::StoreConfig target_config;
  if (to.rfind("postgres", 0) == 0) {
    target_config.database_url = to;
  } else {
    target_config.sqlite_path = to;
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

}  // namespace

void AddImport(CommandSet& set) {
  auto a = std::make_shared<ImportArgs>();
  CLI::App* c = set.root().add_subcommand(
      "import", "批量导入 / bulk import from CSV or .xlsx, all-or-nothing, errors by line");
  c->add_option("KIND", a->kind, "what the file holds")
      ->required()
      ->check(OneOf({"persons", "records", "employers", "providers"}));
  c->add_option("FILE", a->file, "the .csv or .xlsx file (first row: the column names)")
      ->required();
  c->add_flag("--dry-run", a->dry_run, "check every row, write nothing");
  c->add_flag("--quiet", a->quiet, "no progress on stderr");
  set.Add(c, [a](const Env& env) { return RunImport(env, *a); });
}

void AddMigrateData(CommandSet& set) {
  auto to = std::make_shared<std::string>();
  CLI::App* c = set.root().add_subcommand(
      "migrate-data", "迁移数据 / copy every table to another (empty) database, verified");
  c->add_option("--to", *to, "the target: a postgresql:// URL or a SQLite file")->required();
  set.Add(c, [to](const Env& env) { return RunMigrateData(env, *to); });
}

}  // namespace jixu::cli
