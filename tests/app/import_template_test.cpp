// The import templates (导入模板): read back by the project's own .xlsx reader they have the
// Chinese headers the importer accepts (required ones starred), a sample row that passes the
// importer's checks, drop-down lists for every enumeration and code columns as text; and CSV in
// GB18030/GBK (what Chinese Excel saves) is converted, while other bytes are named in the error.
#include <zip.h>

#include <filesystem>

#include "app/import/encoding.hpp"
#include "app/import/template.hpp"
#include "app/import_fixture.hpp"
#include "app/xlsx_reader.hpp"
#include "app/zip_writer.hpp"

namespace jixu::app {
namespace {

class ImportTemplateTest : public ImportTest {
 protected:
  void TearDown() override {
    for (const auto& p : files_) std::filesystem::remove(p);
  }
  std::string Write(ImportKind kind) {
    const std::string path = (std::filesystem::temp_directory_path() /
                              ("jixu-template-" + std::to_string(getpid()) + "-" +
                               std::string(ImportKindCode(kind)) + ".xlsx")).string();
    files_.push_back(path);
    import::WriteTemplate(kind, path);
    return path;
  }
  /// One part of the package as text.
  static std::string Part(const std::string& path, const char* name) {
    int err = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &err);
    if (z == nullptr) return "";
    std::string out;
    if (zip_file_t* f = zip_fopen(z, name, 0)) {
      char buf[4096];
      zip_int64_t n = 0;
      while ((n = zip_fread(f, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
      zip_fclose(f);
    }
    zip_close(z);
    return out;
  }
  /// The template's data sheet as CSV (header and sample row), as the web page sends it.
  static std::string AsCsv(const std::string& path) {
    XlsxReader reader(path);
    std::string csv;
    Row row;
    while (reader.Next(row)) {
      for (size_t i = 0; i < row.fields.size(); ++i) csv += (i ? "," : "") + std::string(row.fields[i]);
      csv += "\n";
    }
    return csv;
  }
  std::vector<std::string> files_;
};

JIXU_INSTANTIATE_FOR_TEST_BACKENDS(ImportTemplateTest);

TEST_P(ImportTemplateTest, EveryKindHasChineseHeadersAndAnImportableSample) {
  SeedRegistry();
  for (auto kind : {ImportKind::kEmployers, ImportKind::kProviders, ImportKind::kPersons, ImportKind::kRecords}) {
    const std::string path = Write(kind);
    const std::string csv = AsCsv(path);
    const auto cols = import::TemplateColumns(kind);
    ASSERT_FALSE(cols.empty());
    // The header: every column by its Chinese name, the required ones starred.
    const std::string header = csv.substr(0, csv.find('\n'));
    for (const auto& c : cols) {
      EXPECT_NE(header.find(c.zh + (c.required ? "*" : "")), std::string::npos) << header << " lacks " << c.zh;
    }
    EXPECT_EQ(header.find("id_number"), std::string::npos) << "no English header in the template";
    // The sample row passes every check of the importer (a dry run: nothing written).
    ctx_.dry_run = true;
    std::string sample = csv;
    if (kind == ImportKind::kPersons || kind == ImportKind::kRecords) {
      // Its employer / person / provider must exist: point those cells at the seeded ones.
      std::string row = csv.substr(csv.find('\n') + 1);
      row.pop_back();  // the line break
      std::vector<std::string> cells;
      for (size_t from = 0;;) {
        const size_t comma = row.find(',', from);
        cells.push_back(row.substr(from, comma - from));
        if (comma == std::string::npos) break;
        from = comma + 1;
      }
      // Empty trailing cells (optional columns the sample leaves blank) are not in the sheet.
      ASSERT_LE(cells.size(), cols.size());
      cells.resize(cols.size());
      for (size_t i = 0; i < cols.size(); ++i) {
        if (cols[i].name == "employer_code") cells[i] = Code(1);
        if (cols[i].name == "id_number" && kind == ImportKind::kRecords) cells[i] = Id(1);
        if (cols[i].name == "provider") cells[i] = ProviderCode();
        if (cols[i].name == "region_code") cells[i] = "510104";
      }
      sample = header + "\n";
      for (size_t i = 0; i < cells.size(); ++i) sample += (i ? "," : "") + cells[i];
      sample += "\n";
    }
    const auto report = Run(kind, sample);
    EXPECT_TRUE(report.ok()) << ImportKindCode(kind) << ": " << First(report).message_en << "\n" << sample;
    EXPECT_EQ(report.rows, 1) << ImportKindCode(kind);
    ctx_.dry_run = false;
  }
}

TEST_P(ImportTemplateTest, EnumerationsAreDropDownsAndCodesAreText) {
  const std::string path = Write(ImportKind::kRecords);
  const std::string sheet = Part(path, "xl/worksheets/sheet1.xml");
  ASSERT_FALSE(sheet.empty());
  // 科目类别, 培训形式 and 审核状态: three lists, from the options sheet.
  size_t lists = 0;
  for (size_t at = sheet.find("type=\"list\""); at != std::string::npos; at = sheet.find("type=\"list\"", at + 1)) ++lists;
  EXPECT_EQ(lists, 3u) << sheet.substr(0, 3000);
  EXPECT_NE(sheet.find("选项"), std::string::npos) << "lists come from the 选项 sheet";
  const std::string options = Part(path, "xl/sharedStrings.xml");
  for (const char* v : {"专业科目", "公需科目", "集中培训", "自修", "已通过"}) {
    EXPECT_NE(options.find(v), std::string::npos) << v;
  }
  // The ID number column is formatted as text (@), so Excel keeps 18 digits.
  EXPECT_NE(Part(path, "xl/styles.xml").find("formatCode=\"@\""), std::string::npos);
  EXPECT_NE(Part(path, "xl/workbook.xml").find("填写说明"), std::string::npos);
}

TEST_P(ImportTemplateTest, GbkCsvIsConvertedAndOtherBytesAreNamed) {
  // 姓名 and 张三 in GBK.
  const std::string gbk = "\xD0\xD5\xC3\xFB\n\xD5\xC5\xC8\xFD\n";
  auto decoded = import::DecodeCsvText(gbk);
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->encoding, "GB18030");
  EXPECT_EQ(decoded->text, "姓名\n张三\n");
  auto utf8 = import::DecodeCsvText("姓名\n张三\n");
  ASSERT_TRUE(utf8.has_value());
  EXPECT_EQ(utf8->encoding, "UTF-8");
  EXPECT_FALSE(import::DecodeCsvText("A\xFF\xFF" "B").has_value());

  // A GBK file given to the importer as it is (the CLI) is refused with the encoding named.
  SeedRegistry();
  const std::string header = "id_number,name,employer_code,region_code,field,title_level\n";
  auto r = Run(ImportKind::kPersons, header + Id(7) + ",\xD5\xC5\xC8\xFD," + Code(1) + ",510104,工程,中级\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(First(r).code, "invalid_encoding");
  EXPECT_NE(First(r).message_zh.find("GB18030/GBK"), std::string::npos) << First(r).message_zh;
  EXPECT_EQ(First(r).line, 2);
  // Converted first (the web API does), the same file imports.
  auto converted = import::DecodeCsvText(header + Id(7) + ",\xD5\xC5\xC8\xFD," + Code(1) + ",510104,\xB9\xA4\xB3\xCC,\xD6\xD0\xBC\xB6\n");
  ASSERT_TRUE(converted.has_value());
  auto ok = Run(ImportKind::kPersons, converted->text);
  EXPECT_TRUE(ok.committed) << First(ok).message_en;
  EXPECT_EQ(store_->persons().FindByIdNumber(Id(7))->name, "张三");
}

TEST(ZipArchive, HoldsEveryEntryByItsUtf8Name) {
  const std::string zip = ZipArchive({{"张三-2025.pdf", "%PDF-1 one"}, {"李四-2025.pdf", std::string(100000, 'x')}});
  const auto path = std::filesystem::temp_directory_path() / ("jixu-zip-" + std::to_string(getpid()) + ".zip");
  { std::ofstream(path, std::ios::binary) << zip; }
  int err = 0;
  zip_t* z = zip_open(path.string().c_str(), ZIP_RDONLY, &err);
  ASSERT_NE(z, nullptr);
  ASSERT_EQ(zip_get_num_entries(z, 0), 2);
  EXPECT_STREQ(zip_get_name(z, 0, ZIP_FL_ENC_RAW), "张三-2025.pdf");
  zip_stat_t st;
  ASSERT_EQ(zip_stat(z, "李四-2025.pdf", 0, &st), 0);
  EXPECT_EQ(st.size, 100000u);
  zip_close(z);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace jixu::app
