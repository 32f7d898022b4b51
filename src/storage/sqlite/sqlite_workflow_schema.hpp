#pragma once
// Migration 4 of the SQLite schema: exemption approval and classes (workflow_repos.hpp).
// Append-only like every migration. Class dates are YYYYMMDD integers, hours centi-hours.
#include <string_view>

namespace jixu::storage::sqlite {

inline constexpr std::string_view kWorkflowSchemaSql = R"sql(
-- The approval trail of an exemption a person or employer requested; exemptions.approved is
-- what the engine reads, set only when the request is approved.
CREATE TABLE exemption_reviews (
  exemption_id      INTEGER PRIMARY KEY REFERENCES exemptions(id),
  person_id         INTEGER NOT NULL,
  status            INTEGER NOT NULL,
  requested_by      TEXT NOT NULL,
  requested_at      INTEGER NOT NULL,
  evidence_sha256   TEXT NOT NULL DEFAULT '',
  evidence_filename TEXT NOT NULL DEFAULT '',
  decided_by        TEXT NOT NULL DEFAULT '',
  decided_at        INTEGER NOT NULL DEFAULT 0,
  reason            TEXT NOT NULL DEFAULT ''
);
CREATE INDEX exemption_reviews_status ON exemption_reviews(status);

CREATE TABLE training_classes (
  id            INTEGER PRIMARY KEY,
  provider_code TEXT NOT NULL REFERENCES providers(code) ON UPDATE CASCADE,
  course_id     INTEGER NOT NULL REFERENCES courses(id),
  name          TEXT NOT NULL,
  starts_on     INTEGER NOT NULL,
  ends_on       INTEGER NOT NULL CHECK (ends_on >= starts_on),
  centi_hours   INTEGER NOT NULL CHECK (centi_hours > 0),
  capacity      INTEGER NOT NULL DEFAULT 0,
  created_at    INTEGER NOT NULL
);
CREATE INDEX training_classes_provider ON training_classes(provider_code);

CREATE TABLE class_enrolments (
  class_id           INTEGER NOT NULL REFERENCES training_classes(id),
  person_id          INTEGER NOT NULL REFERENCES persons(id),
  enrolled_at        INTEGER NOT NULL,
  completed_at       INTEGER NOT NULL DEFAULT 0,
  record_id          INTEGER NOT NULL DEFAULT 0,
  certificate_serial TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (class_id, person_id)
);
)sql";

}  // namespace jixu::storage::sqlite
