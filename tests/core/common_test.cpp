#include <gtest/gtest.h>

#include "core/common/date.hpp"
#include "core/common/hours.hpp"
#include "core/records/types.hpp"
#include "core/records/year_totals.hpp"

namespace jixu {
namespace {

TEST(Hours, ParsesDecimalsExactly) {
  EXPECT_EQ(Hours::Parse("72")->centi(), 7200);
  EXPECT_EQ(Hours::Parse("1.5")->centi(), 150);
  EXPECT_EQ(Hours::Parse("0.25")->centi(), 25);
  EXPECT_EQ(Hours::Parse(".5")->centi(), 50);
  EXPECT_EQ(Hours::Parse("3.")->centi(), 300);
}

TEST(Hours, RejectsWhatIsNotAnHourCount) {
  for (const char* bad : {"", "-1", "1e3", "1.234", "abc", "1,5", ".", " 1", "1 "}) {
    EXPECT_FALSE(Hours::Parse(bad).has_value()) << bad;
  }
}

TEST(Hours, PrintsShortestExactForm) {
  EXPECT_EQ(Hours::FromCenti(7200).ToString(), "72");
  EXPECT_EQ(Hours::FromCenti(150).ToString(), "1.5");
  EXPECT_EQ(Hours::FromCenti(25).ToString(), "0.25");
  EXPECT_EQ(Hours::FromCenti(-250).ToString(), "-2.5");
}

TEST(Hours, SumsStayExact) {
  Hours sum;
  for (int i = 0; i < 10; ++i) sum += *Hours::Parse("0.1");
  EXPECT_EQ(sum, Hours::FromWhole(1));
}

TEST(Date, ParsesIsoAndCommonSpellings) {
  EXPECT_EQ(Date::Parse("2024-12-31")->ToString(), "2024-12-31");
  EXPECT_EQ(Date::Parse("2024/01/01")->ToString(), "2024-01-01");
  EXPECT_EQ(Date::Parse("20240229")->ToString(), "2024-02-29");
}

TEST(Date, RejectsImpossibleDates) {
  for (const char* bad : {"2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "24-01-01",
                          "2024-1-1", "1899-12-31", "2024-01-01T00:00", "2024-01/01"}) {
    EXPECT_FALSE(Date::Parse(bad).has_value()) << bad;
  }
}

TEST(Date, YearBoundaries) {
  const Date dec31 = *Date::Parse("2024-12-31");
  const Date jan1 = *Date::Parse("2025-01-01");
  EXPECT_EQ(dec31.year(), 2024);
  EXPECT_EQ(jan1.year(), 2025);
  EXPECT_EQ(jan1.days() - dec31.days(), 1);
  EXPECT_EQ(YearEnd(2024), dec31);
  EXPECT_EQ(jan1.ToYmdInt(), 20250101);
  EXPECT_EQ(*Date::FromYmdInt(20240229), *Date::Parse("2024-02-29"));
}

TEST(Enums, ParseChineseAndEnglish) {
  using namespace records;
  EXPECT_EQ(ParseCategory("公需科目"), Category::kPublic);
  EXPECT_EQ(ParseCategory("PUBLIC"), Category::kPublic);
  EXPECT_EQ(ParseCategory("专业科目"), Category::kProfessional);
  EXPECT_FALSE(ParseCategory("optional").has_value());
  EXPECT_EQ(ParseForm("自修"), Form::kSelfStudy);
  EXPECT_EQ(ParseForm("online_course"), Form::kOnlineCourse);
  EXPECT_EQ(ParseTitleLevel("副高级"), TitleLevel::kAssociateSenior);
  EXPECT_EQ(ParseTitleLevel("associate_senior"), TitleLevel::kAssociateSenior);
  EXPECT_EQ(FormZh(Form::kAdvancedSeminar), "高级研修");
}

TEST(YearTotals, ApplyCountsOnlyApprovedAndTracksPending) {
  using namespace records;
  YearTotals t;
  LearningRecord r;
  r.category = Category::kPublic;
  r.form = Form::kOnlineCourse;
  r.hours = Hours::FromWhole(10);
  t.Apply(r, +1);
  r.status = RecordStatus::kPending;
  r.hours = Hours::FromWhole(4);
  t.Apply(r, +1);
  EXPECT_EQ(t.CategoryTotal(Category::kPublic), Hours::FromWhole(10));
  EXPECT_EQ(t.pending, Hours::FromWhole(4));
  EXPECT_EQ(t.approved_records, 1);
  t.Apply(r, -1);
  EXPECT_TRUE(t.pending.IsZero());
}

TEST(RecordKey, SameContentSameKeyAndSourceIdWins) {
  using namespace records;
  LearningRecord a;
  a.date = *Date::Parse("2024-05-01");
  a.hours = Hours::FromWhole(8);
  a.title = "AI";
  LearningRecord b = a;
  EXPECT_EQ(RecordKey(a), RecordKey(b));
  b.hours = Hours::FromWhole(9);
  EXPECT_NE(RecordKey(a), RecordKey(b));
  a.source_id = "X1";
  b.source_id = "X1";
  EXPECT_EQ(RecordKey(a), RecordKey(b));
}

}  // namespace
}  // namespace jixu
