#pragma once
// Shared set-up of the importer tests, on each backend (test names end in /sqlite or
// /postgresql): an in-memory SQLite store or a fresh PostgreSQL database, the real region table,
// a fixed "today", and a registered employer, provider and three persons on demand.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "app/importer.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "storage/store_fixtures.hpp"
#include "support/pg_test_db.hpp"
#include "support/test_database.hpp"

namespace jixu::app {

class ImportTest : public ::testing::TestWithParam<std::string> {
 protected:
  static void SetUpTestSuite() {
    std::ifstream in(std::string(JIXU_SOURCE_DIR) + "/data/regions.csv", std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    auto table = validate::RegionTable::Parse(text.str());
    ASSERT_TRUE(table.ok());
    regions_ = new validate::RegionTable(std::move(table).value());
  }

  void SetUp() override {
    JIXU_SKIP_UNLESS_AVAILABLE(GetParam());
    if (GetParam() == "postgresql") {
      store_ = storage::testing::FreshPgStore(*storage::testing::PgAdminUrl());
    } else {
      store_ = storage::OpenSqliteStore(":memory:");
      store_->Migrate();
    }
    ctx_.regions = regions_;
    ctx_.today = Date::FromYmd(2025, 6, 30);
  }

  ImportReport Run(ImportKind kind, std::string csv) {
    auto reader = CsvReader::FromString(std::move(csv));
    return ImportRows(*store_, kind, reader, ctx_);
  }

  static std::string Id(int n) { return storage::testing::TestIdNumber(n); }
  static std::string Code(int n) { return storage::testing::TestCreditCode(n); }
  static std::string ProviderCode() { return storage::testing::TestCreditCode(9001); }

  /// Employer Code(1) in 510104, provider ProviderCode(), persons Id(1..3).
  void SeedRegistry() {
    ASSERT_TRUE(Run(ImportKind::kEmployers,
                    "code,name,region_code,type\n" + Code(1) + ",锦江测试单位,510104,事业单位\n")
                    .committed);
    ASSERT_TRUE(Run(ImportKind::kProviders, "code,name,region_code,type\n" + ProviderCode() +
                                                ",四川大学继续教育学院,510104,university\n")
                    .committed);
    std::string persons = "id_number,name,employer_code,region_code,field,title_level\n";
    for (int i = 1; i <= 3; ++i) {
      persons += Id(i) + ",张" + std::to_string(i) + "," + Code(1) + ",510104,工程,中级\n";
    }
    auto r = Run(ImportKind::kPersons, persons);
    ASSERT_TRUE(r.committed) << (r.errors.empty() ? "" : r.errors[0].message_en);
  }

  int64_t PersonId(int n) { return store_->persons().FindByIdNumber(Id(n))->id; }

  /// The first error, for "which line and field" assertions.
  static const ImportError& First(const ImportReport& r) {
    static const ImportError kNone{-1, "", "none", "", ""};
    return r.errors.empty() ? kNone : r.errors.front();
  }

  static validate::RegionTable* regions_;
  storage::StorePtr store_;
  ImportContext ctx_;
};

inline validate::RegionTable* ImportTest::regions_ = nullptr;

}  // namespace jixu::app
