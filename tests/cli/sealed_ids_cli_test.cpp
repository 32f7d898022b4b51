// ID numbers sealed at rest (issue 15, docs/security.md#personal-data-at-rest): after
// `jixu demo --persons 200 --users`, no ID number of the demo data appears anywhere in the raw
// database — the SQLite file and its WAL, or a pg_dump of the PostgreSQL database — while a
// lookup by ID number still finds the person with one read of the blind index.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli_runner.hpp"
#include "core/common/error.hpp"
#include "storage/factory.hpp"

namespace jixu::testing {
namespace {

std::string Slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

/// SQLite's plan for a lookup by blind index, one "detail" line per step.
std::string SqlitePlan(const std::string& path) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "EXPLAIN QUERY PLAN SELECT * FROM persons WHERE id_index = ?1", -1, &st,
                     nullptr);
  std::string plan;
  while (st != nullptr && sqlite3_step(st) == SQLITE_ROW) {
    plan += reinterpret_cast<const char*>(sqlite3_column_text(st, 3));
    plan += '\n';
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return plan;
}

class SealedIdsCli : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { JIXU_SKIP_UNLESS_AVAILABLE(GetParam()); }

  std::vector<std::string> StoredIdNumbers() {
    auto store = storage::OpenStore(sb_.db().Config());
    std::vector<std::string> ids;
    store->persons().ForEach({}, [&](const storage::PersonFacts& f) { ids.push_back(f.id_number); });
    return ids;
  }

  CliSandbox sb_{GetParam()};
};

TEST_P(SealedIdsCli, NoDemoIdNumberInTheRawDatabaseAndLookupsStillWork) {
  const auto demo = sb_.Run("demo --persons 200 --users");
  ASSERT_EQ(demo.exit_code, 0) << demo.err;
  std::vector<std::string> ids = StoredIdNumbers();
  ASSERT_EQ(ids.size(), 200u);
  for (const std::string& id : ids) ASSERT_EQ(id.size(), 18u) << id;

  auto store = storage::OpenStore(sb_.db().Config());
  // A write the WAL still holds while the scan runs (SQLite checkpoints when the last
  // connection closes): a new person, whose ID number must not be there either.
  records::Person extra;
  extra.id_number = "11010119900307001X";
  extra.name = "封存测试";
  extra.region_code = "110101";
  extra.field = "engineering";
  ids.push_back(extra.id_number);
  store->persons().Upsert(std::span<const records::Person>(&extra, 1));

  std::string raw;
  if (GetParam() == "sqlite") {
    const std::string path = sb_.db().Config().sqlite_path;
    raw = Slurp(path);
    const std::string wal = Slurp(path + "-wal");
    EXPECT_NE(wal.find("k2:"), std::string::npos) << "the WAL holds the sealed new row";
    raw += wal;
    EXPECT_EQ(SqlitePlan(path), "SEARCH persons USING INDEX persons_id_index (id_index=?)\n")
        << SqlitePlan(path);
  } else {
    const auto dump = sb_.dir() / "dump.sql";
    const std::string cmd = "pg_dump '" + sb_.db().Config().database_url + "' > '" +
                            dump.string() + "'";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
    raw = Slurp(dump);
    EXPECT_NE(raw.find("COPY public.persons"), std::string::npos) << "the dump holds the table";
  }
  EXPECT_NE(raw.find("k2:"), std::string::npos) << "sealed values are stored";
  int found = 0;
  for (const std::string& id : ids) {
    if (raw.find(id) != std::string::npos) {
      ++found;
      ADD_FAILURE() << "ID number " << id << " found in plain text";
    }
  }
  EXPECT_EQ(found, 0);

  // Lookups by ID number still work, through the blind index.
  for (size_t i : {size_t{0}, size_t{17}, size_t{199}, ids.size() - 1}) {
    auto p = store->persons().FindByIdNumber(ids[i]);
    ASSERT_TRUE(p) << ids[i];
    EXPECT_EQ(p->id_number, ids[i]);
  }
  EXPECT_FALSE(store->persons().FindByIdNumber("110101199003070000"));
}

TEST_P(SealedIdsCli, TheSameIdNumberTwiceIsOnePerson) {
  auto store = storage::OpenStore(sb_.db().Config());
  records::Person p;
  p.id_number = "11010119900307001X";
  p.name = "甲";
  p.region_code = "110101";
  p.field = "engineering";
  EXPECT_EQ(store->persons().Upsert(std::span<const records::Person>(&p, 1)).inserted, 1);
  p.name = "乙";
  const auto again = store->persons().Upsert(std::span<const records::Person>(&p, 1));
  EXPECT_EQ(again.inserted, 0);
  EXPECT_EQ(again.updated, 1);
  EXPECT_EQ(store->persons().Count({}), 1);
  EXPECT_EQ(store->persons().FindByIdNumber(p.id_number)->name, "乙");
}

TEST_P(SealedIdsCli, ADatabaseWithKeysRefusesToOpenWithoutItsKeyFile) {
  { auto store = storage::OpenStore(sb_.db().Config()); }
  std::filesystem::rename(sb_.db().DataKeyPath(), sb_.dir() / "moved.key");
  try {
    storage::OpenStore(sb_.db().Config());
    FAIL() << "opened without the key file";
  } catch (const Fault& e) {
    EXPECT_EQ(e.code(), "data_key_missing") << e.what();
  }
  // Another key file does not unwrap them either.
  const auto other = sb_.dir() / "other.key";
  std::ofstream(other) << std::string(64, 'a') << "\n";
  std::filesystem::permissions(other, std::filesystem::perms::owner_read |
                                          std::filesystem::perms::owner_write);
  storage::StoreConfig c = sb_.db().Config();
  c.data_key_file = other.string();
  try {
    storage::OpenStore(c);
    FAIL() << "opened with another key file";
  } catch (const Fault& e) {
    EXPECT_EQ(e.code(), "data_key_mismatch") << e.what();
  }
}

JIXU_INSTANTIATE_FOR_TEST_BACKENDS(SealedIdsCli);

}  // namespace
}  // namespace jixu::testing
