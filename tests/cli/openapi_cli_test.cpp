// `jixu openapi`: the API's OpenAPI document without a database or a server (what web/'s
// `npm run api-types` reads; the served copy is compared in tests/http/api_test.cpp).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace jixu::testing {
namespace {

struct OpenApiRun {
  int exit_code = -1;
  std::string out;
};

OpenApiRun Openapi(const std::string& args) {
  const auto dir = std::filesystem::temp_directory_path() / ("jixu-openapi-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto out = dir / "out.txt";
  // No --db: the command must not need (or create) a database.
  const std::string cmd = "cd '" + dir.string() + "' && '" + JIXU_BINARY + "' openapi " + args + " >'" +
                          out.string() + "' 2>/dev/null";
  const int status = std::system(cmd.c_str());
  std::ifstream in(out);
  std::stringstream s;
  s << in.rdbuf();
  OpenApiRun r{WIFEXITED(status) ? WEXITSTATUS(status) : -1, s.str()};
  EXPECT_FALSE(std::filesystem::exists(dir / "jixu.db")) << "openapi opened a database";
  std::filesystem::remove_all(dir);
  return r;
}

TEST(OpenApiCli, PrintsTheDocumentWithTypedOperations) {
  const OpenApiRun r = Openapi("");
  ASSERT_EQ(r.exit_code, 0);
  const auto doc = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(doc.is_discarded());
  EXPECT_EQ(doc["openapi"], "3.0.3");
  const auto& get = doc["paths"]["/api/v1/persons/{id}"]["get"];
  EXPECT_EQ(get["responses"]["200"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/Person");
  EXPECT_TRUE(doc["components"]["schemas"].contains("LearningRecord"));
}

TEST(OpenApiCli, WritesTheSameDocumentToAFile) {
  const auto file = std::filesystem::temp_directory_path() / ("jixu-openapi-" + std::to_string(::getpid()) + ".json");
  ASSERT_EQ(Openapi("--out '" + file.string() + "'").exit_code, 0);
  std::ifstream in(file);
  std::stringstream s;
  s << in.rdbuf();
  EXPECT_EQ(s.str(), Openapi("").out);
  std::filesystem::remove(file);
}

TEST(OpenApiCli, RefusesWhatItDoesNotTake) {
  EXPECT_EQ(Openapi("extra").exit_code, 2);
  EXPECT_EQ(Openapi("--format yaml").exit_code, 2);
}

}  // namespace
}  // namespace jixu::testing
