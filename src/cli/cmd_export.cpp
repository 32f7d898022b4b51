// `jixu export compliance|persons|statistics --year Y --out FILE.xlsx`.
#include "app/compliance_service.hpp"
#include "app/xlsx_export.hpp"
#include "cli/args.hpp"
#include "cli/commands.hpp"

namespace jixu::cli {

int RunExport(const Env& env, const Argv& argv) {
  Args args(argv, {"year", "out", "region", "employer", "field"}, {});
  if (args.positional().size() != 1 || !args.Has("out")) {
    throw UsageError{"export needs compliance|persons|statistics --out FILE.xlsx"};
  }
  const std::string what = args.positional()[0];
  if (what != "compliance" && what != "persons" && what != "statistics") {
    throw UsageError{"unknown export '" + what + "' (compliance|persons|statistics)"};
  }
  const std::string out = *args.Get("out");
  storage::PersonFilter filter;
  filter.region_prefix = args.GetOr("region", "");
  filter.employer_code = args.GetOr("employer", "");
  filter.field = args.GetOr("field", "");
  auto store = storage::OpenStore(env.store);
  app::ExportCounts counts;
  if (what == "persons") {
    counts = app::ExportPersonsXlsx(*store, filter, out);
  } else {
    if (!args.Has("year")) throw UsageError{"export " + what + " needs --year Y"};
    const int year = static_cast<int>(*args.GetInt("year", 1990, 2100));
    app::ComplianceService service(*store, env.data().policies, env.clock);
    counts = what == "compliance"
                 ? app::ExportComplianceXlsx(service, year, filter, out)
                 : app::ExportStatisticsXlsx(service, year, filter, env.data().regions, out);
  }
  env.out << "已导出 / exported " << counts.rows << " rows: " << out << '\n';
  return kExitOk;
}

}  // namespace jixu::cli
