// `jixu export compliance|persons|statistics --year Y --out FILE.xlsx`.
#include "app/compliance_service.hpp"
#include "app/xlsx_export.hpp"
#include "cli/commands.hpp"
#include "cli/options.hpp"

namespace jixu::cli {
namespace {

struct ExportArgs {
  std::string what;
  std::string out;
  std::optional<int64_t> year;
  std::string region, employer, field;
};

int RunExport(const Env& env, const ExportArgs& args) {
  const std::string& what = args.what;
  const std::string& out = args.out;
  storage::PersonFilter filter;
  filter.region_prefix = args.region;
  filter.employer_code = args.employer;
  filter.field = args.field;
  if (what != "persons" && !args.year) throw UsageError{"export " + what + " needs --year Y"};
  auto store = storage::OpenStore(env.store);
  app::ExportCounts counts;
  if (what == "persons") {
    counts = app::ExportPersonsXlsx(*store, filter, out);
  } else {
    const int year = static_cast<int>(*args.year);
    app::ComplianceService service(*store, env.data().policies, env.clock);
    counts = what == "compliance"
                 ? app::ExportComplianceXlsx(service, year, filter, out)
                 : app::ExportStatisticsXlsx(service, year, filter, env.data().regions, out);
  }
  env.out << "已导出 / exported " << counts.rows << " rows: " << out << '\n';
  return kExitOk;
}

}  // namespace

void AddExport(CommandSet& set) {
  auto a = std::make_shared<ExportArgs>();
  CLI::App* c = set.root().add_subcommand(
      "export", "导出Excel / Excel export with Chinese headers");
  c->add_option("WHAT", a->what, "persons: the roster; compliance, statistics: a year's results")
      ->required()
      ->check(OneOf({"compliance", "persons", "statistics"}));
  c->add_option("--out", a->out, "the .xlsx file to write")->required();
  c->add_option("--year", a->year, "the year (compliance and statistics)")
      ->check(WholeNumber(1990, 2100));
  AddPersonFilterOptions(*c, a->region, a->employer, a->field);
  set.Add(c, [a](const Env& env) { return RunExport(env, *a); });
}

}  // namespace jixu::cli
