#include <gtest/gtest.h>

#include "core/compliance/engine.hpp"
#include "core/compliance/promotion.hpp"
#include "core/compliance/span.hpp"
#include "core/policy/policy_files.hpp"
#include "core/policy/policy_set.hpp"

namespace jixu::compliance {
namespace {

using records::Category;
using records::Form;

const policy::PolicySet& Shipped() {
  static const policy::PolicySet set = [] {
    auto r = policy::PolicySet::Load(testing::ShippedPolicyFiles());
    if (!r.ok()) throw std::runtime_error(r.error().message_en);
    return std::move(r).value();
  }();
  return set;
}

YearInput Totals(int year, double professional, double public_hours) {
  YearInput in;
  in.year = year;
  in.totals.at(Category::kProfessional, Form::kCentralizedTraining) =
      Hours::FromCenti(static_cast<int64_t>(professional * 100));
  in.totals.at(Category::kPublic, Form::kOnlineCourse) =
      Hours::FromCenti(static_cast<int64_t>(public_hours * 100));
  return in;
}

TEST(EvaluateYear, National2007PublicCapSentence) {
  const auto& p = Shipped().default_policy();
  const YearResult r = EvaluateYear(p, PersonContext{}, Totals(2024, 36, 30), *Date::FromYmd(2025, 3, 1));
  EXPECT_EQ(r.status, Status::kNotCompliant);
  EXPECT_EQ(r.required, Hours::FromWhole(72));
  EXPECT_EQ(r.counted_hours, Hours::FromWhole(60));
  EXPECT_EQ(r.shortfall_hours, Hours::FromWhole(12));
  EXPECT_EQ(r.sentence_zh,
            "2024年度应修72学时，已计入60学时（公需科目30学时，超出上限24学时的6学时不计入），尚差12学时，未达标。");
  EXPECT_EQ(r.sentence_en,
            "2024: 72 hours required, 60 hours counted (public subjects 30 hours, 6 hours beyond the "
            "24-hour cap not counted); 12 hours short: not compliant.");
}

TEST(EvaluateYear, BulkModeSkipsTextButKeepsNumbers) {
  const auto& p = Shipped().default_policy();
  const YearInput in = Totals(2024, 48, 30);
  const YearResult quiet = EvaluateYear(p, PersonContext{}, in, *Date::FromYmd(2025, 3, 1), {.explain = false});
  const YearResult full = EvaluateYear(p, PersonContext{}, in, *Date::FromYmd(2025, 3, 1));
  EXPECT_TRUE(quiet.notes.empty());
  EXPECT_TRUE(quiet.sentence_zh.empty());
  EXPECT_FALSE(full.notes.empty());
  EXPECT_EQ(quiet.counted_hours, full.counted_hours);
  EXPECT_EQ(quiet.status, full.status);
  EXPECT_EQ(quiet.counted_hours, Hours::FromWhole(72));
  EXPECT_EQ(quiet.status, Status::kCompliant);
}

TEST(EvaluateYear, StatusNamesAreStable) {
  EXPECT_EQ(StatusCode(Status::kInProgress), "in_progress");
  EXPECT_EQ(StatusZh(Status::kExempt), "免修");
  EXPECT_EQ(StatusCode(Status::kNotCompliant), "not_compliant");
  EXPECT_EQ(StatusZh(Status::kCompliant), "已达标");
}

TEST(EvaluateYear, DeadlineAddsGraceMonths) {
  EXPECT_EQ(Deadline(YearEnd(2024), 0), YearEnd(2024));
  EXPECT_EQ(Deadline(YearEnd(2024), 3), *Date::FromYmd(2025, 3, 31));
  EXPECT_EQ(Deadline(YearEnd(2023), 2), *Date::FromYmd(2024, 2, 29));
}

}  // namespace
}  // namespace jixu::compliance

namespace jixu::compliance {
namespace {

TEST(EvaluateSpan, FillsMissingYearsAndSortsInput) {
  std::vector<YearInput> years = {Totals(2024, 72, 0), Totals(2022, 72, 0)};
  const SpanResult s = EvaluateSpan(Shipped(), PersonContext{}, years, *Date::FromYmd(2025, 6, 1));
  ASSERT_EQ(s.years.size(), 3u);
  EXPECT_EQ(s.years[0].year, 2022);
  EXPECT_EQ(s.years[1].year, 2023);
  EXPECT_EQ(s.years[1].counted_hours, Hours());
  EXPECT_EQ(s.years[1].status, Status::kNotCompliant);
  EXPECT_EQ(s.years[2].status, Status::kCompliant);
  EXPECT_EQ(s.status, Status::kNotCompliant);
  EXPECT_TRUE(s.periods.empty());
}

TEST(EvaluateSpan, SelectsThePolicyOfEachYearFromTheSet) {
  // A deployment adopts the illustrative credit policy for its province from 2020 on.
  auto files = testing::ShippedPolicyFiles();
  files.emplace_back("adopt.toml",
                     "id = \"adopted-credits\"\nextends = \"example-province-credits\"\n"
                     "[scope]\nregion_prefix = \"51\"\nfrom_year = 2020\nauto_select = true\n");
  auto set = policy::PolicySet::Load(files);
  ASSERT_TRUE(set.ok()) << set.error().message_en;
  PersonContext person;
  person.region_code = "510104";
  std::vector<YearInput> years = {Totals(2019, 72, 0), Totals(2020, 0, 0)};
  const SpanResult s = EvaluateSpan(set.value(), person, years, *Date::FromYmd(2021, 6, 1));
  ASSERT_EQ(s.years.size(), 2u);
  EXPECT_EQ(s.years[0].policy_id, "national-2007");
  EXPECT_EQ(s.years[1].policy_id, "adopted-credits");
  EXPECT_EQ(s.years[1].required_credits, Hours::FromWhole(24));
}

TEST(CheckPromotion, UsesTheSetAndReportsEveryCheckedYear) {
  std::vector<YearInput> years = {Totals(2021, 72, 0), Totals(2022, 50, 24), Totals(2023, 40, 30)};
  const PromotionResult r = CheckPromotion(Shipped(), PersonContext{},
                                           {EligibilityBasis::kTitle, *Date::FromYmd(2020, 9, 1), 2024},
                                           years, *Date::FromYmd(2024, 3, 1));
  EXPECT_FALSE(r.eligible);
  EXPECT_EQ(r.from_year, 2021);
  EXPECT_EQ(r.to_year, 2023);
  ASSERT_EQ(r.years.size(), 3u);
  EXPECT_EQ(r.years[1].status, Status::kCompliant);  // 50 + 24 = 74
  EXPECT_EQ(r.blocking_years, std::vector<int>{2023});  // 40 + 24 of the 30 public = 64
}

}  // namespace
}  // namespace jixu::compliance
