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
  CsvReader reader(path.string());
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

}  // namespace
}  // namespace jixu::app
