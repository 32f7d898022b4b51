// `jixu openapi`: the API's OpenAPI document, as `jixu serve` answers it at
// /api/v1/openapi.json, with no database and no server (web/'s `npm run api-types` reads it).
#include <fstream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "core/common/error.hpp"
#include "http/router.hpp"

namespace jixu::cli {
namespace {

int RunOpenApi(const Env& env, const std::string& out) {
  const std::string doc = http::OpenApiJson(http::BuildRouter()) + "\n";
  if (out.empty()) {
    env.out << doc;
    return kExitOk;
  }
  std::ofstream f(out, std::ios::binary);
  f << doc;
  if (!f) throw Fault("io_error", "cannot write " + out);
  return kExitOk;
}

}  // namespace

void AddOpenApi(CommandSet& set) {
  auto out = std::make_shared<std::string>();
  CLI::App* c = set.root().add_subcommand(
      "openapi", "接口文档 / the API's OpenAPI 3 document (as served at /api/v1/openapi.json)");
  c->add_option("--out", *out, "write it to FILE instead of standard output");
  set.Add(c, [out](const Env& env) { return RunOpenApi(env, *out); });
}

}  // namespace jixu::cli
