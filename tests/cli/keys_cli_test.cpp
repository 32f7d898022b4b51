// The keys that seal ID numbers (issue 15, docs/operations.md#keys-for-personal-data): migration
// 13 seals an existing database's plain rows; `jixu keys rotate` re-encrypts under a new data key
// while another process keeps reading and writing with the keys it loaded before; `jixu keys
// rotate-kek` replaces the key file's KEK without touching a row.
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "cli/cli_runner.hpp"
#include "core/common/error.hpp"
#include "storage/factory.hpp"
#include "storage/personal_keys.hpp"
#include "../storage/store_fixtures.hpp"

namespace jixu::testing {
namespace {

using storage::testing::TestIdNumber;

class KeysCli : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    JIXU_SKIP_UNLESS_AVAILABLE(GetParam());
    auto store = storage::OpenStore(sb_.db().Config());
    std::vector<records::Person> persons;
    for (int i = 0; i < 40; ++i) {
      records::Person p;
      p.id_number = TestIdNumber(i);
      p.name = "人员" + std::to_string(i);
      p.region_code = "510104";
      p.field = "工程";
      persons.push_back(p);
    }
    store->persons().Upsert(persons);
  }

  std::map<uint32_t, int64_t> RowsByKey() {
    auto store = storage::OpenStore(sb_.db().Config());
    return storage::PersonalKeys(*store).rows_by_key;
  }

  void ExpectEveryLookup(storage::Store& store) {
    for (int i = 0; i < 40; ++i) {
      auto p = store.persons().FindByIdNumber(TestIdNumber(i));
      ASSERT_TRUE(p) << i;
      EXPECT_EQ(p->name, "人员" + std::to_string(i));
    }
  }

  CliSandbox sb_{GetParam()};
};

TEST_P(KeysCli, Migration13SealsThePlainRowsOfAnOlderDatabase) {
  // Back to schema 12 with plain ID numbers, as a database from before this version.
  // Migrations run above the highest applied version, so the later ones (14: second factor,
  // sessions; 15: notices) are undone too and run again after 13.
  const TestDatabase& db = sb_.db();
  const std::string latest = db.QueryText("SELECT max(version) FROM schema_migrations");
  for (const char* sql : {"DROP TABLE notice_contacts", "DROP TABLE notices",
                          "DROP TABLE recovery_codes", "DROP TABLE password_history",
                          "ALTER TABLE users DROP COLUMN demo",
                          "ALTER TABLE users DROP COLUMN password_changed_at",
                          "ALTER TABLE users DROP COLUMN totp_secret",
                          "ALTER TABLE users DROP COLUMN totp_enabled",
                          "ALTER TABLE users DROP COLUMN totp_last_step",
                          "ALTER TABLE sessions DROP COLUMN user_agent",
                          "ALTER TABLE sessions DROP COLUMN address",
                          "ALTER TABLE sessions DROP COLUMN pending",
                          "DELETE FROM schema_migrations WHERE version > 13"}) {
    db.Exec(sql);
  }
  for (int i = 0; i < 40; ++i) {
    db.Exec("UPDATE persons SET id_number = '" + TestIdNumber(i) + "', id_index = NULL WHERE name = '人员" +
            std::to_string(i) + "'");
  }
  db.Exec("DELETE FROM schema_migrations WHERE version = 13");
  db.Exec("DROP TABLE data_keys");
  db.Exec("DROP INDEX persons_id_index");
  db.Exec("ALTER TABLE persons DROP COLUMN id_index");
  if (db.backend() == "postgresql") {
    db.Exec("ALTER TABLE persons ADD CONSTRAINT persons_id_number_key UNIQUE (id_number)");
  }
  EXPECT_EQ(db.QueryText("SELECT id_number FROM persons WHERE name = '人员3'"), TestIdNumber(3));
  std::filesystem::remove(db.DataKeyPath());  // the old version had none

  auto store = storage::OpenStore(db.Config());  // runs 13, then seals
  EXPECT_EQ(db.QueryText("SELECT max(version) FROM schema_migrations"), latest);
  EXPECT_EQ(db.QueryText("SELECT count(*) FROM persons WHERE id_number LIKE 'k2:%' AND id_index IS NOT NULL"),
            "40");
  EXPECT_TRUE(std::filesystem::exists(db.DataKeyPath()));
  ExpectEveryLookup(*store);
}

TEST_P(KeysCli, RotationReencryptsWhileAnotherProcessKeepsServing) {
  auto server = storage::OpenStore(sb_.db().Config());  // loaded k2 as the active key
  ExpectEveryLookup(*server);
  EXPECT_EQ(RowsByKey(), (std::map<uint32_t, int64_t>{{2, 40}}));

  const auto r = sb_.Run("keys rotate --batch 7");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("k3"), std::string::npos) << r.out;
  EXPECT_EQ(RowsByKey(), (std::map<uint32_t, int64_t>{{3, 40}}));

  // The serving store meets k3, which it never loaded: it re-reads the keys and answers.
  ExpectEveryLookup(*server);
  // It still writes with the key it had: that row is caught by `keys reseal`.
  records::Person late;
  late.id_number = TestIdNumber(77);
  late.name = "迟到";
  late.region_code = "510104";
  late.field = "工程";
  server->persons().Upsert(std::span<const records::Person>(&late, 1));
  const auto during = RowsByKey();
  EXPECT_EQ(during.at(3) + (during.contains(2) ? during.at(2) : 0), 41);
  ASSERT_EQ(sb_.Run("keys reseal").exit_code, 0);
  EXPECT_EQ(RowsByKey(), (std::map<uint32_t, int64_t>{{3, 41}}));
  EXPECT_EQ(server->persons().FindByIdNumber(TestIdNumber(77))->name, "迟到");

  const auto status = sb_.Run("keys status");
  EXPECT_EQ(status.exit_code, 0) << status.err;
  EXPECT_NE(status.out.find("active data key: k3"), std::string::npos) << status.out;
}

TEST_P(KeysCli, KekRotationReplacesTheKeyFileAndLeavesRowsAlone) {
  const auto key_file = sb_.db().DataKeyPath();
  std::filesystem::copy_file(key_file, sb_.dir() / "old.key");
  const std::string sealed_before = sb_.db().QueryText("SELECT id_number FROM persons WHERE name = '人员5'");
  const auto r = sb_.Run("keys rotate-kek");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(sb_.db().QueryText("SELECT id_number FROM persons WHERE name = '人员5'"), sealed_before);
  EXPECT_EQ(std::filesystem::status(key_file).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  {
    auto store = storage::OpenStore(sb_.db().Config());
    ExpectEveryLookup(*store);
    EXPECT_EQ(storage::PersonalKeys(*store).kek_ids.size(), 1u);
  }
  // The old key file no longer unwraps anything.
  storage::StoreConfig c = sb_.db().Config();
  c.data_key_file = (sb_.dir() / "old.key").string();
  try {
    storage::OpenStore(c);
    FAIL() << "the retired KEK still opened the database";
  } catch (const Fault& e) {
    EXPECT_EQ(e.code(), "data_key_mismatch") << e.what();
  }
}

JIXU_INSTANTIATE_FOR_TEST_BACKENDS(KeysCli);

}  // namespace
}  // namespace jixu::testing
