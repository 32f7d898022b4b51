// The audit trail under attack, on both backends: a database writer without the audit key (or
// with a guessed one) tries to delete, edit and recompute entries, move the legacy boundary and
// forge checkpoints. Every attempt must be reported by VerifyAuditTrail.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <functional>
#include <fstream>
#include <string>

#include "app/audit_log.hpp"
#include "app/crypto.hpp"
#include "certs/audit_checkpoint.hpp"
#include "certs/crypto.hpp"
#include "core/common/clock.hpp"
#include "core/common/error.hpp"
#include "support/test_database.hpp"

namespace jixu::testing {
namespace {

constexpr int kEntries = 120;

class AuditTrail : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    JIXU_SKIP_UNLESS_AVAILABLE(GetParam());
    dir_ = std::filesystem::temp_directory_path() /
           ("jixu-audit-trail-" + std::to_string(::getpid()) + "-" + GetParam());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = std::make_unique<TestDatabase>(GetParam(), dir_);
    store_ = storage::OpenStore(db_->Config());
    key_ = app::CreateAuditKey(dir_ / "audit.key");
    Append(kEntries);
  }
  void TearDown() override {
    store_.reset();
    db_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  void Append(int n) {
    auto uow = store_->Begin();
    for (int i = 0; i < n; ++i) app::AppendAudit(*store_, key_, Entry(i));
    uow->Commit();
  }
  static storage::AuditEntry Entry(int i) {
    storage::AuditEntry e;
    e.at = 1740787200 + i;
    e.actor = "admin";
    e.actor_role = "admin";
    e.action = "record.approve";
    e.entity = "record";
    e.entity_id = "r" + std::to_string(i);
    e.region_code = "110101";
    e.after_json = "{\"hours\":" + std::to_string(i) + "}";
    return e;
  }
  std::vector<storage::AuditEntry> All() {
    std::vector<storage::AuditEntry> out;
    store_->audit().ForEach([&](const storage::AuditEntry& e) { out.push_back(e); });
    return out;
  }
  certs::AuditCheckpoint Checkpoint() {
    return certs::WriteAuditCheckpoint(*store_, key_, Checkpoints(), clock_);
  }
  std::filesystem::path Checkpoints() const { return dir_ / "checkpoints.jsonl"; }
  certs::AuditReport Verify(const app::AuditKey* key = nullptr) {
    return certs::VerifyAuditTrail(*store_, key ? key : &key_, Checkpoints(), std::nullopt);
  }
  static std::string Problems(const certs::AuditReport& r) {
    std::string out;
    for (const auto& p : r.problems) out += p.en + "\n";
    return out;
  }

  /// Rewrites every entry from `from_seq` on, through SQL, with `hash_of` (the attacker's
  /// recomputation), as a database writer without the real key would.
  void EditAndRecompute(int64_t from_seq,
                        const std::function<std::string(const storage::AuditEntry&)>& hash_of) {
    std::string prev = app::kAuditGenesis, sql;
    for (auto e : All()) {
      if (e.seq >= from_seq) {
        if (e.seq == from_seq) e.actor = "mallory";
        e.prev_hash = prev;
        e.hash = hash_of(e);
        sql += "UPDATE audit_log SET actor = '" + e.actor + "', prev_hash = '" + e.prev_hash +
               "', hash = '" + e.hash + "' WHERE seq = " + std::to_string(e.seq) + ";\n";
      }
      prev = e.hash;
    }
    db_->Exec(sql);
  }

  std::filesystem::path dir_;
  std::unique_ptr<TestDatabase> db_;
  storage::StorePtr store_;
  app::AuditKey key_;
  ClockPtr clock_ = std::make_shared<FixedClock>(*Date::FromYmd(2025, 3, 1), 1740787200 + 3600);
};

TEST_P(AuditTrail, HonestChainAndCheckpointVerify) {
  Checkpoint();
  Append(3);  // entries after the newest checkpoint are fine: they are simply not sealed yet
  const auto r = Verify();
  EXPECT_TRUE(r.ok()) << r.chain.reason << Problems(r);
  EXPECT_EQ(r.chain.entries, kEntries + 3);
  EXPECT_EQ(r.chain.legacy_entries, 0);
  EXPECT_EQ(r.checkpoints, 1);
  ASSERT_TRUE(r.newest);
  EXPECT_EQ(r.newest->seq, All()[kEntries - 1].seq);
}

TEST_P(AuditTrail, EntriesAreKeyedNotPlainSha256) {
  const auto e = All()[5];
  EXPECT_NE(e.hash, app::Sha256Hex(app::AuditCanonical(e)));
  EXPECT_EQ(e.hash, app::AuditMac(key_, e));
  EXPECT_NE(e.hash, app::AuditMac(app::AuditKey::Generate(), e));
}

TEST_P(AuditTrail, DeletingTheLast50RowsIsDetected) {
  Checkpoint();
  db_->Exec("DELETE FROM audit_log WHERE seq > " + std::to_string(All()[kEntries - 51].seq));
  const auto r = Verify();
  EXPECT_FALSE(r.chain.broken) << "the shortened chain is itself consistent";
  EXPECT_FALSE(r.ok());
  EXPECT_NE(Problems(r).find("entries were removed from the end"), std::string::npos) << Problems(r);
}

TEST_P(AuditTrail, DeletingRowsBeforeTheCheckpointedHeadIsDetected) {
  Checkpoint();
  const auto all = All();
  db_->Exec("DELETE FROM audit_log WHERE seq <= " + std::to_string(all[9].seq));
  // Even with the new first row re-linked to the genesis, its hash no longer matches.
  db_->Exec("UPDATE audit_log SET prev_hash = '" + app::kAuditGenesis + "' WHERE seq = " +
            std::to_string(all[10].seq));
  const auto r = Verify();
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(r.chain.broken);
  EXPECT_EQ(r.chain.first_broken_seq, all[10].seq);
}

TEST_P(AuditTrail, EditRecomputedWithPlainSha256IsDetected) {
  Checkpoint();
  const int64_t seq = All()[20].seq;
  EditAndRecompute(seq, [](const storage::AuditEntry& e) { return app::Sha256Hex(app::AuditCanonical(e)); });
  const auto r = Verify();
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.chain.first_broken_seq, seq) << r.chain.reason;
}

TEST_P(AuditTrail, EditRecomputedWithAGuessedKeyIsDetected) {
  Checkpoint();
  const int64_t seq = All()[20].seq;
  const app::AuditKey guess = app::AuditKey::Generate();
  EditAndRecompute(seq, [&](const storage::AuditEntry& e) { return app::AuditMac(guess, e); });
  const auto r = Verify();
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.chain.first_broken_seq, seq);
}

TEST_P(AuditTrail, EditRecomputedWithTheStolenKeyIsCaughtByTheCheckpoint) {
  Checkpoint();
  const int64_t seq = All()[20].seq;
  EditAndRecompute(seq, [&](const storage::AuditEntry& e) { return app::AuditMac(key_, e); });
  const auto r = Verify();
  EXPECT_FALSE(r.chain.broken) << "with the real key the chain recomputes";
  EXPECT_FALSE(r.ok());
  EXPECT_NE(Problems(r).find("no longer in the chain"), std::string::npos) << Problems(r);
}

TEST_P(AuditTrail, RecomputingEverythingAsLegacyIsCaughtByTheCheckpoint) {
  Checkpoint();
  EditAndRecompute(All()[0].seq,
                   [](const storage::AuditEntry& e) { return app::Sha256Hex(app::AuditCanonical(e)); });
  // ... and move the pre-upgrade boundary to the new head, so the walk takes it all as legacy.
  db_->Exec("INSERT INTO settings (key, value) VALUES ('audit_legacy_head', '" + All().back().hash + "')");
  const auto r = Verify(nullptr);
  EXPECT_FALSE(r.chain.broken);
  EXPECT_FALSE(r.ok());
  EXPECT_NE(Problems(r).find("boundary was moved"), std::string::npos) << Problems(r);
}

TEST_P(AuditTrail, AForgedCheckpointIsReported) {
  Checkpoint();
  // A checkpoint signed with the attacker's own Ed25519 key, claiming the registry's key id.
  auto forged = Checkpoint();
  const auto kp = certs::GenerateKeyPair(certs::Algorithm::kEd25519);
  forged.seq += 1000;
  forged.signature = certs::Base64Url(
      certs::Sign(certs::Algorithm::kEd25519, kp.private_key, certs::CheckpointSignedText(forged)));
  std::ofstream(Checkpoints(), std::ios::app) << certs::CheckpointJson(forged).dump() << '\n';
  // And an honest line with its seq altered.
  auto altered = forged;
  altered.signature = Checkpoint().signature;
  std::ofstream(Checkpoints(), std::ios::app) << certs::CheckpointJson(altered).dump() << '\n'
                                               << "{not json\n";
  const auto r = Verify();
  EXPECT_FALSE(r.chain.broken);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.checkpoints, 3);
  const std::string p = Problems(r);
  EXPECT_NE(p.find("checkpoint line 3: the signature does not verify"), std::string::npos) << p;
  EXPECT_NE(p.find("checkpoint line 5: the signature does not verify"), std::string::npos) << p;
  EXPECT_NE(p.find("checkpoint line 6 is not a checkpoint"), std::string::npos) << p;
}

TEST_P(AuditTrail, AMissingCheckpointFileIsReported) {
  const auto r = Verify();
  EXPECT_FALSE(r.chain.broken);
  EXPECT_FALSE(r.ok());
  EXPECT_NE(Problems(r).find("no checkpoint file"), std::string::npos);
}

TEST_P(AuditTrail, AnotherKeyFileIsNamedAsSuch) {
  Checkpoint();
  const app::AuditKey other = app::AuditKey::Generate();
  const auto r = Verify(&other);
  EXPECT_TRUE(r.chain.broken);
  EXPECT_NE(Problems(r).find("another audit key"), std::string::npos) << Problems(r);
}

/// Makes the database look as it did at schema 5, so opening it runs migration 6 (and the later
/// ones) again: their versions are forgotten and what the later ones added is dropped.
void RewindToSchema5(TestDatabase& db) {
  db.Exec("DELETE FROM schema_migrations WHERE version >= 6");
  // Migration 14 first (second factor, password history, the sessions page): SQLite checks
  // the triggers of migration 12 when a column is dropped, so it is undone while they stand.
  for (const char* sql : {"DROP TABLE IF EXISTS recovery_codes", "DROP TABLE IF EXISTS password_history",
                          "ALTER TABLE users DROP COLUMN demo",
                          "ALTER TABLE users DROP COLUMN password_changed_at",
                          "ALTER TABLE users DROP COLUMN totp_secret",
                          "ALTER TABLE users DROP COLUMN totp_enabled",
                          "ALTER TABLE users DROP COLUMN totp_last_step",
                          "ALTER TABLE sessions DROP COLUMN user_agent",
                          "ALTER TABLE sessions DROP COLUMN address",
                          "ALTER TABLE sessions DROP COLUMN pending"}) {
    db.Exec(sql);
  }
  db.Exec("ALTER TABLE users DROP COLUMN must_change_password");  // migration 7
  // Migration 8 (a person's region, transfers) and 9–10 (the training market) are undone so
  // that they run again after 6 and 7 (migrations are applied above the highest version).
  for (const char* sql : {
           "DROP INDEX IF EXISTS persons_field", "DROP INDEX IF EXISTS persons_title_level",
           "DROP INDEX IF EXISTS persons_name", "DROP TABLE IF EXISTS person_transfers",
           "DROP INDEX IF EXISTS class_enrolments_person", "DROP INDEX IF EXISTS courses_catalogue",
           "ALTER TABLE courses DROP COLUMN public_subject_id", "ALTER TABLE courses DROP COLUMN teachers",
           "ALTER TABLE courses DROP COLUMN field", "DROP TABLE IF EXISTS quality_list_items",
           "DROP TABLE IF EXISTS quality_lists", "DROP TABLE IF EXISTS course_textbooks",
           "DROP TABLE IF EXISTS catalogue_terms", "DROP TABLE IF EXISTS textbooks",
           "DROP TABLE IF EXISTS public_subjects", "DROP TABLE IF EXISTS provider_documents",
           "DROP TABLE IF EXISTS provider_events", "DROP TABLE IF EXISTS provider_applications",
           "DROP TABLE IF EXISTS provider_standing"}) {
    db.Exec(sql);
  }
  // Migration 12 (statistics cells): the tables, and the triggers that mark them.
  for (const char* sql : {"DROP TABLE IF EXISTS stats_cells", "DROP TABLE IF EXISTS stats_years",
                          "DROP TABLE IF EXISTS stats_dirty"}) {
    db.Exec(sql);
  }
  // Migration 15 (notices).
  for (const char* sql : {"DROP TABLE IF EXISTS notice_contacts", "DROP TABLE IF EXISTS notices"}) {
    db.Exec(sql);
  }
  if (db.backend() == "postgresql") {
    // Dropping the functions drops their triggers.
    for (const char* fn : {"stats_mark_totals", "stats_mark_persons", "stats_mark_exemptions",
                           "stats_mark_person_update"}) {
      db.Exec(std::string("DROP FUNCTION IF EXISTS ") + fn + "() CASCADE");
    }
    db.Exec("DROP SEQUENCE IF EXISTS stats_mark_seq");
  } else {
    for (const char* t : {"stats_mark_totals_insert", "stats_mark_totals_update",
                          "stats_mark_totals_delete", "stats_mark_person_insert",
                          "stats_mark_person_update", "stats_mark_exemption_insert",
                          "stats_mark_exemption_update", "stats_mark_exemption_delete"}) {
      db.Exec(std::string("DROP TRIGGER IF EXISTS ") + t);
    }
  }
  // Migration 13 (sealed ID numbers; this fixture holds no persons, so no row is left sealed):
  // the keys, the blind index, and on PostgreSQL the plain column's UNIQUE it dropped.
  db.Exec("DROP TABLE IF EXISTS data_keys");
  db.Exec("DROP INDEX IF EXISTS persons_id_index");
  db.Exec("ALTER TABLE persons DROP COLUMN id_index");
  if (db.backend() == "postgresql") {
    db.Exec("ALTER TABLE persons ADD CONSTRAINT persons_id_number_key UNIQUE (id_number)");
  }
}

TEST_P(AuditTrail, EntriesFromBeforeTheUpgradeStayVerifiable) {
  // Simulate a database at schema 5: its chain is plain SHA-256 and migration 6 has not run.
  db_->Exec("DELETE FROM audit_log");
  store_.reset();
  RewindToSchema5(*db_);
  store_ = storage::OpenStore(db_->Config());  // runs 6 again on an empty chain: no boundary
  {
    auto uow = store_->Begin();
    std::string prev = app::kAuditGenesis;
    for (int i = 0; i < 30; ++i) {
      auto e = Entry(i);
      e.prev_hash = prev;
      e.hash = app::Sha256Hex(app::AuditCanonical(e));
      store_->audit().Insert(e);
      prev = e.hash;
    }
    uow->Commit();
  }
  EXPECT_EQ(app::AuditLegacyHead(*store_), "");
  store_.reset();
  RewindToSchema5(*db_);
  store_ = storage::OpenStore(db_->Config());  // the upgrade records the boundary
  const std::string boundary = All().back().hash;
  EXPECT_EQ(app::AuditLegacyHead(*store_), boundary);
  EXPECT_FALSE(app::HasKeyedEntries(*store_));
  Append(10);
  EXPECT_TRUE(app::HasKeyedEntries(*store_));
  Checkpoint();
  auto r = Verify();
  EXPECT_TRUE(r.ok()) << r.chain.reason << Problems(r);
  EXPECT_EQ(r.chain.entries, 40);
  EXPECT_EQ(r.chain.legacy_entries, 30);
  // A legacy entry edited and everything after it recomputed with plain SHA-256 changes the
  // boundary entry's hash, so the walk never leaves the legacy part.
  EditAndRecompute(All()[5].seq, [](const storage::AuditEntry& e) {
    return app::Sha256Hex(app::AuditCanonical(e));
  });
  r = Verify();
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(r.chain.broken);
  EXPECT_NE(r.chain.reason.find("last pre-upgrade entry"), std::string::npos) << r.chain.reason;
  EXPECT_NE(Problems(r).find("no longer in the chain"), std::string::npos) << Problems(r);
}

TEST_P(AuditTrail, KeyFileIsCreatedOwnerOnlyAndNeverReplaced) {
  const auto path = dir_ / "audit.key";
  EXPECT_EQ(std::filesystem::status(path).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  EXPECT_EQ(app::CreateAuditKey(path).Hex(), key_.Hex());
  EXPECT_EQ(app::OpenAuditKeyForWriting(*store_, path).Hex(), key_.Hex());
  std::filesystem::remove(path);
  EXPECT_THROW(app::OpenAuditKeyForWriting(*store_, path), Fault)
      << "keyed entries exist: a lost key must not be replaced silently";
  std::ofstream(path) << key_.Hex() << '\n';
  std::filesystem::permissions(path, std::filesystem::perms::owner_read |
                                         std::filesystem::perms::owner_write |
                                         std::filesystem::perms::others_read);
  EXPECT_THROW(app::ReadAuditKey(path), Fault) << "a world-readable key is refused";
}

JIXU_INSTANTIATE_FOR_TEST_BACKENDS(AuditTrail);

}  // namespace
}  // namespace jixu::testing
