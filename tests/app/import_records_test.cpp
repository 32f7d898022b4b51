// Importing learning records: validation, all-or-nothing, idempotency, summaries.
#include "app/import_fixture.hpp"

namespace jixu::app {
namespace {

using records::Category;
using records::Form;

const std::string kHeader = "id_number,date,category,form,hours,provider,title,source_id\n";

TEST_P(ImportTest, RecordsWithChineseHeadersAndNamesLandInTheSummary) {
  SeedRegistry();
  auto r = Run(ImportKind::kRecords,
               "身份证号,完成日期,科目类别,培训形式,学时,施教机构,课程名称,来源编号,审核状态\n" +
                   Id(1) + ",2024-03-01,专业科目,集中培训,8,某外部机构,新技术讲座,,\n" + Id(1) +
                   ",2024-04-01,公需科目,网络课程,1.5,某外部机构,法治教育,,\n" + Id(1) +
                   ",2024-05-01,公需科目,网络课程,0.25,某外部机构,法治教育二,,\n" + Id(2) +
                   ",2024-05-01,professional,self_study,6,,自学笔记,,待审核\n");
  ASSERT_TRUE(r.ok()) << First(r).message_en;
  EXPECT_EQ(r.inserted, 4);
  auto t = store_->summaries().Get(PersonId(1), 2024);
  EXPECT_EQ(t.at(Category::kProfessional, Form::kCentralizedTraining), Hours::FromWhole(8));
  EXPECT_EQ(t.at(Category::kPublic, Form::kOnlineCourse), Hours::FromCenti(175));
  EXPECT_EQ(t.approved_records, 3);
  auto t2 = store_->summaries().Get(PersonId(2), 2024);
  EXPECT_TRUE(t2.Total().IsZero());
  EXPECT_EQ(t2.pending, Hours::FromWhole(6));
}

TEST_P(ImportTest, YearBoundariesFollowTheCompletionDate) {
  SeedRegistry();
  auto r = Run(ImportKind::kRecords, kHeader + Id(1) + ",2023-12-31,public,seminar,3,X,a,\n" +
                                         Id(1) + ",2024-01-01,public,seminar,4,X,b,\n");
  ASSERT_TRUE(r.ok()) << First(r).message_en;
  EXPECT_EQ(store_->summaries().Get(PersonId(1), 2023).Total(), Hours::FromWhole(3));
  EXPECT_EQ(store_->summaries().Get(PersonId(1), 2024).Total(), Hours::FromWhole(4));
}

TEST_P(ImportTest, ProviderCodeResolvesToTheRegisteredProviderElseFreeText) {
  SeedRegistry();
  std::string lower = ProviderCode();
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto r = Run(ImportKind::kRecords, kHeader + Id(1) + ",2024-03-01,professional,seminar,2," +
                                         lower + ",a,\n" + Id(1) +
                                         ",2024-03-02,professional,seminar,2,\"清华大学, 继续教育学院\",b,\n");
  ASSERT_TRUE(r.ok()) << First(r).message_en;
  auto list = store_->records().ListForPerson(PersonId(1), 2024);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].provider_code, ProviderCode());
  EXPECT_EQ(list[0].provider_name, "四川大学继续教育学院");
  EXPECT_EQ(list[1].provider_code, "");
  EXPECT_EQ(list[1].provider_name, "清华大学, 继续教育学院");
}

TEST_P(ImportTest, EveryRecordErrorNamesItsLineAndField) {
  SeedRegistry();
  std::string bad_id = Id(1);
  bad_id.back() = bad_id.back() == '0' ? '1' : '0';
  const std::string ok = ",2024-03-01,professional,seminar,2,X,t,\n";
  const std::string csv = kHeader +                                       // 1
                          bad_id + ok +                                   // 2 invalid id
                          Id(50) + ok +                                   // 3 unknown person
                          Id(1) + ",2024-02-30,professional,seminar,2,X,t,\n" +  // 4 date
                          Id(1) + ",2025-07-01,professional,seminar,2,X,t,\n" +  // 5 future
                          Id(1) + ",2024-03-01,art,seminar,2,X,t,\n" +           // 6 category
                          Id(1) + ",2024-03-01,professional,dance,2,X,t,\n" +    // 7 form
                          Id(1) + ",2024-03-01,professional,seminar,0,X,t,\n" +  // 8 hours 0
                          Id(1) + ",2024-03-01,professional,seminar,1.234,X,t,\n" +  // 9
                          Id(1) + ",2024-03-01,professional,seminar,1000.01,X,t,\n" +  // 10
                          Id(1) + ",2024-03-01,professional,seminar,2,X,,\n" +   // 11 title
                          Id(1) + ",2024-03-01,professional,seminar,2," + Code(77) + ",t,\n" +
                          Id(1) + ",2024-03-01,professional,seminar,-3,X,t,\n";  // 13
  auto r = Run(ImportKind::kRecords, csv);
  EXPECT_FALSE(r.committed);
  const std::vector<std::tuple<int64_t, std::string, std::string>> want = {
      {2, "id_number", ""},
      {3, "id_number", "unknown_person"},
      {4, "date", "invalid_date"},
      {5, "date", "date_in_future"},
      {6, "category", "invalid_category"},
      {7, "form", "invalid_form"},
      {8, "hours", "invalid_hours"},
      {9, "hours", "invalid_hours"},
      {10, "hours", "hours_too_large"},
      {11, "title", "missing_value"},
      {12, "provider", "unknown_provider"},
      {13, "hours", "invalid_hours"},
  };
  ASSERT_EQ(r.error_count, static_cast<int64_t>(want.size()));
  for (size_t i = 0; i < want.size(); ++i) {
    const auto& [line, field, code] = want[i];
    EXPECT_EQ(r.errors[i].line, line);
    EXPECT_EQ(r.errors[i].field, field) << line;
    if (!code.empty()) {
      EXPECT_EQ(r.errors[i].code, code) << line;
    }
  }
  EXPECT_NE(r.errors[1].message_zh.find("********"), std::string::npos);  // masked, not leaked
  EXPECT_EQ(store_->records().Count(), 0);
}

TEST_P(ImportTest, OneBadLastRowLeavesTheStoreUnchanged) {
  SeedRegistry();
  std::string csv = kHeader;
  for (int i = 0; i < 140000; ++i) {  // two full batches written before the bad row is seen
    csv += Id(1 + i % 3) + ",2024-01-" + std::to_string(10 + i % 18) + ",professional,seminar,1," +
           "X,课程" + std::to_string(i) + ",\n";
  }
  csv += Id(1) + ",2024-13-01,professional,seminar,1,X,坏行,\n";
  auto r = Run(ImportKind::kRecords, csv);
  EXPECT_FALSE(r.committed);
  ASSERT_EQ(r.error_count, 1);
  EXPECT_EQ(First(r).line, 140002);
  EXPECT_EQ(r.inserted, 0);
  EXPECT_EQ(store_->records().Count(), 0);
  EXPECT_TRUE(store_->summaries().Get(PersonId(1), 2024).Total().IsZero());
}

TEST_P(ImportTest, ReimportingRecordsChangesNothing) {
  SeedRegistry();
  const std::string csv = kHeader + Id(1) + ",2024-03-01,professional,seminar,2,X,a,\n" + Id(2) +
                          ",2024-03-01,public,online,1.5,X,b,S-1\n" + Id(2) +
                          ",2024-03-01,public,online,1.5,X,b,S-1\n";  // same source id: once
  auto first = Run(ImportKind::kRecords, csv);
  ASSERT_TRUE(first.ok()) << First(first).message_en;
  EXPECT_EQ(first.inserted, 2);
  EXPECT_EQ(first.unchanged, 1);
  const auto before = store_->summaries().Get(PersonId(2), 2024);
  auto second = Run(ImportKind::kRecords, csv);
  EXPECT_TRUE(second.committed);
  EXPECT_EQ(second.inserted, 0);
  EXPECT_EQ(second.unchanged, 3);
  EXPECT_EQ(store_->records().Count(), 2);
  EXPECT_EQ(store_->summaries().Get(PersonId(2), 2024), before);
}

TEST_P(ImportTest, BomCrlfAndQuotedCommasInARealisticFile) {
  SeedRegistry();
  const std::string csv = "\xEF\xBB\xBF" "身份证号,日期,科目类别,培训形式,学时,施教机构,培训项目,来源编号,多余列\r\n" +
                          Id(3) + ",2024-06-01,专业,研讨会,3.5,\"某某协会, 成都分会\",\"“新材料”研讨, 第2期\",,备注\r\n";
  auto r = Run(ImportKind::kRecords, csv);
  ASSERT_TRUE(r.ok()) << First(r).message_en;
  auto list = store_->records().ListForPerson(PersonId(3), 2024);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].title, "“新材料”研讨, 第2期");
  EXPECT_EQ(list[0].provider_name, "某某协会, 成都分会");
  EXPECT_EQ(list[0].hours, Hours::FromCenti(350));
  EXPECT_EQ(list[0].form, Form::kSeminar);
}

TEST_P(ImportTest, ProgressIsReported) {
  SeedRegistry();
  ctx_.progress_every = 2;
  std::vector<int64_t> seen;
  ctx_.progress = [&](const ImportProgress& p) { seen.push_back(p.rows); };
  std::string csv = kHeader;
  for (int i = 0; i < 5; ++i) csv += Id(1) + ",2024-03-0" + std::to_string(i + 1) + ",public,online,1,X,t,\n";
  ASSERT_TRUE(Run(ImportKind::kRecords, csv).ok());
  EXPECT_EQ(seen, (std::vector<int64_t>{2, 4, 5}));
}

}  // namespace
}  // namespace jixu::app
