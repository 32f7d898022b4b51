#include "storage/sqlite/sqlite_schema.hpp"

#include <string_view>

#include "storage/sqlite/sqlite_server_schema.hpp"
#include "storage/sqlite/sqlite_workflow_schema.hpp"
#include "storage/sqlite/sqlite_market_schema.hpp"
#include "storage/sqlite/sqlite_statistics_schema.hpp"
#include "storage/sqlite/sqlite_notify_schema.hpp"

namespace jixu::storage::sqlite {
namespace {

// Migrations are append-only: a released one is never edited, a change is a new entry. Version
// N is kMigrations[N - 1]. Dates are YYYYMMDD integers, hours integer centi-hours, enums their
// numeric values (stable: see records/types.hpp).
constexpr std::string_view kMigrations[] = {
    // 1: the registry.
    R"sql(
CREATE TABLE employers (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE,          -- unified social credit code (GB 32100)
  name        TEXT NOT NULL,
  region_code TEXT NOT NULL,
  type        INTEGER NOT NULL,
  industry    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX employers_region ON employers(region_code);

CREATE TABLE providers (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  region_code TEXT NOT NULL,
  type        INTEGER NOT NULL
);
CREATE INDEX providers_region ON providers(region_code);

-- The employer is referenced by its code (immutable for a legal entity), which is what every
-- import and query names; this saves a join on the million-row compliance stream.
CREATE TABLE persons (
  id            INTEGER PRIMARY KEY,
  id_number     TEXT NOT NULL UNIQUE,
  name          TEXT NOT NULL,
  employer_code TEXT REFERENCES employers(code) ON UPDATE CASCADE,
  region_code   TEXT NOT NULL,
  field         TEXT NOT NULL,
  title_level   INTEGER NOT NULL,
  title_since   INTEGER,
  joined        INTEGER
);
CREATE INDEX persons_employer ON persons(employer_code);
CREATE INDEX persons_region ON persons(region_code);

CREATE TABLE title_changes (
  person_id INTEGER NOT NULL REFERENCES persons(id),
  since     INTEGER NOT NULL,
  level     INTEGER NOT NULL,
  PRIMARY KEY (person_id, since, level)
) WITHOUT ROWID;

CREATE TABLE learning_records (
  id            INTEGER PRIMARY KEY,
  person_id     INTEGER NOT NULL REFERENCES persons(id),
  completed_on  INTEGER NOT NULL,
  year          INTEGER NOT NULL,
  category      INTEGER NOT NULL,
  form          INTEGER NOT NULL,
  centi_hours   INTEGER NOT NULL CHECK (centi_hours > 0),
  provider_code TEXT REFERENCES providers(code) ON UPDATE CASCADE,
  provider_name TEXT NOT NULL DEFAULT '',
  title         TEXT NOT NULL DEFAULT '',
  source_id     TEXT NOT NULL DEFAULT '',
  status        INTEGER NOT NULL,
  reject_reason TEXT NOT NULL DEFAULT '',
  origin        INTEGER NOT NULL,
  topic         TEXT NOT NULL DEFAULT '',
  activity      TEXT NOT NULL DEFAULT '',
  course_code   TEXT NOT NULL DEFAULT '',
  record_key    INTEGER NOT NULL,               -- records::RecordKey, for idempotent imports
  UNIQUE (person_id, record_key)                -- also the index of a person's records
);

CREATE TABLE exemptions (
  id        INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES persons(id),
  kind      INTEGER NOT NULL,
  date_from INTEGER NOT NULL,
  date_to   INTEGER NOT NULL CHECK (date_to >= date_from),
  approved  INTEGER NOT NULL,
  note      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX exemptions_person ON exemptions(person_id);
CREATE INDEX exemptions_period ON exemptions(date_from, date_to);

-- Approved hours per person and year, kept in step with every record write. Keyed by
-- (year, person_id) so one year's rows are contiguous and come out in person order: whole-
-- population compliance merges them with the persons table in one pass. `totals` is the
-- 112-byte SummarySlots blob (sqlite_conn.hpp).
CREATE TABLE person_year_totals (
  year      INTEGER NOT NULL,
  person_id INTEGER NOT NULL REFERENCES persons(id),
  totals    BLOB NOT NULL,
  PRIMARY KEY (year, person_id)
) WITHOUT ROWID;
)sql",
    // 2: certificates (docs/certificates.md) and the keys that sign them. Keys and signatures are
    // base64url text; times Unix seconds. A retired key signs nothing new but still verifies.
    R"sql(
CREATE TABLE signing_keys (
  key_id      TEXT PRIMARY KEY,
  algorithm   TEXT NOT NULL,
  public_key  TEXT NOT NULL,
  private_key TEXT NOT NULL,
  protection  TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  retired_at  INTEGER
);

CREATE TABLE certificates (
  serial        TEXT PRIMARY KEY,
  kind          TEXT NOT NULL,
  person_id     INTEGER NOT NULL REFERENCES persons(id),
  year          INTEGER NOT NULL,
  payload       TEXT NOT NULL,
  algorithm     TEXT NOT NULL,
  key_id        TEXT NOT NULL REFERENCES signing_keys(key_id),
  signature     TEXT NOT NULL,
  issued_at     INTEGER NOT NULL,
  revoked_at    INTEGER,
  revoke_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX certificates_person ON certificates(person_id, issued_at);
)sql",
    // 3: the server (issue 4): accounts, sessions, settings, audit chain, evidence, courses,
    // review of declared records, provider approval (sqlite_server_schema.hpp).
    kServerSchemaSql,
    // 4: exemption approval and classes (sqlite_workflow_schema.hpp).
    kWorkflowSchemaSql,
    // 5: the provider index covers only provider-reported records (origin 0), the only ones a
    // provider's scope reads; bulk imports (origin 2) no longer pay for it on every row.
    R"sql(
DROP INDEX learning_records_provider;
CREATE INDEX learning_records_provider_reported ON learning_records(provider_code)
  WHERE origin = 0;
)sql",
    // 6: keyed audit hashes (HMAC-SHA-256, app/audit_log.hpp). Entries written before keep their
    // plain SHA-256 hashes; the last of them is recorded as the boundary (none: no row).
    R"sql(
INSERT INTO settings (key, value)
  SELECT 'audit_legacy_head', hash FROM audit_log ORDER BY seq DESC LIMIT 1;
)sql",
    // 7: an administrator's password reset makes the user choose a new password at the next
    // sign-in (issue 10); 0/1 like `disabled`.
    R"sql(
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
)sql",
    // 8: a person's region is where they work (docs/architecture.md#a-persons-region): persons
    // with an employer take its region; the persons list's filters get indexes; transfers
    // between employers (人员调入调出) keep their history. At most one open release per person.
    R"sql(
UPDATE persons SET region_code = (SELECT e.region_code FROM employers e WHERE e.code = persons.employer_code)
  WHERE employer_code IS NOT NULL AND region_code <> (SELECT e.region_code FROM employers e WHERE e.code = persons.employer_code);
CREATE INDEX persons_field ON persons(field);
CREATE INDEX persons_title_level ON persons(title_level);
CREATE INDEX persons_name ON persons(name);
CREATE TABLE person_transfers (
  id            INTEGER PRIMARY KEY,
  person_id     INTEGER NOT NULL REFERENCES persons(id),
  from_employer TEXT NOT NULL,
  to_employer   TEXT NOT NULL DEFAULT '',
  status        INTEGER NOT NULL,
  note          TEXT NOT NULL DEFAULT '',
  released_by   TEXT NOT NULL,
  released_at   INTEGER NOT NULL,
  completed_by  TEXT NOT NULL DEFAULT '',
  completed_at  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX person_transfers_person ON person_transfers(person_id);
CREATE INDEX person_transfers_from ON person_transfers(from_employer);
CREATE INDEX person_transfers_to ON person_transfers(to_employer);
CREATE UNIQUE INDEX person_transfers_open ON person_transfers(person_id) WHERE status = 0;
)sql",
    // 9: the training market's provider lifecycle: standing, applications with documents,
    // history, and the roster index (sqlite_market_schema.hpp).
    kMarketLifecycleSchemaSql,
    // 10: the training market's catalogue: public subjects, textbooks, course details, quality
    // lists, search terms (sqlite_market_schema.hpp).
    kMarketCatalogueSchemaSql,
    // 11: none. Numbered while two branches were open; the other did not need its number, and a
    // version once shipped is never renumbered, so 11 stays an empty step.
    "SELECT 1;",
    // 12: statistics cells kept in step with every write (issue 16, sqlite_statistics_schema.hpp).
    kStatisticsSchemaSql,
    // 13: persons' ID numbers sealed at rest (issue 15; storage/sql/privacy/key_ring.hpp): the
    // wrapped data keys, and the blind index that lookups and uniqueness now go by. The store
    // seals the existing plain-text rows right after (privacy::SealPlainIds); id_number then
    // holds "k<key id>:<base64>" and its old UNIQUE index stays, harmless, on sealed values.
    R"sql(
CREATE TABLE data_keys (
  key_id     INTEGER NOT NULL,
  kek_id     TEXT NOT NULL,
  purpose    TEXT NOT NULL,
  wrapped    TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  active     INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (key_id, kek_id)
);
ALTER TABLE persons ADD COLUMN id_index TEXT;
CREATE UNIQUE INDEX persons_id_index ON persons (id_index);
)sql",
    // 14: the second factor, demo accounts, password expiry and history, the sessions page
    // (issue 15 items 2-4): TOTP secret and last accepted step on the user, recovery codes
    // (SHA-256 of each), former password hashes, a session's user agent, address and missing
    // sign-in step. Existing passwords count as changed when their account was created.
    R"sql(
ALTER TABLE users ADD COLUMN demo INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN password_changed_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN totp_secret TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN totp_enabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;
UPDATE users SET password_changed_at = created_at;
ALTER TABLE sessions ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN pending TEXT NOT NULL DEFAULT '';
CREATE TABLE recovery_codes (
  user_id   INTEGER NOT NULL REFERENCES users(id),
  code_hash TEXT NOT NULL,
  used_at   INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (user_id, code_hash)
);
CREATE TABLE password_history (
  id            INTEGER PRIMARY KEY,
  user_id       INTEGER NOT NULL REFERENCES users(id),
  password_hash TEXT NOT NULL,
  changed_at    INTEGER NOT NULL
);
CREATE INDEX password_history_user ON password_history(user_id, changed_at);
)sql",
    // 15: notices and the e-mail addresses users give for them (issue 13 item 3,
    // sqlite_notify_schema.hpp).
    kNotifySchemaSql,
};

}  // namespace

int LatestSchemaVersion() { return static_cast<int>(std::size(kMigrations)); }

int Migrate(Conn& conn) {
  conn.db.Exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT (datetime('now')))");
  WriteTx tx(conn);
  int current = 0;
  {
    auto q = conn.db.Prepare("SELECT coalesce(max(version), 0) FROM schema_migrations");
    q.Step();
    current = static_cast<int>(q.Int(0));
  }
  if (current > LatestSchemaVersion()) {
    throw Fault("schema_too_new", "database schema version " + std::to_string(current) +
                                      " is newer than this program knows (" +
                                      std::to_string(LatestSchemaVersion()) + ")");
  }
  for (int v = current + 1; v <= LatestSchemaVersion(); ++v) {
    conn.db.Exec(std::string(kMigrations[v - 1]));
    auto ins = conn.db.Prepare("INSERT INTO schema_migrations(version) VALUES (?1)");
    ins.Bind(1, int64_t{v}).Exec();
  }
  tx.Commit();
  return LatestSchemaVersion();
}

}  // namespace jixu::storage::sqlite
