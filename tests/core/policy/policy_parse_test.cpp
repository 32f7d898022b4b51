#include <gtest/gtest.h>

#include <algorithm>

#include "core/policy/policy.hpp"
#include "core/policy/policy_set.hpp"
#include "core/policy/policy_files.hpp"

namespace jixu::policy {
namespace {

constexpr const char* kMinimal = R"(
id = "t"
[requirement]
total = 72
)";

Error ParseError(const std::string& text, const char* source = "t.toml") {
  Result<Policy> p = Policy::Parse(text, source);
  EXPECT_FALSE(p.ok()) << text;
  return p.ok() ? Error{} : p.error();
}

TEST(PolicyParse, ShippedPoliciesParse) {
  for (const auto& [name, text] : testing::ShippedPolicyFiles()) {
    Result<Policy> p = Policy::Parse(text, name);
    ASSERT_TRUE(p.ok()) << name << ": " << p.error().message_en;
    EXPECT_EQ(p.value().id() + ".toml", name);
  }
}

TEST(PolicyParse, National2007IsTheSeed) {
  const std::string text = testing::ReadText(testing::SourceDir() / "policies/national-2007.toml");
  Result<Policy> p = Policy::Parse(text, "national-2007.toml");
  ASSERT_TRUE(p.ok());
  const Policy& pol = p.value();
  EXPECT_TRUE(pol.is_default());
  EXPECT_FALSE(pol.NeedsRecords());
  EXPECT_EQ(pol.rules().requirement.total, Hours::FromWhole(72));
  ASSERT_EQ(pol.rules().caps.size(), 1u);
  EXPECT_EQ(pol.rules().caps[0].max_share->Of(Hours::FromWhole(72)), Hours::FromWhole(24));
  ASSERT_TRUE(pol.funding().has_value());
  EXPECT_DOUBLE_EQ(pol.funding()->employer_rate, 0.015);
  EXPECT_DOUBLE_EQ(pol.funding()->high_skill_rate, 0.025);
}

TEST(PolicyParse, MinimalPolicyHasDefaults) {
  Result<Policy> p = Policy::Parse(kMinimal, "t.toml");
  ASSERT_TRUE(p.ok()) << p.error().message_en;
  EXPECT_EQ(p.value().id(), "t");
  EXPECT_FALSE(p.value().is_default());
  EXPECT_FALSE(p.value().UsesCredits());
  EXPECT_TRUE(p.value().rules().carry_over_max.IsZero());
  EXPECT_TRUE(p.value().scope().auto_select);
}

TEST(PolicyParse, UnknownKeyNamesFileAndKey) {
  const Error e = ParseError("id = \"t\"\n[requirement]\ntotal = 72\ntotl = 3\n", "prov.toml");
  EXPECT_EQ(e.code, "policy_unknown_key");
  EXPECT_EQ(e.field, "prov.toml:requirement.totl");
  EXPECT_NE(e.message_en.find("prov.toml"), std::string::npos);
  EXPECT_NE(e.message_en.find("line 4"), std::string::npos) << e.message_en;
  EXPECT_NE(e.message_zh.find("requirement.totl"), std::string::npos);
}

TEST(PolicyParse, UnknownTopLevelAndRuleKeys) {
  EXPECT_EQ(ParseError("colour = 1\n" + std::string(kMinimal)).field, "t.toml:colour");
  const Error e = ParseError(std::string(kMinimal) + "[[cap]]\nid = \"c\"\nmax = 3\nmaximum = 4\n");
  EXPECT_EQ(e.field, "t.toml:cap.maximum");
}

TEST(PolicyParse, BadValues) {
  struct Case {
    std::string text;
    std::string field;
  };
  const std::vector<Case> cases = {
      {"id = \"t\"\n[requirement]\ntotal = -1\n", "t.toml:requirement.total"},
      {"id = \"t\"\n[requirement]\ntotal = 1.234\n", "t.toml:requirement.total"},
      {"id = \"t\"\n[requirement]\ntotal = \"72\"\n", "t.toml:requirement.total"},
      {"id = \"T T\"\n[requirement]\ntotal = 72\n", "t.toml:id"},
      {"id = \"t\"\n", "t.toml:requirement"},
      {std::string(kMinimal) + "[[cap]]\nid = \"c\"\ncategory = \"private\"\nmax = 1\n", "t.toml:cap.category"},
      {std::string(kMinimal) + "[[cap]]\nid = \"c\"\nform = \"dancing\"\nmax = 1\n", "t.toml:cap.form"},
      {std::string(kMinimal) + "[[cap]]\nid = \"c\"\ncategory = \"public\"\n", "t.toml:cap.max"},
      {std::string(kMinimal) + "[[cap]]\nid = \"c\"\nmax_share = \"1/0\"\n", "t.toml:cap.max_share"},
      {std::string(kMinimal) + "[[cap]]\nid = \"c\"\nper = \"week\"\nmax = 1\n", "t.toml:cap.per"},
      {std::string(kMinimal) + "[exemptions]\nholiday = \"exempt\"\n", "t.toml:exemptions.holiday"},
      {std::string(kMinimal) + "[exemptions]\nillness = \"forgive\"\n", "t.toml:exemptions.illness"},
      {std::string(kMinimal) + "[funding]\nemployer_rate = 0.15\n", "t.toml:funding.employer_rate"},
      {std::string(kMinimal) + "[scope]\nregion_prefix = \"5a\"\n", "t.toml:scope.region_prefix"},
      {std::string(kMinimal) + "[grace]\nmonths = 13\n", "t.toml:grace.months"},
      {"id = \"t\"\n[requirement]\nunit = \"credits\"\ntotal = 24\n", "t.toml:requirement.hours_per_credit"},
      {"id = \"t\"\n[requirement]\ntotal = 120\ncycle_years = 3\n", "t.toml:requirement.first_cycle_year"},
      {std::string(kMinimal) + "[lookup]\n\"paper.long\" = \"eight\"\n", "t.toml:lookup.paper.long"},
      {"extends = \"national-2007\"\n" + std::string(kMinimal), "t.toml:extends"},
  };
  for (const Case& c : cases) {
    const Error e = ParseError(c.text);
    EXPECT_EQ(e.field, c.field) << c.text << "\n" << e.message_en;
    EXPECT_FALSE(e.message_zh.empty());
  }
}

TEST(PolicyParse, DeclarationLimitsByForm) {
  Result<Policy> p = Policy::Parse(std::string(kMinimal) + R"(
[review]
evidence_forms = ["self_study", "其他"]
max_hours_per_day = { self_study = 8, online_course = 10.5 }
)", "t.toml");
  ASSERT_TRUE(p.ok()) << p.error().message_en;
  const Rules& r = p.value().rules();
  EXPECT_EQ(r.declare_max_per_day[static_cast<size_t>(records::Form::kSelfStudy)], Hours::FromWhole(8));
  EXPECT_EQ(r.declare_max_per_day[static_cast<size_t>(records::Form::kOnlineCourse)], Hours::FromCenti(1050));
  EXPECT_FALSE(r.declare_max_per_day[static_cast<size_t>(records::Form::kSeminar)].has_value());
  EXPECT_TRUE(r.NeedsEvidence(records::Form::kSelfStudy));
  EXPECT_TRUE(r.NeedsEvidence(records::Form::kOther));
  EXPECT_FALSE(r.NeedsEvidence(records::Form::kSeminar));

  const auto bad = [](const std::string& review) {
    return ParseError(std::string(kMinimal) + "[review]\n" + review + "\n");
  };
  EXPECT_NE(bad("max_hours_per_day = { self_study = 25 }").message_en.find("24"), std::string::npos);
  EXPECT_NE(bad("max_hours_per_day = { self_study = 0 }").field.find("self_study"), std::string::npos);
  EXPECT_NE(bad("max_hours_per_day = { swimming = 2 }").message_en.find("swimming"), std::string::npos);
  EXPECT_NE(bad("evidence_forms = [\"swimming\"]").message_en.find("swimming"), std::string::npos);
}

TEST(PolicyParse, SyntaxErrorNamesFileAndLine) {
  const Error e = ParseError("id = \"t\"\n[requirement\n", "broken.toml");
  EXPECT_EQ(e.code, "policy_syntax");
  EXPECT_EQ(e.field, "broken.toml:2");
}

TEST(PolicyParse, CreditsAreStoredAsHours) {
  Result<Policy> p = Policy::Parse(R"(
id = "c"
[requirement]
unit = "credits"
hours_per_credit = 3
total = 24
[lookup]
"lecture" = { per_hour = 2 }
"conference.national" = 4
[[cap]]
id = "self_study_cap"
form = "self_study"
max = 8
)", "c.toml");
  ASSERT_TRUE(p.ok()) << p.error().message_en;
  const Rules& r = p.value().rules();
  EXPECT_EQ(r.requirement.total, Hours::FromWhole(72));
  EXPECT_EQ(r.caps[0].max, Hours::FromWhole(24));
  EXPECT_EQ(r.FindLookup("conference.national")->fixed, Hours::FromWhole(12));
  EXPECT_EQ(r.FindLookup("lecture")->per_hour->Of(Hours::FromWhole(2)), Hours::FromWhole(12));
  EXPECT_TRUE(p.value().NeedsRecords());
  EXPECT_EQ(p.value().ToUnit(Hours::FromWhole(66)), Hours::FromWhole(22));
}

TEST(PolicyParse, CapsAreOrderedByStage) {
  Result<Policy> p = Policy::Parse(std::string(kMinimal) + R"(
[[cap]]
id = "public_cap"
category = "public"
max_share = "1/3"
[[cap]]
id = "online_cap"
form = "online_course"
max = 20
[[cap]]
id = "daily"
per = "day"
max = 10
)", "t.toml");
  ASSERT_TRUE(p.ok()) << p.error().message_en;
  const auto& caps = p.value().rules().caps;
  ASSERT_EQ(caps.size(), 3u);
  EXPECT_EQ(caps[0].id, "daily");
  EXPECT_EQ(caps[1].id, "online_cap");
  EXPECT_EQ(caps[2].id, "public_cap");
}

TEST(Fraction, ParsesAndAppliesExactly) {
  EXPECT_EQ(Fraction::Parse("1/3")->Of(Hours::FromWhole(72)), Hours::FromWhole(24));
  EXPECT_EQ(Fraction::Parse("2/3")->Of(Hours::FromWhole(90)), Hours::FromWhole(60));
  EXPECT_EQ(Fraction::Parse("0.5")->Of(Hours::FromCenti(150)), Hours::FromCenti(75));
  EXPECT_EQ(Fraction::Parse("0.5")->ToString(), "0.5");
  EXPECT_EQ(Fraction::Parse("2/6")->ToString(), "1/3");
  EXPECT_FALSE(Fraction::Parse("1/0"));
  EXPECT_FALSE(Fraction::Parse("-1"));
  EXPECT_FALSE(Fraction::Parse("a/b"));
}

}  // namespace
}  // namespace jixu::policy
