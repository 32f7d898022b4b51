// app::CandidatePolicy (policy what-if): the candidate is loaded beside the policy files this
// process loaded — those of its own data folder (--data-dir), not whatever DataRoot() finds.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "app/what_if/what_if.hpp"

namespace jixu::app {
namespace {

namespace fs = std::filesystem;

class CandidatePolicyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("jixu-what-if-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    fs::copy(DataRoot() / "data", dir_ / "data", fs::copy_options::recursive);
    fs::copy(DataRoot() / "policies", dir_ / "policies", fs::copy_options::recursive);
    // A policy only this deployment has.
    std::ofstream(dir_ / "policies" / "province-local.toml")
        << "extends = \"national-2007\"\nid = \"province-local\"\n[scope]\nauto_select = false\n"
           "[requirement]\ntotal = 80\n";
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(CandidatePolicyTest, ExtendsAPolicyOfTheLoadedDataFolder) {
  const auto data = LoadDataFiles(dir_);
  ASSERT_NE(data->policies.Find("province-local"), nullptr);
  auto c = CandidatePolicy(*data, "extends = \"province-local\"\n");
  ASSERT_TRUE(c) << c.error().message_en;
  EXPECT_EQ(c.value()->id(), "province-local-candidate");
  EXPECT_FALSE(c.value()->scope().auto_select);
  // The shipped set alone does not know it.
  auto shipped = CandidatePolicy(*LoadDataFiles(DataRoot()), "extends = \"province-local\"\n");
  EXPECT_FALSE(shipped);
}

TEST_F(CandidatePolicyTest, NeverTheDefaultAndErrorsNameTheLine) {
  const auto data = LoadDataFiles(dir_);
  auto c = CandidatePolicy(*data, "extends = \"national-2007\"\nid = \"x90\"\ndefault = true\n[requirement]\ntotal = 90\n");
  ASSERT_TRUE(c) << c.error().message_en;
  EXPECT_EQ(c.value()->id(), "x90");
  EXPECT_FALSE(c.value()->is_default());
  auto broken = CandidatePolicy(*data, "extends = \"national-2007\"\n[requirement\ntotal = 90\n");
  ASSERT_FALSE(broken);
  EXPECT_NE(broken.error().message_en.find("candidate.toml"), std::string::npos) << broken.error().message_en;
}

}  // namespace
}  // namespace jixu::app
