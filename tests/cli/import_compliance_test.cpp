// End-to-end CLI tests: the commands a registry clerk runs, checked by their output, exit codes
// and what ends up in the database.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli/cli_runner.hpp"

namespace jixu::testing {
namespace {

using nlohmann::json;

class CliTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { JIXU_SKIP_UNLESS_AVAILABLE(GetParam()); }
  void ImportHandcheck() {
    for (const char* kind : {"employers", "providers", "persons", "records"}) {
      const auto r = sb_.Run(std::string("import ") + kind + " '" +
                             (sb_.Fixture("handcheck") / (std::string(kind) + ".csv")).string() +
                             "'");
      ASSERT_EQ(r.exit_code, 0) << kind << ": " << r.err;
    }
  }
  json ComplianceJson(int year, const std::string& today = "2026-11-26") {
    const auto r = sb_.Run("compliance --year " + std::to_string(year) + " --format json", today);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return json::parse(r.out);
  }
  static const json* ById(const json& arr, const std::string& id) {
    for (const auto& o : arr) {
      if (o["id_number"] == id) return &o;
    }
    return nullptr;
  }
  CliSandbox sb_{GetParam()};
};

JIXU_INSTANTIATE_FOR_TEST_BACKENDS(CliTest);

TEST_P(CliTest, HandCheckedFixtureGivesTheSeedsAnswers) {
  ImportHandcheck();
  const json got = ComplianceJson(2024);
  const json expected = json::parse(std::ifstream(sb_.Fixture("handcheck") / "expected-2024.json"));
  ASSERT_EQ(got.size(), expected.size());  // every registered person, records or not
  for (const auto& e : expected) {
    const json* g = ById(got, e["id_number"]);
    ASSERT_NE(g, nullptr) << e["id_number"];
    for (const auto& [key, value] : e.items()) {
      EXPECT_EQ((*g)[key], value) << e["id_number"] << " " << key;
    }
  }
}

TEST_P(CliTest, RecordOnFirstOfJanuaryBelongsToTheNewYear) {
  ImportHandcheck();
  const json got = ComplianceJson(2025);
  const json* p = ById(got, "510104198202020059");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ((*p)["public_hours"], 10);
  EXPECT_EQ((*p)["professional_hours"], 0);
}

TEST_P(CliTest, UnfinishedYearIsInProgressAndFinishedYearIsNot) {
  ImportHandcheck();
  const json mid = ComplianceJson(2025, "2025-06-30");
  const json after = ComplianceJson(2025, "2026-01-15");
  EXPECT_EQ((*ById(mid, "510104198202020059"))["status"], "in_progress");
  EXPECT_EQ((*ById(after, "510104198202020059"))["status"], "not_compliant");
}

TEST_P(CliTest, ReimportingTheSameFileChangesNothing) {
  ImportHandcheck();
  const json before = ComplianceJson(2024);
  const auto again = sb_.Run("import records '" +
                             (sb_.Fixture("handcheck") / "records.csv").string() + "'");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("0 new"), std::string::npos) << again.out;
  EXPECT_NE(again.out.find("17 unchanged"), std::string::npos) << again.out;
  const auto persons = sb_.Run("import persons '" +
                               (sb_.Fixture("handcheck") / "persons.csv").string() + "'");
  EXPECT_NE(persons.out.find("8 unchanged"), std::string::npos) << persons.out;
  EXPECT_EQ(ComplianceJson(2024), before);
}

TEST_P(CliTest, OneBadRowRejectsTheWholeFileAndNamesEveryBadLine) {
  ImportHandcheck();
  const json before = ComplianceJson(2024);
  sb_.Write("bad.csv",
            "身份证号,日期,科目类别,培训形式,学时,施教机构,课程名称\n"
            "110105198001010016,2024-12-01,专业科目,集中培训,8,某大学,有效的一行\n"  // line 2 ok
            "110105198001010017,2024-12-01,专业科目,集中培训,8,某大学,校验位错\n"    // line 3
            "110101199001010015,2024-12-01,专业科目,集中培训,8,某大学,未登记\n"      // line 4
            "110105198001010016,2024-02-30,专业科目,集中培训,8,某大学,日期错\n"      // line 5
            "110105198001010016,2024-12-01,专业科目,集中培训,0,某大学,学时为零\n"    // line 6
            "110105198001010016,2024-12-01,选修,集中培训,8,某大学,类别错\n");        // line 7
  const auto r = sb_.Run("import records bad.csv");
  EXPECT_EQ(r.exit_code, 3);
  for (const char* line : {"line 3", "line 4", "line 5", "line 6", "line 7"}) {
    EXPECT_NE(r.err.find(line), std::string::npos) << line << "\n" << r.err;
  }
  EXPECT_EQ(r.err.find("line 2,"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("id_number"), std::string::npos);
  EXPECT_NE(r.err.find("hours"), std::string::npos);
  EXPECT_NE(r.err.find("category"), std::string::npos);
  EXPECT_EQ(ComplianceJson(2024), before);  // the good line 2 was not written either
}

TEST_P(CliTest, PersonWhoseEmployerIsNotRegisteredIsRejected) {
  sb_.Write("p.csv", "id_number,name,employer_code,region_code,field,title_level\n"
                     "110105198001010016,王芳,91350100M000100Y43,110105,卫生,中级\n");
  const auto r = sb_.Run("import persons p.csv");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("employer_code"), std::string::npos) << r.err;
  EXPECT_EQ(ComplianceJson(2024).size(), 0u);
}

TEST_P(CliTest, SinglePersonExplainsInChinese) {
  ImportHandcheck();
  const auto r = sb_.Run("compliance --year 2024 --person 110105198502150025");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("110105********0025"), std::string::npos);
  EXPECT_EQ(r.out.find("110105198502150025"), std::string::npos) << "table must mask the ID";
  EXPECT_NE(r.out.find("公需"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("6"), std::string::npos);
}

TEST_P(CliTest, UnknownAndMalformedPersonsHaveTheirOwnExitCodes) {
  ImportHandcheck();
  EXPECT_EQ(sb_.Run("compliance --year 2024 --person 110101199001010015").exit_code, 4);
  const auto bad = sb_.Run("compliance --year 2024 --person 110105198001010017");
  EXPECT_EQ(bad.exit_code, 3);
  EXPECT_NE(bad.err.find("id_number"), std::string::npos);
}

TEST_P(CliTest, UsageErrorsExitTwo) {
  EXPECT_EQ(sb_.Run("compliance").exit_code, 2);
  EXPECT_EQ(sb_.Run("compliance --year 2024 --colour red").exit_code, 2);
  EXPECT_EQ(sb_.Run("compliance --year 2024 --format xml").exit_code, 2);
  EXPECT_EQ(sb_.Run("import animals x.csv").exit_code, 2);
  EXPECT_EQ(sb_.Run("frobnicate").exit_code, 2);
}

TEST_P(CliTest, CsvOutputHasOneRowPerPerson) {
  ImportHandcheck();
  const auto r = sb_.Run("compliance --year 2024 --format csv");
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.rfind("id_number,name,year,policy,required_hours", 0), 0u);
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 9);
}

TEST_P(CliTest, DemoDataIsValidAndImportable) {
  const auto gen = sb_.Run("demo --persons 300 --csv-dir demo");
  ASSERT_EQ(gen.exit_code, 0) << gen.err;
  for (const char* kind : {"employers", "providers", "persons", "records"}) {
    const auto r = sb_.Run(std::string("import ") + kind + " demo/" + kind + ".csv --quiet");
    ASSERT_EQ(r.exit_code, 0) << kind << ": " << r.err.substr(0, 2000);
  }
  const json all = ComplianceJson(2025);
  EXPECT_EQ(all.size(), 300u);
  int compliant = 0;
  for (const auto& p : all) compliant += p["status"] == "compliant";
  // The generator makes most persons diligent and some not: both kinds must be there.
  EXPECT_GT(compliant, 100);
  EXPECT_LT(compliant, 300);
}

TEST_P(CliTest, DemoIntoTheStoreMatchesTheCsvRoute) {
  ASSERT_EQ(sb_.Run("demo --persons 200").exit_code, 0);
  const auto summary = sb_.Run("compliance --year 2026 --summary");
  ASSERT_EQ(summary.exit_code, 0) << summary.err;
  EXPECT_NE(summary.out.find("合计 total"), std::string::npos);
  EXPECT_NE(summary.out.find("200"), std::string::npos) << summary.out;
}

}  // namespace
}  // namespace jixu::testing
