#include "core/validate/region.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace jixu::validate {
namespace {

std::string ReadSourceFile(const std::string& relative) {
  std::ifstream in(std::string(JIXU_SOURCE_DIR) + "/" + relative, std::ios::binary);
  EXPECT_TRUE(in.good()) << relative;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

constexpr const char* kSmallCsv =
    "code,name\n"
    "510000,四川省\n"
    "510100,成都市\n"
    "510104,锦江区\n"
    "510105,青羊区\n"
    "110000,北京市\n"
    "110100,市辖区\n"
    "110105,朝阳区\n";

TEST(RegionCode, FormatAndLevel) {
  EXPECT_TRUE(IsProvincePrefix("11"));
  EXPECT_TRUE(IsProvincePrefix("65"));
  EXPECT_TRUE(IsProvincePrefix("82"));
  EXPECT_FALSE(IsProvincePrefix("10"));
  EXPECT_FALSE(IsProvincePrefix("16"));
  EXPECT_FALSE(IsProvincePrefix("66"));
  EXPECT_FALSE(IsProvincePrefix("83"));
  EXPECT_FALSE(IsProvincePrefix("1"));
  EXPECT_TRUE(IsRegionCodeFormat("510104"));
  EXPECT_FALSE(IsRegionCodeFormat("51010"));
  EXPECT_FALSE(IsRegionCodeFormat("99010a"));
  EXPECT_FALSE(IsRegionCodeFormat("990100"));
  EXPECT_EQ(RegionLevelOf("510000"), RegionLevel::kProvince);
  EXPECT_EQ(RegionLevelOf("510100"), RegionLevel::kCity);
  EXPECT_EQ(RegionLevelOf("510104"), RegionLevel::kCounty);
}

TEST(RegionTable, ParsesAndDerivesHierarchy) {
  const auto t = RegionTable::Parse(kSmallCsv);
  ASSERT_TRUE(t.ok()) << t.error().message_en;
  EXPECT_EQ(t.value().size(), 7u);
  const Region* r = t.value().Find("510104");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->name, "锦江区");
  EXPECT_EQ(r->level, RegionLevel::kCounty);
  EXPECT_EQ(t.value().Find("510100")->level, RegionLevel::kCity);
  EXPECT_EQ(t.value().Find("510000")->level, RegionLevel::kProvince);
  EXPECT_EQ(t.value().Find("510106"), nullptr);
  EXPECT_FALSE(t.value().Contains("510106"));
}

TEST(RegionTable, FullNameSkipsPlaceholderCities) {
  const auto t = RegionTable::Parse(kSmallCsv).value();
  EXPECT_EQ(t.FullName("510104"), "四川省 成都市 锦江区");
  EXPECT_EQ(t.FullName("510100"), "四川省 成都市");
  EXPECT_EQ(t.FullName("510000"), "四川省");
  EXPECT_EQ(t.FullName("110105"), "北京市 朝阳区");
  EXPECT_EQ(t.FullName("999999"), "");
}

TEST(RegionTable, NameOfPrefixAtEachLevel) {
  const auto t = RegionTable::Parse(kSmallCsv).value();
  EXPECT_EQ(t.NameOfPrefix("51"), "四川省");
  EXPECT_EQ(t.NameOfPrefix("5101"), "成都市");
  EXPECT_EQ(t.NameOfPrefix("510104"), "锦江区") << "a county, not its city";
  EXPECT_EQ(t.NameOfPrefix("510105"), "青羊区");
  EXPECT_EQ(t.NameOfPrefix("1101"), "北京市") << "市辖区 is named by its province";
  EXPECT_EQ(t.NameOfPrefix("5102"), "");
  EXPECT_EQ(t.NameOfPrefix("510"), "");
}

TEST(RegionTable, ProvincesAndCountiesAreSortedByCode) {
  const auto t = RegionTable::Parse(kSmallCsv).value();
  const auto provinces = t.Provinces();
  ASSERT_EQ(provinces.size(), 2u);
  EXPECT_EQ(provinces[0]->code, "110000");
  EXPECT_EQ(provinces[1]->code, "510000");
  const auto counties = t.CountiesOf("51");
  ASSERT_EQ(counties.size(), 2u);
  EXPECT_EQ(counties[0]->code, "510104");
  EXPECT_EQ(counties[1]->code, "510105");
  EXPECT_EQ(t.CountiesOf("5101").size(), 2u);
  EXPECT_TRUE(t.CountiesOf("52").empty());
  EXPECT_TRUE(t.CountiesOf("").empty());
}

TEST(RegionTable, ValidateDistinguishesFormatFromUnknown) {
  const auto t = RegionTable::Parse(kSmallCsv).value();
  const auto ok = t.Validate("510104");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok.value(), "510104");
  const auto unknown = t.Validate("510199", "work_region");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, kRegionUnknownError);
  EXPECT_EQ(unknown.error().field, "work_region");
  EXPECT_NE(unknown.error().message_en.find("work_region"), std::string::npos);
  EXPECT_NE(unknown.error().message_zh.find("work_region"), std::string::npos);
  EXPECT_EQ(t.Validate("5101").error().code, kRegionCodeFormatError);
  EXPECT_EQ(t.Validate("990104").error().code, kRegionCodeFormatError);
}

TEST(RegionTable, AcceptsBomCrlfQuotesAndBlankLines) {
  const auto t = RegionTable::Parse(
      "\xEF\xBB\xBF" "code,name\r\n510000,\"四川省\"\r\n\r\n510104,\"锦\"\"江\"\"区\"\r\n");
  ASSERT_TRUE(t.ok()) << t.error().message_en;
  EXPECT_EQ(t.value().Find("510000")->name, "四川省");
  EXPECT_EQ(t.value().Find("510104")->name, "锦\"江\"区");
}

struct BadTable {
  const char* csv;
  int line;
};

TEST(RegionTable, ParseErrorsNameTheLine) {
  const BadTable cases[] = {
      {"", 1},
      {"id,title\n510000,四川省\n", 1},
      {"code,name\n510000,四川省\n51010,成都市\n", 3},
      {"code,name\n510000,四川省\n990100,无\n", 3},
      {"code,name\n510000,四川省\n\n510100,\n", 4},
      {"code,name\n510000,四川省\n510100,成都市,多余\n", 3},
      {"code,name\n510000,四川省\n510100,\"成都市\n", 3},
      {"code,name\n510000,四川省\n510100,成都市\n510000,四川\n", 4},
  };
  for (const auto& c : cases) {
    const auto t = RegionTable::Parse(c.csv);
    ASSERT_FALSE(t.ok()) << c.csv;
    EXPECT_EQ(t.error().code, kRegionTableError);
    const std::string line = std::to_string(c.line);
    EXPECT_NE(t.error().message_en.find("line " + line + ":"), std::string::npos)
        << c.csv << " -> " << t.error().message_en;
    EXPECT_NE(t.error().message_zh.find("第" + line + "行"), std::string::npos) << c.csv;
  }
}

TEST(RegionTable, DuplicateCodeIsNamed) {
  const auto t = RegionTable::Parse("code,name\n510000,四川省\n510000,四川\n");
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.error().message_en.find("duplicate code 510000"), std::string::npos);
}

TEST(ShippedRegionTable, LoadsAndHasKnownCodes) {
  const auto parsed = RegionTable::Parse(ReadSourceFile("data/regions.csv"));
  ASSERT_TRUE(parsed.ok()) << parsed.error().message_en;
  const RegionTable& t = parsed.value();
  EXPECT_GT(t.size(), 3000u);
  EXPECT_LT(t.size(), 4000u);
  EXPECT_EQ(t.Provinces().size(), 31u);  // mainland only
  EXPECT_EQ(t.Find("110000")->name, "北京市");
  EXPECT_EQ(t.Find("110105")->name, "朝阳区");
  EXPECT_EQ(t.FullName("110105"), "北京市 朝阳区");
  EXPECT_EQ(t.Find("510100")->name, "成都市");
  EXPECT_EQ(t.Find("510100")->level, RegionLevel::kCity);
  EXPECT_EQ(t.FullName("510104"), "四川省 成都市 锦江区");
  EXPECT_EQ(t.Find("650000")->name, "新疆维吾尔自治区");
  EXPECT_EQ(t.Find("630000")->name, "青海省");
  EXPECT_EQ(t.Find("440300")->name, "深圳市");
  // A city without counties appears once, as a city.
  EXPECT_EQ(t.Find("441900")->name, "东莞市");
  EXPECT_EQ(t.Find("441900")->level, RegionLevel::kCity);
  // Every province has counties, and every county's province is in the table.
  for (const Region* p : t.Provinces()) {
    const std::string prefix = p->code.substr(0, 2);
    EXPECT_FALSE(t.CountiesOf(prefix).empty()) << p->name;
  }
  EXPECT_TRUE(t.Validate("110105").ok());
  EXPECT_EQ(t.Validate("110103").error().code, kRegionUnknownError);  // 崇文区, abolished 2010
}

constexpr const char* kSmallSets = R"(
[[set]]
id = "west"
name_zh = "西部地区"
name_en = "Western China"
provinces = ["51", "65"]

[[set]]
id = "sichuan_neighbours"
name_zh = "测试"
name_en = "Test"
provinces = ["51", "50"]
)";

TEST(RegionSets, ParsesAndFindsSetsOfACode) {
  const auto s = RegionSets::Parse(kSmallSets);
  ASSERT_TRUE(s.ok()) << s.error().message_en;
  ASSERT_EQ(s.value().sets().size(), 2u);
  EXPECT_EQ(s.value().sets()[0].name_zh, "西部地区");
  EXPECT_EQ(s.value().SetsOf("510104"), (std::vector<std::string>{"west", "sichuan_neighbours"}));
  EXPECT_EQ(s.value().SetsOf("65"), (std::vector<std::string>{"west"}));
  EXPECT_TRUE(s.value().SetsOf("110105").empty());
  EXPECT_TRUE(s.value().SetsOf("5").empty());
  ASSERT_NE(s.value().Find("west"), nullptr);
  EXPECT_EQ(s.value().Find("west")->provinces, (std::vector<std::string>{"51", "65"}));
  EXPECT_EQ(s.value().Find("nowhere"), nullptr);
}

TEST(RegionSets, Errors) {
  const char* cases[] = {
      "[[set]\nid = \"x\"\n",                                                      // syntax
      "title = \"no sets\"\n",                                                      // no [[set]]
      "[[set]]\nname_zh = \"a\"\nname_en = \"a\"\nprovinces = []\n",               // no id
      "[[set]]\nid = \"a\"\nname_en = \"a\"\nprovinces = []\n",                    // no name_zh
      "[[set]]\nid = \"a\"\nname_zh = \"a\"\nname_en = \"a\"\n",                   // no provinces
      "[[set]]\nid = \"a\"\nname_zh = \"a\"\nname_en = \"a\"\nprovinces = [51]\n",  // not string
      "[[set]]\nid = \"a\"\nname_zh = \"a\"\nname_en = \"a\"\nprovinces = [\"99\"]\n",
      "[[set]]\nid = \"a\"\nname_zh = \"a\"\nname_en = \"a\"\nprovinces = [\"51\", \"51\"]\n",
      "[[set]]\nid = \"a\"\nname_zh = \"a\"\nname_en = \"a\"\nprovinces = []\n"
      "[[set]]\nid = \"a\"\nname_zh = \"b\"\nname_en = \"b\"\nprovinces = []\n",  // duplicate id
  };
  for (const char* toml : cases) {
    const auto s = RegionSets::Parse(toml);
    ASSERT_FALSE(s.ok()) << toml;
    EXPECT_EQ(s.error().code, kRegionSetsError) << toml;
    EXPECT_FALSE(s.error().message_zh.empty());
  }
  const auto syntax = RegionSets::Parse("[[set]]\nid = \"a\"\nname_zh = \n");
  ASSERT_FALSE(syntax.ok());
  EXPECT_NE(syntax.error().message_en.find("line 3"), std::string::npos) << syntax.error().message_en;
}

TEST(ShippedRegionSets, MatchTheFourRegionDivision) {
  const auto parsed = RegionSets::Parse(ReadSourceFile("data/region_sets.toml"));
  ASSERT_TRUE(parsed.ok()) << parsed.error().message_en;
  const RegionSets& s = parsed.value();
  ASSERT_EQ(s.sets().size(), 4u);
  EXPECT_EQ(s.Find("west")->provinces.size(), 12u);
  EXPECT_EQ(s.Find("west")->name_zh, "西部地区");
  EXPECT_EQ(s.Find("northeast")->provinces.size(), 3u);
  EXPECT_EQ(s.Find("central")->provinces.size(), 6u);
  EXPECT_EQ(s.Find("east")->provinces.size(), 10u);
  EXPECT_EQ(s.SetsOf("510104"), (std::vector<std::string>{"west"}));     // 成都 锦江区
  EXPECT_EQ(s.SetsOf("150000"), (std::vector<std::string>{"west"}));     // 内蒙古
  EXPECT_EQ(s.SetsOf("220100"), (std::vector<std::string>{"northeast"}));
  EXPECT_EQ(s.SetsOf("420100"), (std::vector<std::string>{"central"}));  // 武汉
  EXPECT_EQ(s.SetsOf("110105"), (std::vector<std::string>{"east"}));
  EXPECT_TRUE(s.SetsOf("810000").empty());  // Hong Kong: in none

  // Every mainland province of the shipped table is in exactly one of the four sets.
  const auto table = RegionTable::Parse(ReadSourceFile("data/regions.csv"));
  ASSERT_TRUE(table.ok());
  for (const Region* p : table.value().Provinces()) {
    EXPECT_EQ(s.SetsOf(p->code).size(), 1u) << p->code << " " << p->name;
  }
}

}  // namespace
}  // namespace jixu::validate
