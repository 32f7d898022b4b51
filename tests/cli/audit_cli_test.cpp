// `jixu init`, `jixu audit checkpoint` and `jixu audit verify` as an operator runs them, after a
// database writer without the audit key has tampered with the chain.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "app/audit_log.hpp"
#include "app/crypto.hpp"
#include "cli/cli_runner.hpp"

namespace jixu::testing {
namespace {

class AuditCli : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    JIXU_SKIP_UNLESS_AVAILABLE(GetParam());
    const auto r = sb_.Run("init");
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  /// Appends `n` entries the way the server does (keyed with the key file `init` made).
  void Append(int n) {
    auto store = storage::OpenStore(sb_.db().Config());
    auto key = app::ReadAuditKey(sb_.db().AuditKeyPath());
    ASSERT_TRUE(key);
    auto uow = store->Begin();
    for (int i = 0; i < n; ++i) {
      storage::AuditEntry e;
      e.at = 1764000000 + i;
      e.actor = "clerk";
      e.actor_role = "employer_admin";
      e.action = "person.update";
      e.entity = "person";
      e.entity_id = "p" + std::to_string(i);
      app::AppendAudit(*store, *key, e);
    }
    uow->Commit();
  }
  int64_t MaxSeq() {
    auto store = storage::OpenStore(sb_.db().Config());
    return store->audit().Last()->seq;
  }

  CliSandbox sb_{GetParam()};
};

TEST_P(AuditCli, InitCreatesAnOwnerOnlyKeyAndAFirstCheckpoint) {
  const auto key = sb_.db().AuditKeyPath();
  ASSERT_TRUE(std::filesystem::exists(key));
  EXPECT_EQ(std::filesystem::status(key).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  std::ifstream in(key);
  std::string hex;
  std::getline(in, hex);
  EXPECT_EQ(hex.size(), 64u);
  EXPECT_TRUE(std::filesystem::exists(sb_.db().AuditCheckpointsPath()));
  // Running init again keeps the key.
  ASSERT_EQ(sb_.Run("init").exit_code, 0);
  std::ifstream again(key);
  std::string hex2;
  std::getline(again, hex2);
  EXPECT_EQ(hex2, hex);
}

TEST_P(AuditCli, HonestChainVerifies) {
  Append(80);
  ASSERT_EQ(sb_.Run("audit checkpoint").exit_code, 0);
  Append(5);
  const auto r = sb_.Run("audit verify");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("audit chain intact: 85 entries"), std::string::npos) << r.out;
}

TEST_P(AuditCli, DeletingTheLast50RowsFailsVerify) {
  Append(80);
  ASSERT_EQ(sb_.Run("audit checkpoint").exit_code, 0);
  sb_.db().Exec("DELETE FROM audit_log WHERE seq > " + std::to_string(MaxSeq() - 50));
  const auto r = sb_.Run("audit verify");
  EXPECT_EQ(r.exit_code, 8) << r.out << r.err;
  EXPECT_NE(r.err.find("entries were removed from the end"), std::string::npos) << r.err;
}

TEST_P(AuditCli, AnEditWithPlainSha256RecomputedFailsVerify) {
  Append(40);
  ASSERT_EQ(sb_.Run("audit checkpoint").exit_code, 0);
  // What defeated the old chain: edit one row, recompute every later hash with plain SHA-256.
  auto store = storage::OpenStore(sb_.db().Config());
  std::vector<storage::AuditEntry> all;
  store->audit().ForEach([&](const storage::AuditEntry& e) { all.push_back(e); });
  store.reset();
  std::string prev = app::kAuditGenesis, sql;
  for (size_t i = 0; i < all.size(); ++i) {
    auto e = all[i];
    if (i >= 10) {
      if (i == 10) e.actor = "mallory";
      e.prev_hash = prev;
      e.hash = app::Sha256Hex(app::AuditCanonical(e));
      sql += "UPDATE audit_log SET actor = '" + e.actor + "', prev_hash = '" + e.prev_hash +
             "', hash = '" + e.hash + "' WHERE seq = " + std::to_string(e.seq) + ";\n";
    }
    prev = e.hash;
  }
  sb_.db().Exec(sql);
  const auto r = sb_.Run("audit verify");
  EXPECT_EQ(r.exit_code, 8);
  EXPECT_NE(r.err.find("audit chain broken at entry " + std::to_string(all[10].seq)),
            std::string::npos)
      << r.err;
}

TEST_P(AuditCli, AForgedCheckpointFailsVerify) {
  Append(10);
  ASSERT_EQ(sb_.Run("audit checkpoint").exit_code, 0);
  std::vector<std::string> lines;
  {
    std::ifstream in(sb_.db().AuditCheckpointsPath());
    for (std::string l; std::getline(in, l);) lines.push_back(l);
  }
  ASSERT_EQ(lines.size(), 2u) << "init's and ours";
  auto j = nlohmann::json::parse(lines[1]);
  j["seq"] = j["seq"].get<int64_t>() - 5;  // claim an earlier head
  std::ofstream(sb_.db().AuditCheckpointsPath(), std::ios::app) << j.dump() << '\n';
  const auto r = sb_.Run("audit verify");
  EXPECT_EQ(r.exit_code, 8);
  EXPECT_NE(r.err.find("checkpoint line 3: the signature does not verify"), std::string::npos)
      << r.err;
}

TEST_P(AuditCli, AMissingKeyFileIsAnErrorNotTampering) {
  Append(3);
  std::filesystem::remove(sb_.db().AuditKeyPath());
  const auto r = sb_.Run("audit verify");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("audit key file"), std::string::npos) << r.err;
  // Nor does a write quietly start a new key.
  EXPECT_EQ(sb_.Run("audit checkpoint").exit_code, 1);
  EXPECT_FALSE(std::filesystem::exists(sb_.db().AuditKeyPath()));
}

JIXU_INSTANTIATE_FOR_TEST_BACKENDS(AuditCli);

}  // namespace
}  // namespace jixu::testing
