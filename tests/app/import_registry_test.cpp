// Importing employers, providers and persons: headers, validation, idempotency.
#include "app/import_fixture.hpp"

namespace jixu::app {
namespace {

// Once for the whole binary: import_records_test.cpp's TEST_Ps run on these backends too.
JIXU_INSTANTIATE_FOR_TEST_BACKENDS(ImportTest);

TEST_P(ImportTest, EmployersWithChineseHeadersInsertThenUnchangedThenUpdated) {
  const std::string header = "统一社会信用代码,单位名称,行政区划代码,单位类型,备注\n";
  const std::string rows = Code(1) + ",甲单位,510104,事业单位,x\n" + Code(2) +
                           ",\"乙单位, 有限公司\",110105,private_enterprise,\n";
  auto r = Run(ImportKind::kEmployers, header + rows);
  ASSERT_TRUE(r.ok()) << First(r).message_en;
  EXPECT_EQ(r.rows, 2);
  EXPECT_EQ(r.inserted, 2);
  r = Run(ImportKind::kEmployers, header + rows);
  EXPECT_EQ(r.inserted, 0);
  EXPECT_EQ(r.unchanged, 2);
  r = Run(ImportKind::kEmployers, header + Code(1) + ",甲单位（更名）,510104,事业单位,\n");
  EXPECT_EQ(r.updated, 1);
  auto e = store_->employers().FindByCode(Code(2));
  ASSERT_TRUE(e);
  EXPECT_EQ(e->name, "乙单位, 有限公司");
  EXPECT_EQ(e->type, records::EmployerType::kPrivateEnterprise);
}

TEST_P(ImportTest, LowerCaseCreditCodeIsNormalised) {
  std::string code = Code(3);
  for (char& c : code) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto r = Run(ImportKind::kProviders, "code,name,region_code,type\n" + code + ",机构,510104,\n");
  ASSERT_TRUE(r.ok()) << First(r).message_en;
  EXPECT_TRUE(store_->providers().FindByCode(Code(3)));
}

TEST_P(ImportTest, MissingRequiredColumnIsOneClearError) {
  auto r = Run(ImportKind::kPersons, "身份证号,姓名,单位代码,专业,职称级别\n" + Id(1) +
                                         ",张三," + Code(1) + ",工程,中级\n");
  ASSERT_EQ(r.error_count, 1);
  EXPECT_EQ(First(r).code, "missing_column");
  EXPECT_EQ(First(r).field, "region_code");
  EXPECT_EQ(First(r).line, 1);
  EXPECT_NE(First(r).message_zh.find("行政区划代码"), std::string::npos);
  EXPECT_EQ(r.rows, 0);
}

TEST_P(ImportTest, EmptyFileIsAnError) {
  EXPECT_EQ(First(Run(ImportKind::kEmployers, "")).code, "empty_file");
  auto r = Import(*store_, ImportKind::kEmployers, "/nonexistent/file.csv", ctx_);
  EXPECT_EQ(First(r).code, "file_unreadable");
}

TEST_P(ImportTest, PersonsWithChineseHeadersAndOptionalDates) {
  SeedRegistry();
  auto r = Run(ImportKind::kPersons,
               "*身份证号,姓名,单位代码,行政区划代码,专业系列,职称级别,取得职称日期,参加工作日期\n" +
                   Id(7) + ",李四," + Code(1) + ",510104,卫生,副高级,2019-07-01,2010/09/01\n");
  ASSERT_TRUE(r.ok()) << First(r).message_en;
  auto p = store_->persons().FindByIdNumber(Id(7));
  ASSERT_TRUE(p);
  EXPECT_EQ(p->title_level, records::TitleLevel::kAssociateSenior);
  EXPECT_EQ(p->title_since, Date::FromYmd(2019, 7, 1));
  EXPECT_EQ(p->joined, Date::FromYmd(2010, 9, 1));
  EXPECT_EQ(p->field, "卫生");
}

TEST_P(ImportTest, EveryPersonErrorNamesItsLineAndField) {
  SeedRegistry();
  std::string bad_id = Id(8);
  bad_id.back() = bad_id.back() == '0' ? '1' : '0';  // wrong check digit
  const std::string csv =
      "id_number,name,employer_code,region_code,field,title_level,joined\n" +  // line 1
      bad_id + ",甲," + Code(1) + ",510104,工程,中级,\n" +                     // 2: id
      Id(9) + ",乙," + Code(2) + ",510104,工程,中级,\n" +                      // 3: unknown employer
      Id(10) + ",丙,91510104MA0000000X,510104,工程,中级,\n" +                  // 4: bad credit code
      Id(11) + ",丁," + Code(1) + ",519999,工程,中级,\n" +                     // 5: region
      Id(12) + ",戊," + Code(1) + ",510104,工程,大师,\n" +                     // 6: title level
      Id(13) + ",己," + Code(1) + ",510104,工程,中级,2020-02-30\n" +           // 7: date
      Id(14) + ",," + Code(1) + ",510104,工程,中级,\n" +                       // 8: name missing
      Id(15) + ",庚," + Code(1) + ",510104,工程,中级,\n" +                     // 9: fine
      Id(15) + ",庚," + Code(1) + ",510104,工程,中级,\n";                      // 10: duplicate
  auto r = Run(ImportKind::kPersons, csv);
  EXPECT_FALSE(r.committed);
  ASSERT_EQ(r.error_count, 8);
  const std::vector<std::tuple<int64_t, std::string, std::string>> want = {
      {2, "id_number", ""},
      {3, "employer_code", "unknown_employer"},
      {4, "employer_code", ""},
      {5, "region_code", ""},
      {6, "title_level", "invalid_title_level"},
      {7, "joined", "invalid_date"},
      {8, "name", "missing_value"},
      {10, "id_number", "duplicate_row"},
  };
  size_t k = 0;
  for (const auto& [line, field, code] : want) {
    while (k < r.errors.size() && r.errors[k].line < line) ++k;
    ASSERT_LT(k, r.errors.size()) << line;
    EXPECT_EQ(r.errors[k].line, line);
    EXPECT_EQ(r.errors[k].field, field) << line;
    if (!code.empty()) {
      EXPECT_EQ(r.errors[k].code, code) << line;
    }
    EXPECT_FALSE(r.errors[k].message_zh.empty());
    EXPECT_FALSE(r.errors[k].message_en.empty());
  }
  EXPECT_EQ(store_->persons().Count({}), 3);  // the seeded ones only
}

TEST_P(ImportTest, ReimportingPersonsChangesNothing) {
  SeedRegistry();
  std::string persons = "id_number,name,employer_code,region_code,field,title_level\n";
  for (int i = 1; i <= 3; ++i) {
    persons += Id(i) + ",张" + std::to_string(i) + "," + Code(1) + ",510104,工程,intermediate\n";
  }
  auto r = Run(ImportKind::kPersons, persons);
  EXPECT_TRUE(r.committed);
  EXPECT_EQ(r.unchanged, 3);
  EXPECT_EQ(r.inserted + r.updated, 0);
}

TEST_P(ImportTest, RowShapeProblemsAreReported) {
  SeedRegistry();
  auto r = Run(ImportKind::kEmployers,
               "code,name,region_code,type\n" + Code(5) + ",名称,含逗号,510104,other\n" + Code(6) +
                   ",\"未闭合,510104,other\n");
  ASSERT_EQ(r.error_count, 2);
  EXPECT_EQ(r.errors[0].code, "too_many_fields");
  EXPECT_EQ(r.errors[0].line, 2);
  EXPECT_EQ(r.errors[1].code, "malformed_row");
  EXPECT_EQ(r.errors[1].line, 3);
  EXPECT_EQ(r.errors[1].message_zh, "CSV格式错误：引号未闭合");
}

TEST_P(ImportTest, ARowPastTheCsvLimitIsOneMalformedRowAndTheRestAreChecked) {
  SeedRegistry();
  auto r = Run(ImportKind::kEmployers, "code,name,region_code,type\n" + Code(5) + "," +
                                           std::string(2 << 20, 'x') + ",510104,other\n" +
                                           Code(6) + ",名称,12345,other\n");
  ASSERT_EQ(r.error_count, 2);
  EXPECT_EQ(r.errors[0].code, "malformed_row");
  EXPECT_EQ(r.errors[0].line, 2);
  EXPECT_EQ(r.errors[0].message_zh, "CSV格式错误：该行超过1048576字节");
  EXPECT_EQ(r.errors[0].message_en, "malformed CSV row: the row is longer than 1048576 bytes");
  EXPECT_EQ(r.errors[1].line, 3);
  EXPECT_FALSE(r.committed);
}

TEST_P(ImportTest, NonUtf8InputIsNamedAsAnEncodingProblem) {
  // "单位" in GBK.
  auto r = Run(ImportKind::kEmployers,
               "code,name,region_code,type\n" + Code(5) + ",\xB5\xA5\xCE\xBB,510104,other\n");
  EXPECT_EQ(First(r).code, "invalid_encoding");
  EXPECT_EQ(First(r).line, 2);
}

TEST_P(ImportTest, ErrorListIsCappedButEveryErrorCounted) {
  ctx_.max_listed_errors = 10;
  std::string csv = "code,name,region_code,type\n";
  for (int i = 0; i < 25; ++i) csv += "bad,名称,510104,other\n";
  auto r = Run(ImportKind::kEmployers, csv);
  EXPECT_EQ(r.error_count, 25);
  EXPECT_EQ(r.errors.size(), 10u);
  EXPECT_EQ(r.errors.back().line, 11);
}

TEST_P(ImportTest, DryRunValidatesButWritesNothing) {
  ctx_.dry_run = true;
  auto r = Run(ImportKind::kEmployers, "code,name,region_code,type\n" + Code(1) + ",甲,510104,\n");
  EXPECT_TRUE(r.ok());
  EXPECT_FALSE(r.committed);
  EXPECT_EQ(store_->employers().Count(), 0);
}

}  // namespace
}  // namespace jixu::app
