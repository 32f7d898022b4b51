// Excel in and out: the .xlsx reader feeds the same all-or-nothing import as CSV (shared and
// inline strings, numbers, dates as serial numbers, empty cells, Excel row numbers in errors),
// an exported roster imports back unchanged, and a damaged file is refused with nothing written.
#include <zip.h>

#include <filesystem>

#include "app/import_fixture.hpp"
#include "app/xlsx_export.hpp"
#include "app/xlsx_reader.hpp"
#include "app/xlsx_writer.hpp"

namespace jixu::app {
namespace {

class XlsxTest : public ImportTest {
 protected:
  void SetUp() override {
    ImportTest::SetUp();
    if (IsSkipped()) return;
    dir_ = std::filesystem::temp_directory_path() / ("jixu-xlsx-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  std::string Path(const std::string& name) { return (dir_ / name).string(); }

  /// A minimal package written by hand: inline strings, sparse cells, no styles part.
  std::string HandMade(const std::string& name, const std::string& sheet_xml) {
    const std::string path = Path(name);
    int err = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
    auto add = [&](const char* part, const std::string& text) {
      auto* copy = new std::string(text);  // libzip reads the buffer at close
      parts_.emplace_back(copy);
      zip_source_t* src = zip_source_buffer(z, copy->data(), copy->size(), 0);
      zip_file_add(z, part, src, ZIP_FL_OVERWRITE);
    };
    add("xl/workbook.xml",
        R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>)");
    add("xl/_rels/workbook.xml.rels",
        R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>)");
    add("xl/worksheets/sheet1.xml",
        R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)" +
            sheet_xml + "</sheetData></worksheet>");
    zip_close(z);
    parts_.clear();
    return path;
  }
  static std::string Inline(const std::string& ref, const std::string& text) {
    return "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
  }
  static std::string Num(const std::string& ref, const std::string& v) {
    return "<c r=\"" + ref + "\"><v>" + v + "</v></c>";
  }

  std::filesystem::path dir_;
  std::vector<std::unique_ptr<std::string>> parts_;
};

JIXU_INSTANTIATE_FOR_TEST_BACKENDS(XlsxTest);

TEST_P(XlsxTest, ExcelSerialDates) {
  EXPECT_EQ(ExcelSerialToDate(1)->ToString(), "1900-01-01");
  EXPECT_EQ(ExcelSerialToDate(59)->ToString(), "1900-02-28");
  EXPECT_FALSE(ExcelSerialToDate(60).has_value());  // Excel's phantom 1900-02-29
  EXPECT_EQ(ExcelSerialToDate(61)->ToString(), "1900-03-01");
  EXPECT_EQ(ExcelSerialToDate(45292)->ToString(), "2024-01-01");
  EXPECT_EQ(ExcelSerialToDate(45292.75)->ToString(), "2024-01-01");
  EXPECT_EQ(ExcelSerialToDate(0, true)->ToString(), "1904-01-01");
}

TEST_P(XlsxTest, PersonsRosterRoundTrips) {
  SeedRegistry();
  records::Person p = *store_->persons().FindByIdNumber(Id(2));
  p.title_since = Date::FromYmd(2019, 12, 31);
  p.joined = Date::FromYmd(2008, 7, 1);
  store_->persons().Upsert(std::span(&p, 1));
  const std::string file = Path("roster.xlsx");
  EXPECT_EQ(ExportPersonsXlsx(*store_, {}, file).rows, 3);

  auto fresh = storage::OpenSqliteStore(":memory:");
  fresh->Migrate();
  fresh->employers().Upsert(store_->employers().List(""));
  const auto report = ImportXlsx(*fresh, ImportKind::kPersons, file, ctx_);
  ASSERT_TRUE(report.committed) << First(report).message_en << " line " << First(report).line;
  EXPECT_EQ(report.inserted, 3);
  for (int i = 1; i <= 3; ++i) {
    const auto a = *store_->persons().FindByIdNumber(Id(i));
    const auto b = *fresh->persons().FindByIdNumber(Id(i));
    EXPECT_EQ(a.name, b.name);
    EXPECT_EQ(a.employer_code, b.employer_code);
    EXPECT_EQ(a.region_code, b.region_code);
    EXPECT_EQ(a.field, b.field);
    EXPECT_EQ(a.title_level, b.title_level);
    EXPECT_EQ(a.title_since, b.title_since) << i;
    EXPECT_EQ(a.joined, b.joined) << i;
  }
  // Importing the roster into the store it came from changes nothing.
  EXPECT_EQ(ImportXlsx(*store_, ImportKind::kPersons, file, ctx_).unchanged, 3);
}

TEST_P(XlsxTest, RecordsWithChineseHeadersDatesAndNumbers) {
  SeedRegistry();
  const std::string file = Path("records.xlsx");
  {
    XlsxWriter w(file);
    w.AddSheet("学时", {{"身份证号"}, {"完成日期", 12, XlsxKind::kDate}, {"科目类别"}, {"培训形式"},
                      {"学时", 8, XlsxKind::kNumber}, {"施教机构"}, {"课程名称"}});
    w.AddRow({Id(1), *Date::FromYmd(2024, 3, 10), std::string("专业科目"), std::string("集中培训"),
              24.0, ProviderCode(), std::string("课程一")});
    w.AddRow({Id(1), *Date::FromYmd(2024, 12, 31), std::string("公需科目"),
              std::string("网络课程"), 0.1 + 0.2, std::string("外部机构"), std::string("课程二")});
    w.Close();
  }
  const auto report = ImportXlsx(*store_, ImportKind::kRecords, file, ctx_);
  ASSERT_TRUE(report.committed) << First(report).message_en << " line " << First(report).line;
  EXPECT_EQ(report.inserted, 2);
  const auto totals = store_->summaries().Get(PersonId(1), 2024);
  EXPECT_EQ(totals.CategoryTotal(records::Category::kProfessional), Hours::FromWhole(24));
  EXPECT_EQ(totals.CategoryTotal(records::Category::kPublic), Hours::FromCenti(30));
}

TEST_P(XlsxTest, InlineStringsSparseCellsAndUnstyledDateNumbers) {
  SeedRegistry();
  const std::string xml =
      "<row r=\"1\">" + Inline("A1", "id_number") + Inline("B1", "date") +
      Inline("C1", "category") + Inline("D1", "form") + Inline("E1", "hours") +
      Inline("F1", "provider") + Inline("G1", "title") + Inline("H1", "source_id") + "</row>" +
      // Row 3 (row 2 left out, as Excel does for empty rows); H3 empty; the date as a bare number.
      "<row r=\"3\">" + Inline("A3", Id(2)) + Num("B3", "45366") + Inline("C3", "professional") +
      Inline("D3", "seminar") + Num("E3", "7.5") + Inline("F3", "某协会") + Inline("G3", "研讨会") +
      "</row>";
  const auto report = ImportXlsx(*store_, ImportKind::kRecords, HandMade("inline.xlsx", xml), ctx_);
  ASSERT_TRUE(report.committed) << First(report).message_en;
  auto rs = store_->records().ListForPerson(PersonId(2), 2024);
  ASSERT_EQ(rs.size(), 1u);
  EXPECT_EQ(rs[0].date.ToString(), "2024-03-15");
  EXPECT_EQ(rs[0].hours, Hours::FromCenti(750));
}

TEST_P(XlsxTest, BadRowIsReportedWithItsExcelRowAndNothingIsWritten) {
  SeedRegistry();
  const std::string xml =
      "<row r=\"1\">" + Inline("A1", "id_number") + Inline("B1", "date") +
      Inline("C1", "category") + Inline("D1", "form") + Inline("E1", "hours") +
      Inline("F1", "provider") + Inline("G1", "title") + "</row>" + "<row r=\"2\">" +
      Inline("A2", Id(1)) + Num("B2", "45366") + Inline("C2", "professional") +
      Inline("D2", "seminar") + Num("E2", "8") + Inline("F2", "x") + Inline("G2", "ok") + "</row>" +
      "<row r=\"7\">" + Inline("A7", Id(1)) + Num("B7", "45366") + Inline("C7", "professional") +
      Inline("D7", "seminar") + Num("E7", "-3") + Inline("F7", "x") + Inline("G7", "bad") + "</row>";
  const auto report = ImportXlsx(*store_, ImportKind::kRecords, HandMade("bad.xlsx", xml), ctx_);
  EXPECT_FALSE(report.committed);
  EXPECT_EQ(First(report).line, 7);
  EXPECT_EQ(First(report).field, "hours");
  EXPECT_EQ(store_->records().Count(), 0);
}

TEST_P(XlsxTest, ControlCharactersInACellAreErrorsNamingRowAndColumn) {
  SeedRegistry();
  // XML cannot carry a NUL, but it can carry a line break (&#10;) and C1 controls (&#133;).
  const std::string xml =
      "<row r=\"1\">" + Inline("A1", "code") + Inline("B1", "name") + Inline("C1", "region_code") +
      Inline("D1", "type") + "</row>" + "<row r=\"4\">" + Inline("A4", Code(5)) +
      Inline("B4", "名&#10;称") + Num("C4", "510104") + Inline("D4", "other") + "</row>" +
      "<row r=\"6\">" + Inline("A6", Code(6)) + Inline("B6", "名称") + Num("C6", "510104") +
      Inline("D6", "oth&#133;er") + "</row>";
  const auto r = ImportXlsx(*store_, ImportKind::kEmployers, HandMade("ctl.xlsx", xml), ctx_);
  EXPECT_FALSE(r.committed);
  ASSERT_EQ(r.error_count, 2);
  EXPECT_EQ(r.errors[0].line, 4);
  EXPECT_EQ(r.errors[0].field, "name");
  EXPECT_EQ(r.errors[0].code, "control_character");
  EXPECT_NE(r.errors[0].message_en.find("column 2 (name)"), std::string::npos);
  EXPECT_EQ(r.errors[1].line, 6);
  EXPECT_EQ(r.errors[1].field, "type");
  EXPECT_NE(r.errors[1].message_en.find("U+0085"), std::string::npos);
}

TEST_P(XlsxTest, MalformedFilesGetAClearErrorAndWriteNothing) {
  SeedRegistry();
  const std::string junk = Path("junk.xlsx");
  std::ofstream(junk) << "id_number,name\nthis is not a zip\n";
  auto r = ImportXlsx(*store_, ImportKind::kRecords, junk, ctx_);
  EXPECT_FALSE(r.committed);
  EXPECT_EQ(First(r).code, "malformed_xlsx");
  EXPECT_NE(First(r).message_zh.find("Excel"), std::string::npos);

  // A real ZIP whose worksheet breaks off in the middle of a row.
  const std::string xml = "<row r=\"1\">" + Inline("A1", "id_number") + Inline("B1", "date") +
                          Inline("C1", "category") + Inline("D1", "form") + Inline("E1", "hours") +
                          Inline("F1", "provider") + Inline("G1", "title") + "</row>" +
                          "<row r=\"2\">" + Inline("A2", Id(1)) + Num("B2", "45366") +
                          Inline("C2", "professional") + Inline("D2", "seminar") + Num("E2", "8") +
                          Inline("F2", "x") + Inline("G2", "ok") + "</row><row r=\"3\"><c r=\"A3";
  r = ImportXlsx(*store_, ImportKind::kRecords, HandMade("broken.xlsx", xml), ctx_);
  EXPECT_FALSE(r.committed);
  EXPECT_EQ(First(r).code, "malformed_xlsx");
  EXPECT_EQ(store_->records().Count(), 0);

  const std::string missing = Path("nosheet.xlsx");
  int err = 0;
  zip_t* z = zip_open(missing.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  static const char kText[] = "hello";
  zip_file_add(z, "readme.txt", zip_source_buffer(z, kText, 5, 0), 0);
  zip_close(z);
  r = ImportXlsx(*store_, ImportKind::kRecords, missing, ctx_);
  EXPECT_EQ(First(r).code, "malformed_xlsx");
  EXPECT_NE(First(r).message_en.find("workbook.xml"), std::string::npos) << First(r).message_en;
}

}  // namespace
}  // namespace jixu::app
