// Control characters in imported fields: a NUL, an escape or a C1 control stored in a name would
// cut or colour whatever later prints it, so each is an error naming its line and column; a
// tab is the one allowed.
#include "app/import_fixture.hpp"

namespace jixu::app {
namespace {

using namespace std::string_literals;

TEST_P(ImportTest, NulInAFieldIsAnErrorNamingLineAndColumnAndNothingIsStored) {
  SeedRegistry();
  const std::string csv = "id_number,name,employer_code,region_code,field,title_level\n" + Id(4) +
                          ",李四," + Code(1) + ",510104,工程,中级\n" + Id(5) + ",王\0五"s + "," +
                          Code(1) + ",510104,工程,中级\n";
  const auto r = Run(ImportKind::kPersons, csv);
  EXPECT_FALSE(r.committed);
  ASSERT_EQ(r.error_count, 1);
  EXPECT_EQ(First(r).code, "control_character");
  EXPECT_EQ(First(r).line, 3);
  EXPECT_EQ(First(r).field, "name");
  EXPECT_NE(First(r).message_en.find("column 2 (name)"), std::string::npos) << First(r).message_en;
  EXPECT_NE(First(r).message_en.find("U+0000"), std::string::npos);
  EXPECT_NE(First(r).message_zh.find("第2列（名称）"), std::string::npos) << First(r).message_zh;
  EXPECT_FALSE(store_->persons().FindByIdNumber(Id(4)).has_value());
  EXPECT_FALSE(store_->persons().FindByIdNumber(Id(5)).has_value());
}

TEST_P(ImportTest, EveryControlCharacterButTabIsRefusedInAnyColumn) {
  SeedRegistry();
  const std::string header = "code,name,region_code,type,备注\n";
  // Escape (C0), DEL, U+0085 (C1, as UTF-8), a quoted line break, and a bare CR; the last
  // column is one the importer ignores, and is checked all the same.
  const std::string csv = header + Code(5) + ",名\x1b称,510104,other,\n" + Code(6) +
                          ",名称\x7f,510104,other,\n" + Code(7) + ",名称,510104,other,x\xC2\x85y\n" +
                          Code(8) + ",\"两\n行\",510104,other,\n" + Code(9) +
                          ",名称,510104,other,a\rb\n";
  const auto r = Run(ImportKind::kEmployers, csv);
  EXPECT_FALSE(r.committed);
  ASSERT_EQ(r.error_count, 5);
  const std::vector<std::pair<int64_t, std::string>> expected = {
      {2, "U+001B"}, {3, "U+007F"}, {4, "U+0085"}, {5, "U+000A"}, {7, "U+000D"}};
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(r.errors[i].code, "control_character");
    EXPECT_EQ(r.errors[i].line, expected[i].first) << i;
    EXPECT_NE(r.errors[i].message_en.find(expected[i].second), std::string::npos)
        << r.errors[i].message_en;
  }
  EXPECT_EQ(r.errors[0].field, "name");
  EXPECT_EQ(r.errors[2].field, "");  // an ignored column: named by its number only
  EXPECT_NE(r.errors[2].message_en.find("column 5"), std::string::npos) << r.errors[2].message_en;
  EXPECT_EQ(store_->employers().List("").size(), 1u);  // the seeded one only
}

TEST_P(ImportTest, ATabInsideAFieldIsAllowed) {
  SeedRegistry();
  const auto r = Run(ImportKind::kEmployers,
                     "code,name,region_code,type\n" + Code(5) + ",名\t称,510104,other\n");
  EXPECT_TRUE(r.committed) << First(r).message_en;
}

}  // namespace
}  // namespace jixu::app
