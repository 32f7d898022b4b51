#pragma once
// Migration 3 of the SQLite schema: the server's tables (issue 4). Kept in its own header so the
// migration list in sqlite_schema.cpp holds one line for it. Append-only like every migration.
#include <string_view>

namespace jixu::storage::sqlite {

inline constexpr std::string_view kServerSchemaSql = R"sql(
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,                 -- Argon2id (libsodium crypto_pwhash_str)
  role          TEXT NOT NULL,
  display_name  TEXT NOT NULL DEFAULT '',
  person_id     INTEGER NOT NULL DEFAULT 0,
  employer_code TEXT NOT NULL DEFAULT '',
  provider_code TEXT NOT NULL DEFAULT '',
  region_prefix TEXT NOT NULL DEFAULT '',
  industry      TEXT NOT NULL DEFAULT '',
  disabled      INTEGER NOT NULL DEFAULT 0,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until  INTEGER NOT NULL DEFAULT 0,
  created_at    INTEGER NOT NULL
);

-- Only the SHA-256 of a bearer token is stored: a copy of the table opens no session.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  last_seen  INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

-- Append-only; each row's hash covers the previous row's hash (app/audit_log.hpp).
CREATE TABLE audit_log (
  seq           INTEGER PRIMARY KEY,
  at            INTEGER NOT NULL,
  actor         TEXT NOT NULL,
  actor_role    TEXT NOT NULL,
  action        TEXT NOT NULL,
  entity        TEXT NOT NULL,
  entity_id     TEXT NOT NULL,
  region_code   TEXT NOT NULL,
  industry      TEXT NOT NULL,
  employer_code TEXT NOT NULL,
  provider_code TEXT NOT NULL,
  before_json   TEXT NOT NULL,
  after_json    TEXT NOT NULL,
  prev_hash     TEXT NOT NULL,
  hash          TEXT NOT NULL
);
CREATE INDEX audit_region ON audit_log(region_code);

CREATE TABLE evidence_blobs (
  sha256  TEXT PRIMARY KEY,
  mime    TEXT NOT NULL,
  size    INTEGER NOT NULL,
  content BLOB NOT NULL
);
CREATE TABLE record_evidence (
  record_id   INTEGER NOT NULL REFERENCES learning_records(id),
  sha256      TEXT NOT NULL REFERENCES evidence_blobs(sha256),
  filename    TEXT NOT NULL,
  attached_at INTEGER NOT NULL,
  PRIMARY KEY (record_id, sha256)
);

CREATE TABLE courses (
  id            INTEGER PRIMARY KEY,
  provider_code TEXT NOT NULL REFERENCES providers(code) ON UPDATE CASCADE,
  code          TEXT NOT NULL,
  title         TEXT NOT NULL,
  category      INTEGER NOT NULL,
  form          INTEGER NOT NULL,
  centi_hours   INTEGER NOT NULL CHECK (centi_hours > 0),
  published     INTEGER NOT NULL DEFAULT 0,
  description   TEXT NOT NULL DEFAULT '',
  UNIQUE (provider_code, code)
);

CREATE TABLE record_reviews (
  record_id            INTEGER PRIMARY KEY REFERENCES learning_records(id),
  stage                INTEGER NOT NULL,
  needs_authority      INTEGER NOT NULL,
  declared_at          INTEGER NOT NULL,
  employer_reviewer    TEXT NOT NULL DEFAULT '',
  employer_decided_at  INTEGER NOT NULL DEFAULT 0,
  authority_reviewer   TEXT NOT NULL DEFAULT '',
  authority_decided_at INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX record_reviews_stage ON record_reviews(stage);

-- Imported providers are approved; ones an authority creates start pending (0).
ALTER TABLE providers ADD COLUMN approved INTEGER NOT NULL DEFAULT 1;
CREATE INDEX learning_records_provider ON learning_records(provider_code);
)sql";

}  // namespace jixu::storage::sqlite
