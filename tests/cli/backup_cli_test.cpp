// `jixu backup` and `jixu restore` (issue 15, docs/operations.md#backup-and-restore): a round
// trip into another database gives back every table row for row, the audit chain still
// verifies against its key and checkpoints, and a certificate still verifies; a tampered,
// truncated or wrongly keyed file is refused and leaves the target as it was.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <vector>

#include "cli/cli_runner.hpp"

namespace jixu::testing {
namespace {

/// Every table's rows, each row as text, sorted: equal maps mean equal contents.
std::map<std::string, std::string> SqliteTables(const std::string& path) {
  std::map<std::string, std::string> out;
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  std::vector<std::string> tables;
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
                     -1, &st, nullptr);
  while (sqlite3_step(st) == SQLITE_ROW) {
    tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
  }
  sqlite3_finalize(st);
  for (const std::string& t : tables) {
    std::vector<std::string> rows;
    sqlite3_prepare_v2(db, ("SELECT * FROM \"" + t + "\"").c_str(), -1, &st, nullptr);
    while (sqlite3_step(st) == SQLITE_ROW) {
      std::string row;
      for (int c = 0; c < sqlite3_column_count(st); ++c) {
        const auto* v = sqlite3_column_blob(st, c);
        row.append(v ? static_cast<const char*>(v) : "<null>",
                   v ? static_cast<size_t>(sqlite3_column_bytes(st, c)) : 6);
        row += '\x1f';
      }
      rows.push_back(row);
    }
    sqlite3_finalize(st);
    std::sort(rows.begin(), rows.end());
    std::string all;
    for (const auto& r : rows) all += r + '\x1e';
    out[t] = all;
  }
  sqlite3_close(db);
  return out;
}

std::map<std::string, std::string> PgTables(const TestDatabase& db) {
  std::map<std::string, std::string> out;
  std::stringstream names(db.QueryText(
      "SELECT string_agg(tablename, ' ' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public'"));
  for (std::string t; names >> t;) {
    out[t] = db.QueryText("SELECT count(*) || ':' || md5(coalesce(string_agg(x.r, '|' ORDER BY x.r), ''))"
                          " FROM (SELECT t::text AS r FROM \"" + t + "\" t) x");
  }
  return out;
}

std::map<std::string, std::string> Tables(const TestDatabase& db) {
  return db.backend() == "sqlite" ? SqliteTables(db.Config().sqlite_path) : PgTables(db);
}

class BackupCli : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    JIXU_SKIP_UNLESS_AVAILABLE(GetParam());
    const auto demo = source_.Run("demo --persons 60 --users");
    ASSERT_EQ(demo.exit_code, 0) << demo.err;
    backup_ = source_.dir() / "jixu.backup";
  }

  /// `jixu ARGS` on the target database, with the source's key files (a restore needs the
  /// data key file the backup was keyed with, and the audit key to verify the chain).
  CliResult OnTarget(const std::string& args) {
    const TestDatabase& t = target_.db();
    const std::string where = t.backend() == "sqlite"
                                  ? "--db '" + t.Config().sqlite_path + "'"
                                  : "--database-url '" + t.Config().database_url + "'";
    return target_.RunBare(where + " --data-key '" + source_.db().DataKeyPath().string() +
                           "' --audit-key '" + source_.db().AuditKeyPath().string() +
                           "' --audit-checkpoints '" + source_.db().AuditCheckpointsPath().string() +
                           "' " + args);
  }

  void Corrupt(std::streamoff at) {
    std::fstream f(backup_, std::ios::in | std::ios::out | std::ios::binary);
    f.seekg(at);
    char c = 0;
    f.read(&c, 1);
    c = static_cast<char>(c ^ 0x01);
    f.seekp(at);
    f.write(&c, 1);
  }

  CliSandbox source_{GetParam()};
  CliSandbox target_{GetParam()};
  std::filesystem::path backup_;
};

TEST_P(BackupCli, RoundTripKeepsEveryTableTheAuditChainAndACertificate) {
  const auto b = source_.Run("backup '" + backup_.string() + "'");
  ASSERT_EQ(b.exit_code, 0) << b.err;
  EXPECT_EQ(std::filesystem::status(backup_).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  const auto r = OnTarget("restore '" + backup_.string() + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;

  const auto before = Tables(source_.db());
  const auto after = Tables(target_.db());
  ASSERT_GT(before.size(), 20u);
  for (const auto& [table, rows] : before) {
    ASSERT_TRUE(after.contains(table)) << table;
    EXPECT_TRUE(after.at(table) == rows) << "table " << table << " differs after the restore";
  }
  EXPECT_EQ(after.size(), before.size());

  const auto audit = OnTarget("audit verify");
  EXPECT_EQ(audit.exit_code, 0) << audit.out << audit.err;
  EXPECT_NE(audit.out.find("audit chain intact"), std::string::npos) << audit.out;
  const std::string serial = target_.db().QueryText("SELECT serial FROM certificates");
  ASSERT_FALSE(serial.empty()) << "the demo issued a certificate";
  const auto cert = OnTarget("cert verify " + serial);
  EXPECT_EQ(cert.exit_code, 0) << cert.out << cert.err;
  // And the restored persons open with the key file: a lookup by ID number answers.
  const auto persons = OnTarget("export persons --out '" + (target_.dir() / "p.csv").string() + "'");
  EXPECT_EQ(persons.exit_code, 0) << persons.err;
}

TEST_P(BackupCli, ATamperedOrTruncatedFileIsRefusedAndTheTargetStaysAsItWas) {
  ASSERT_EQ(source_.Run("backup '" + backup_.string() + "'").exit_code, 0);
  const auto size = static_cast<std::streamoff>(std::filesystem::file_size(backup_));
  const auto original = backup_.string() + ".orig";
  std::filesystem::copy_file(backup_, original);
  for (std::streamoff at : {size / 2, size - 1, std::streamoff{60}, std::streamoff{12}}) {
    std::filesystem::copy_file(original, backup_, std::filesystem::copy_options::overwrite_existing);
    Corrupt(at);
    const auto r = OnTarget("restore '" + backup_.string() + "'");
    EXPECT_EQ(r.exit_code, 1) << "byte " << at;
    EXPECT_TRUE(r.err.find("backup_tampered") != std::string::npos ||
                r.err.find("backup_invalid") != std::string::npos ||
                r.err.find("backup_key_wrong") != std::string::npos)
        << "byte " << at << ": " << r.err;
  }
  std::filesystem::copy_file(original, backup_, std::filesystem::copy_options::overwrite_existing);
  std::filesystem::resize_file(backup_, static_cast<uintmax_t>(size - 100));
  const auto cut = OnTarget("restore '" + backup_.string() + "'");
  EXPECT_EQ(cut.exit_code, 1);
  EXPECT_NE(cut.err.find("backup_tampered"), std::string::npos) << cut.err;
  // Nothing reached the target (a SQLite target was not even created).
  if (GetParam() == "sqlite") {
    EXPECT_FALSE(std::filesystem::exists(target_.db().Config().sqlite_path));
  } else {
    EXPECT_EQ(target_.db().QueryText("SELECT count(*) FROM persons"), "0");
  }
}

TEST_P(BackupCli, APassphraseKeyedFileNeedsThePassphraseAndAFullTargetNeedsForce) {
  source_.Write("pass.txt", "correct horse battery staple\n");
  source_.Write("wrong.txt", "incorrect horse battery staple\n");
  const auto pass = (source_.dir() / "pass.txt").string();
  ASSERT_EQ(source_.Run("backup --passphrase-file '" + pass + "' '" + backup_.string() + "'").exit_code, 0);
  const auto none = OnTarget("restore '" + backup_.string() + "'");
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_NE(none.err.find("backup_key_wrong"), std::string::npos) << none.err;
  const auto wrong = OnTarget("restore --passphrase-file '" + (source_.dir() / "wrong.txt").string() +
                              "' '" + backup_.string() + "'");
  EXPECT_EQ(wrong.exit_code, 1);
  EXPECT_NE(wrong.err.find("backup_tampered"), std::string::npos) << wrong.err;
  ASSERT_EQ(OnTarget("restore --passphrase-file '" + pass + "' '" + backup_.string() + "'").exit_code, 0);
  // The target now holds data: a second restore needs --force.
  const auto again = OnTarget("restore --passphrase-file '" + pass + "' '" + backup_.string() + "'");
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("restore_target_not_empty"), std::string::npos) << again.err;
  EXPECT_EQ(OnTarget("restore --force --passphrase-file '" + pass + "' '" + backup_.string() + "'").exit_code, 0);
}

JIXU_INSTANTIATE_FOR_TEST_BACKENDS(BackupCli);

}  // namespace
}  // namespace jixu::testing
