// `jixu import` and `jixu migrate-data`: wired once the importer and migration land.
#include "cli/args.hpp"
#include "cli/commands.hpp"

namespace jixu::cli {

int RunImport(const Env&, const Argv&) { throw UsageError{"import: not built yet"}; }
int RunMigrateData(const Env&, const Argv&) { throw UsageError{"migrate-data: not built yet"}; }

}  // namespace jixu::cli
