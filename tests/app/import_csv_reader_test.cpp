// The streaming CSV reader: RFC 4180 quoting, BOM, CRLF, line numbers, chunk boundaries.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "app/csv_reader.hpp"

namespace jixu::app {
namespace {

std::vector<std::vector<std::string>> ReadAll(RowSource& src, std::vector<int64_t>* lines = nullptr,
                                              std::vector<std::string>* errors = nullptr) {
  std::vector<std::vector<std::string>> out;
  Row row;
  while (src.Next(row)) {
    out.emplace_back(row.fields.begin(), row.fields.end());
    if (lines) lines->push_back(row.line);
    if (errors) errors->push_back(row.error);
  }
  return out;
}

using Rows = std::vector<std::vector<std::string>>;

TEST(CsvReader, SplitsPlainAndQuotedFields) {
  auto r = CsvReader::FromString("a,b,c\n1,\"x, y\",\"say \"\"hi\"\"\"\n,,\n");
  EXPECT_EQ(ReadAll(r), (Rows{{"a", "b", "c"}, {"1", "x, y", "say \"hi\""}, {"", "", ""}}));
}

TEST(CsvReader, SkipsBomAndHandlesCrlfAndMissingFinalNewline) {
  auto r = CsvReader::FromString("\xEF\xBB\xBFid,名称\r\n1,甲\r\n2,乙");
  EXPECT_EQ(ReadAll(r), (Rows{{"id", "名称"}, {"1", "甲"}, {"2", "乙"}}));
}

TEST(CsvReader, CountsLinesAcrossBlankLinesAndQuotedNewlines) {
  auto r = CsvReader::FromString("h\n\n\"multi\nline\"\r\n\nlast\n");
  std::vector<int64_t> lines;
  EXPECT_EQ(ReadAll(r, &lines), (Rows{{"h"}, {"multi\nline"}, {"last"}}));
  EXPECT_EQ(lines, (std::vector<int64_t>{1, 3, 6}));
}

TEST(CsvReader, StrayQuoteInPlainTextIsLiteral) {
  auto r = CsvReader::FromString("5\" screen,ok\n");
  EXPECT_EQ(ReadAll(r), (Rows{{"5\" screen", "ok"}}));
}

TEST(CsvReader, ReportsMalformedQuotes) {
  auto r = CsvReader::FromString("\"ab\"c,d\n\"never closed,e\n");
  std::vector<std::string> errors;
  auto rows = ReadAll(r, nullptr, &errors);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(errors[0], "unexpected character after a closing quote");
  EXPECT_EQ(rows[0][1], "d");
  EXPECT_EQ(errors[1], "unterminated quoted field");
}

TEST(CsvReader, TabDelimiter) {
  auto r = CsvReader::FromString("a\tb\n1\t2\n", '\t');
  EXPECT_EQ(ReadAll(r), (Rows{{"a", "b"}, {"1", "2"}}));
}

TEST(CsvReader, StreamsAFileLargerThanItsBufferWithRowsAcrossChunks) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("jixu-csv-" + std::to_string(::getpid()) + ".csv");
  const std::string big(3 << 20, 'x');  // one field longer than the 1 MiB chunk
  {
    std::ofstream out(path, std::ios::binary);
    out << "n,text\r\n";
    for (int i = 0; i < 50000; ++i) out << i << ",\"row " << i << ", quoted\"\r\n";
    out << "big," << big << "\n";
    out << "end,\"a\nb\"\n";
  }
  CsvReader reader(path.string(), ',', CsvLimits{.max_row_bytes = 4 << 20});
  Row row;
  int64_t n = 0;
  bool saw_big = false;
  while (reader.Next(row)) {
    if (n >= 1 && n <= 50000) {
      ASSERT_EQ(row.fields.size(), 2u) << row.line;
      ASSERT_EQ(row.fields[0], std::to_string(n - 1));
      ASSERT_EQ(row.fields[1], "row " + std::to_string(n - 1) + ", quoted");
      ASSERT_EQ(row.line, n + 1);
    }
    if (row.fields[0] == "big") saw_big = row.fields[1].size() == big.size();
    if (row.fields[0] == "end") {
      EXPECT_EQ(row.fields[1], "a\nb");
      EXPECT_EQ(row.line, 50003);
    }
    ++n;
  }
  EXPECT_EQ(n, 50003);
  EXPECT_TRUE(saw_big);
  std::filesystem::remove(path);
}

TEST(CsvReader, ARowPastTheLimitIsAnErrorAndTheNextRowsStillRead) {
  const std::string big(3 << 20, 'x');  // three times the default 1 MiB row limit
  auto r = CsvReader::FromString("a,b\n1,\"" + big + "\n" + big + "\"\n2,ok\n");
  std::vector<int64_t> lines;
  std::vector<std::string> errors;
  const auto rows = ReadAll(r, &lines, &errors);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(errors[1], "the row is longer than 1048576 bytes");
  EXPECT_TRUE(rows[1].empty());  // nothing of the row is handed out
  EXPECT_EQ(lines[1], 2);
  EXPECT_EQ(rows[2], (std::vector<std::string>{"2", "ok"}));
  EXPECT_EQ(lines[2], 4);  // the quoted line break inside the long row still counts
}

TEST(CsvReader, AnEndlessLineInAFileIsDroppedAsItIsRead) {
  // 24 MiB without a line break: read past in chunks, never held (the buffer would otherwise
  // double to 32 MiB); the limit is small here so the test can see it.
  const auto path = std::filesystem::temp_directory_path() /
                    ("jixu-csv-long-" + std::to_string(::getpid()) + ".csv");
  {
    std::ofstream out(path, std::ios::binary);
    out << "a,b\n";
    const std::string chunk(1 << 20, 'y');
    for (int i = 0; i < 24; ++i) out << chunk;
    out << "\nlast,row\n";
  }
  CsvReader reader(path.string(), ',', CsvLimits{.max_row_bytes = 64 << 10});
  std::vector<std::string> errors;
  const auto rows = ReadAll(reader, nullptr, &errors);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(errors[1], "the row is longer than 65536 bytes");
  EXPECT_EQ(rows[2], (std::vector<std::string>{"last", "row"}));
  std::filesystem::remove(path);
}

TEST(CsvReader, TooManyFieldsIsAnError) {
  auto r = CsvReader::FromString("a\n" + std::string(5000, ',') + "\nb\n");
  std::vector<std::string> errors;
  const auto rows = ReadAll(r, nullptr, &errors);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(errors[1], "the row has more than 1024 fields");
  EXPECT_LE(rows[1].size(), 1024u);
  EXPECT_EQ(errors[2], "");
}

TEST(CsvReader, ControlCharactersPassThroughTheReaderForTheImporterToName) {
  using namespace std::string_literals;
  auto r = CsvReader::FromString("a,b\nx\0y,z\x1b\n"s);
  EXPECT_EQ(ReadAll(r), (Rows{{"a", "b"}, {std::string("x\0y", 3), "z\x1b"}}));
}

}  // namespace
}  // namespace jixu::app
