// `jixu openapi`: the API's OpenAPI document, as `jixu serve` answers it at
// /api/v1/openapi.json, with no database and no server (web/'s `npm run api-types` reads it).
#include <fstream>

#include "cli/args.hpp"
#include "core/common/error.hpp"
#include "cli/commands.hpp"
#include "http/router.hpp"

namespace jixu::cli {

int RunOpenApi(const Env& env, const Argv& argv) {
  Args args(argv, {"out"}, {});
  if (!args.positional().empty()) throw UsageError{"openapi takes no positional arguments"};
  const std::string doc = http::OpenApiJson(http::BuildRouter()) + "\n";
  if (auto out = args.Get("out")) {
    std::ofstream f(*out, std::ios::binary);
    f << doc;
    if (!f) throw Fault("io_error", "cannot write " + *out);
    return kExitOk;
  }
  env.out << doc;
  return kExitOk;
}

}  // namespace jixu::cli
