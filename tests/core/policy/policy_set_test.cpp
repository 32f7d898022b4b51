#include <gtest/gtest.h>

#include "core/policy/policy_files.hpp"
#include "core/policy/policy_set.hpp"

namespace jixu::policy {
namespace {

using Files = std::vector<std::pair<std::string, std::string>>;

std::string PolicyText(const std::string& id, const std::string& scope, bool is_default = false) {
  return "id = \"" + id + "\"\n" + (is_default ? "default = true\n" : "") + "[scope]\n" + scope +
         "\n[requirement]\ntotal = 72\n";
}

PolicySet LoadOk(const Files& files) {
  Result<PolicySet> set = PolicySet::Load(files);
  EXPECT_TRUE(set.ok()) << (set.ok() ? "" : set.error().message_en);
  return std::move(set).value();
}

TEST(PolicySet, ShippedSetLoadsWithNational2007AsDefault) {
  PolicySet set = LoadOk(testing::ShippedPolicyFiles());
  EXPECT_EQ(set.default_policy().id(), "national-2007");
  EXPECT_GE(set.all().size(), 3u);
  ASSERT_NE(set.Find("national-2015"), nullptr);
  EXPECT_EQ(set.Find("nope"), nullptr);
  // national-2007 is the default for every year; national-2015 is chosen only by id.
  for (int year : {2008, 2016, 2024, 2030}) {
    EXPECT_EQ(set.Select("110105", "工程", year).id(), "national-2007") << year;
  }
  // The illustrative credit policy is never chosen automatically: no real province is judged by
  // invented rules.
  EXPECT_EQ(set.Select("510104", "卫生", 2024).id(), "national-2007");
  ASSERT_NE(set.Find("example-province-credits"), nullptr);
  EXPECT_EQ(set.Select("", "", 2024).id(), "national-2007");
}

TEST(PolicySet, MostSpecificJurisdictionWins) {
  PolicySet set = LoadOk({
      {"d.toml", PolicyText("d", "", true)},
      {"p.toml", PolicyText("p", "region_prefix = \"51\"")},
      {"c.toml", PolicyText("c", "region_prefix = \"5101\"")},
      {"pf.toml", PolicyText("pf", "region_prefix = \"51\"\nfield = \"卫生\"")},
      {"f.toml", PolicyText("f", "field = \"教育\"")},
      {"y.toml", PolicyText("y", "region_prefix = \"44\"\nfrom_year = 2016\nto_year = 2020")},
      {"off.toml", PolicyText("off", "region_prefix = \"45\"\nauto_select = false")},
  });
  EXPECT_EQ(set.Select("510104", "工程", 2024).id(), "c");   // city beats province
  EXPECT_EQ(set.Select("510104", "卫生", 2024).id(), "c");   // longer prefix beats field
  EXPECT_EQ(set.Select("513200", "卫生", 2024).id(), "pf");  // province + field
  EXPECT_EQ(set.Select("513200", "工程", 2024).id(), "p");
  EXPECT_EQ(set.Select("110105", "教育", 2024).id(), "f");   // national, field-specific
  EXPECT_EQ(set.Select("110105", "工程", 2024).id(), "d");
  EXPECT_EQ(set.Select("440300", "工程", 2016).id(), "y");
  EXPECT_EQ(set.Select("440300", "工程", 2020).id(), "y");
  EXPECT_EQ(set.Select("440300", "工程", 2021).id(), "d");   // year range ended
  EXPECT_EQ(set.Select("450100", "工程", 2021).id(), "d");   // auto_select = false
  EXPECT_NE(set.Find("off"), nullptr);
}

TEST(PolicySet, ExtendsMergesOverTheBase) {
  PolicySet set = LoadOk({
      {"d.toml", PolicyText("d", "", true) + "[[cap]]\nid = \"public_cap\"\ncategory = \"public\"\nmax_share = \"1/3\"\n"},
      {"gd.toml", "id = \"gd\"\nextends = \"d\"\n[scope]\nregion_prefix = \"44\"\n[requirement]\ntotal = 90\n"},
  });
  const Policy* gd = set.Find("gd");
  ASSERT_NE(gd, nullptr);
  EXPECT_FALSE(gd->is_default());
  EXPECT_EQ(gd->rules().requirement.total, Hours::FromWhole(90));
  ASSERT_EQ(gd->rules().caps.size(), 1u);  // inherited
  EXPECT_EQ(set.Select("440300", "", 2024).id(), "gd");
}

TEST(PolicySet, LoadErrors) {
  auto error_of = [](const Files& files) {
    Result<PolicySet> set = PolicySet::Load(files);
    EXPECT_FALSE(set.ok());
    return set.ok() ? Error{} : set.error();
  };
  EXPECT_EQ(error_of({{"a.toml", PolicyText("a", "")}}).code, "policy_no_default");
  EXPECT_EQ(error_of({{"a.toml", PolicyText("a", "", true)}, {"b.toml", PolicyText("b", "", true)}}).code,
            "policy_two_defaults");
  EXPECT_EQ(error_of({{"a.toml", PolicyText("a", "", true)}, {"b.toml", PolicyText("a", "region_prefix = \"1\"")}}).code,
            "policy_duplicate_id");
  const Error amb = error_of({{"d.toml", PolicyText("d", "", true)},
                              {"a.toml", PolicyText("a", "region_prefix = \"51\"\nfrom_year = 2016")},
                              {"b.toml", PolicyText("b", "region_prefix = \"51\"\nfrom_year = 2020")}});
  EXPECT_EQ(amb.code, "policy_ambiguous_scope");
  EXPECT_EQ(amb.field, "b.toml");
  EXPECT_EQ(error_of({{"d.toml", PolicyText("d", "", true)}, {"x.toml", "id = \"x\"\nextends = \"zz\"\n"}}).code,
            "policy_unknown_base");
  const Error bad = error_of({{"d.toml", PolicyText("d", "", true)}, {"x.toml", "id = \"x\"\n[requirement]\ntotl = 1\n"}});
  EXPECT_EQ(bad.field, "x.toml:requirement.totl");
}

}  // namespace
}  // namespace jixu::policy
