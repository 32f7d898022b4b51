// Hostile .xlsx files: forged sizes, zip bombs, oversized cells, rows and string tables, DTDs.
// Each is built here (nothing large is committed), and each is refused with a limit named, or
// read, within bounded memory: the peak RSS of a child process that reads the file is checked
// against the 256 MiB the import may use (a bound, not a timing).
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zip.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "app/xlsx_package.hpp"
#include "app/xlsx_reader.hpp"

namespace jixu::app {
namespace {

struct Part {
  std::string name;
  std::string data;
};

constexpr const char* kSheetPart = "xl/worksheets/sheet1.xml";

std::vector<Part> Package(const std::string& sheet_data, const std::string& shared = "") {
  std::vector<Part> parts = {
      {"xl/workbook.xml",
       R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>)"},
      {"xl/_rels/workbook.xml.rels",
       R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>)"},
      {kSheetPart,
       R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)" +
           sheet_data + "</sheetData></worksheet>"}};
  if (!shared.empty()) {
    parts.push_back({"xl/sharedStrings.xml",
                     R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)" +
                         shared + "</sst>"});
  }
  return parts;
}

/// The package as ZIP bytes (deflated parts).
std::string Zip(const std::vector<Part>& parts, int level = 9) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("jixu-hostile-" + std::to_string(::getpid()) + ".xlsx");
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  for (const auto& p : parts) {
    zip_source_t* src = zip_source_buffer(z, p.data.data(), p.data.size(), 0);
    const zip_int64_t i = zip_file_add(z, p.name.c_str(), src, ZIP_FL_OVERWRITE);
    zip_set_file_compression(z, static_cast<zip_uint64_t>(i), ZIP_CM_DEFLATE, static_cast<zip_uint32_t>(level));
  }
  EXPECT_EQ(zip_close(z), 0);
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  std::filesystem::remove(path);
  return bytes.str();
}

/// Rewrites the uncompressed size the ZIP declares for `part`, in its local header and in the
/// central directory: the forged-size attack.
void ForgeSize(std::string& zip, const std::string& part, uint32_t size) {
  int patched = 0;
  for (size_t at = 0; (at = zip.find("PK", at)) != std::string::npos; at += 2) {
    const bool local = zip.compare(at, 4, "PK\x03\x04") == 0;
    const bool central = zip.compare(at, 4, "PK\x01\x02") == 0;
    if (!local && !central) continue;
    const size_t name_at = at + (local ? 30 : 46);
    const size_t len_at = at + (local ? 26 : 28);
    const auto name_len = static_cast<size_t>(static_cast<unsigned char>(zip[len_at]) |
                                              static_cast<unsigned char>(zip[len_at + 1]) << 8);
    if (zip.compare(name_at, name_len, part) != 0 || name_len != part.size()) continue;
    std::memcpy(zip.data() + at + (local ? 22 : 24), &size, 4);  // little-endian host
    ++patched;
  }
  ASSERT_EQ(patched, 2) << part;
}

struct Outcome {
  std::string code;  ///< "" if every row was read
  std::string message;
  int64_t rows = 0;
};

Outcome ReadAll(std::string bytes, const XlsxLimits& limits = {}) {
  Outcome out;
  try {
    auto reader = XlsxReader::FromBytes(std::move(bytes), limits);
    Row row;
    while (reader->Next(row)) ++out.rows;
  } catch (const xlsx::MalformedXlsx& e) {
    out.code = e.code();
    out.message = e.what();
  }
  return out;
}

/// Peak resident set of a child process running `fn`, in MiB; -1 if the child failed.
int64_t ChildPeakRssMib(const std::function<void()>& fn) {
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) return -1;
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::close(pipe_fds[0]);
    fn();
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    const int64_t kib = usage.ru_maxrss;
    if (::write(pipe_fds[1], &kib, sizeof kib) != sizeof kib) ::_exit(2);
    ::_exit(0);
  }
  ::close(pipe_fds[1]);
  int64_t kib = -1;
  const bool got = ::read(pipe_fds[0], &kib, sizeof kib) == sizeof kib;
  ::close(pipe_fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (!got || !WIFEXITED(status) || WEXITSTATUS(status) != 0) return -1;
  return kib / 1024;
}

constexpr int64_t kImportBudgetMib = 256;

std::string InlineRow(int line, const std::string& text) {
  return "<row r=\"" + std::to_string(line) + "\"><c r=\"A" + std::to_string(line) +
         "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c></row>";
}

TEST(XlsxHostile, ForgedDeclaredSizesAreNeverAllocated) {
  // The defect: a 24 KB file declaring a 3.6 GiB shared-string part made the reader allocate
  // (and zero) what the ZIP claimed. Sizes are now counted as the bytes inflate.
  std::string sheet;
  std::string shared;
  for (int i = 1; i <= 200; ++i) {
    sheet += "<row r=\"" + std::to_string(i) + "\"><c r=\"A" + std::to_string(i) +
             "\" t=\"s\"><v>" + std::to_string(i - 1) + "</v></c></row>";
    shared += "<si><t>name " + std::to_string(i) + "</t></si>";
  }
  std::string zip = Zip(Package(sheet, shared));
  ForgeSize(zip, "xl/sharedStrings.xml", 0xE6666666u);  // 3.6 GiB
  ForgeSize(zip, kSheetPart, 0xFFFFFF00u);
  ASSERT_LT(zip.size(), 24u << 10);
  Outcome outcome;
  const int64_t peak = ChildPeakRssMib([&] {
    const Outcome o = ReadAll(zip);
    // Either refusal or a full read is acceptable; the memory is what this test is about.
    if (!o.code.empty() && o.code != "malformed_xlsx") ::_exit(3);
    if (o.code.empty() && o.rows != 200) ::_exit(4);
  });
  ASSERT_GT(peak, 0) << "the child failed";
  EXPECT_LT(peak, kImportBudgetMib);
}

TEST(XlsxHostile, AZipBombIsRefusedByItsCompressionRatio) {
  std::string zip;
  {
    // 64 MiB of blank space between two rows deflates to about 64 KB (ratio ~1000).
    std::string sheet = InlineRow(1, "header");
    sheet.append(size_t{64} << 20, ' ');
    sheet += InlineRow(2, "after the padding");
    zip = Zip(Package(sheet), 1);
  }
  ASSERT_LT(zip.size(), 1u << 20);
  const int64_t peak = ChildPeakRssMib([&] {
    const Outcome o = ReadAll(zip);
    if (o.code != "xlsx_limit_exceeded") ::_exit(3);
    if (o.message.find("compression ratio of xl/worksheets/sheet1.xml") == std::string::npos) {
      ::_exit(4);
    }
  });
  ASSERT_GT(peak, 0) << "not refused for its ratio";
  EXPECT_LT(peak, kImportBudgetMib);
}

TEST(XlsxHostile, APartPastItsSizeCapIsRefusedNamingTheCap) {
  std::string sheet;
  for (int i = 1; i <= 40000; ++i) sheet += InlineRow(i, "row " + std::to_string(i));
  XlsxLimits limits;
  limits.max_sheet_bytes = 1 << 20;
  const Outcome o = ReadAll(Zip(Package(sheet)), limits);
  EXPECT_EQ(o.code, "xlsx_limit_exceeded");
  EXPECT_NE(o.message.find("inflated size of xl/worksheets/sheet1.xml over 1 MiB"),
            std::string::npos)
      << o.message;
  EXPECT_GT(o.rows, 1000);  // streamed: rows were handed out before the cap was reached
}

TEST(XlsxHostile, SharedStringTableCaps) {
  const std::string sheet = InlineRow(1, "h");
  XlsxLimits limits;
  limits.max_shared_strings = 10;
  std::string shared;
  for (int i = 0; i < 11; ++i) shared += "<si><t>s</t></si>";
  Outcome o = ReadAll(Zip(Package(sheet, shared)), limits);
  EXPECT_EQ(o.code, "xlsx_limit_exceeded");
  EXPECT_NE(o.message.find("shared strings over 10 entries"), std::string::npos) << o.message;

  limits = {};
  limits.max_cell_bytes = 100;
  o = ReadAll(Zip(Package(sheet, "<si><t>" + std::string(60, 'a') + "</t><t>" +
                                     std::string(60, 'b') + "</t></si>")),
              limits);
  EXPECT_NE(o.message.find("shared string 1 over 100 bytes"), std::string::npos) << o.message;

  limits = {};
  limits.max_shared_string_bytes = 1000;
  shared.clear();
  for (int i = 0; i < 30; ++i) shared += "<si><t>" + std::string(50, 'c') + "</t></si>";
  o = ReadAll(Zip(Package(sheet, shared)), limits);
  EXPECT_NE(o.message.find("shared strings in total over 1000 bytes"), std::string::npos)
      << o.message;
}

TEST(XlsxHostile, SharedStringsAcrossManyBlocksReadBack) {
  // Strings of up to 128 KiB fill several 1 MiB blocks; each must come back intact.
  std::string shared;
  std::string sheet;
  std::vector<std::string> expected;
  for (int i = 0; i < 40; ++i) {
    // Varied text (a run of one letter would trip the compression-ratio cap, as it should).
    std::string text(static_cast<size_t>(1000 + i * 3000), ' ');
    uint32_t seed = static_cast<uint32_t>(i) + 1;
    for (auto& c : text) {
      seed = seed * 1664525u + 1013904223u;
      c = static_cast<char>('a' + (seed >> 24) % 26);
    }
    expected.push_back(text);
    shared += "<si><t>" + expected.back() + "</t></si>";
    sheet += "<row r=\"" + std::to_string(i + 1) + "\"><c t=\"s\"><v>" + std::to_string(i) +
             "</v></c></row>";
  }
  auto reader = XlsxReader::FromBytes(Zip(Package(sheet, shared)));
  Row row;
  for (const auto& want : expected) {
    ASSERT_TRUE(reader->Next(row));
    ASSERT_EQ(row.fields.size(), 1u);
    ASSERT_EQ(row.fields[0], want) << row.line;
  }
  EXPECT_FALSE(reader->Next(row));
}

TEST(XlsxHostile, CellRowAndRowCountCaps) {
  XlsxLimits limits;
  limits.max_cell_bytes = 100;
  Outcome o = ReadAll(Zip(Package(InlineRow(1, "ok") + InlineRow(2, std::string(101, 'x')))), limits);
  EXPECT_EQ(o.code, "xlsx_limit_exceeded");
  EXPECT_NE(o.message.find("a cell of row 2 over 100 bytes"), std::string::npos) << o.message;

  limits = {};
  limits.max_row_bytes = 100;
  std::string wide = "<row r=\"3\">";
  for (int c = 0; c < 4; ++c) {
    wide += "<c t=\"inlineStr\"><is><t>" + std::string(30, 'w') + "</t></is></c>";
  }
  o = ReadAll(Zip(Package(InlineRow(1, "h") + wide + "</row>")), limits);
  EXPECT_NE(o.message.find("row 3 over 100 bytes"), std::string::npos) << o.message;

  limits = {};
  limits.max_rows = 3;
  std::string rows;
  for (int i = 1; i <= 4; ++i) rows += InlineRow(i, "r");
  o = ReadAll(Zip(Package(rows)), limits);
  EXPECT_NE(o.message.find("rows in the sheet over 3 rows"), std::string::npos) << o.message;
  EXPECT_EQ(o.rows, 3);

  o = ReadAll(Zip(Package(InlineRow(1, "h") + InlineRow(1048577, "beyond Excel's last row"))));
  EXPECT_EQ(o.code, "malformed_xlsx");
  EXPECT_NE(o.message.find("row number out of range"), std::string::npos) << o.message;
}

TEST(XlsxHostile, ColumnsPastTheCapAndOverlongReferences) {
  // A value in column 1,025 passes the default cap; an empty styled cell there is ignored.
  Outcome o = ReadAll(Zip(Package(InlineRow(1, "h") +
                                  "<row r=\"2\"><c r=\"AMK2\" s=\"1\"/><c r=\"A2\"><v>1</v></c></row>" +
                                  "<row r=\"3\"><c r=\"AMK3\"><v>1</v></c></row>")));
  EXPECT_EQ(o.code, "xlsx_limit_exceeded");
  EXPECT_NE(o.message.find("columns of row 3 over 1024 columns"), std::string::npos)
      << o.message;
  // A reference of many letters once overflowed an int while computing its column.
  o = ReadAll(Zip(Package(InlineRow(1, "h") +
                          "<row r=\"2\"><c r=\"ZZZZZZZZZZZZZZ2\"><v>1</v></c></row>")));
  EXPECT_EQ(o.code, "xlsx_limit_exceeded");
}

TEST(XlsxHostile, ADoctypeIsRefusedInEveryPart) {
  const std::string dtd = "<!DOCTYPE w [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>";
  auto parts = Package(InlineRow(1, "&b;"));
  parts[2].data = dtd + parts[2].data;
  Outcome o = ReadAll(Zip(parts));
  EXPECT_EQ(o.code, "malformed_xlsx");
  EXPECT_NE(o.message.find("a DOCTYPE is not allowed"), std::string::npos) << o.message;

  parts = Package(InlineRow(1, "h"), "<si><t>x</t></si>");
  parts[3].data = dtd + parts[3].data;
  o = ReadAll(Zip(parts));
  EXPECT_NE(o.message.find("a DOCTYPE is not allowed"), std::string::npos) << o.message;
}

TEST(XlsxHostile, RowsAreHandedOutOneAtATime) {
  // 3,000 rows each with a value in column XFD: 16,384 fields a row. Read a chunk of rows at
  // once (as before) and that was over a gigabyte; one row at a time it is half a megabyte.
  std::string sheet = InlineRow(1, "h");
  for (int i = 2; i <= 3000; ++i) {
    sheet += "<row r=\"" + std::to_string(i) + "\"><c r=\"XFD" + std::to_string(i) +
             "\"><v>1</v></c></row>";
  }
  const std::string zip = Zip(Package(sheet));
  XlsxLimits limits;
  limits.max_columns = 16384;
  const int64_t peak = ChildPeakRssMib([&] {
    const Outcome o = ReadAll(zip, limits);
    if (!o.code.empty() || o.rows != 3000) ::_exit(3);
  });
  ASSERT_GT(peak, 0);
  EXPECT_LT(peak, kImportBudgetMib);
}

}  // namespace
}  // namespace jixu::app
