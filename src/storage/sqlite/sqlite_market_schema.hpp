#pragma once
// Migration 8 of the SQLite schema: the provider lifecycle of the training market
// (core/storage/market_repos.hpp). Append-only like every migration. Dates are YYYYMMDD
// integers (0: none), times unix seconds, statuses and actions their numeric values.
#include <string_view>

namespace jixu::storage::sqlite {

inline constexpr std::string_view kMarketLifecycleSchemaSql = R"sql(
-- A provider without a row here stands as providers.approved says (imported: approved).
CREATE TABLE provider_standing (
  provider_code TEXT PRIMARY KEY REFERENCES providers(code) ON UPDATE CASCADE,
  status        INTEGER NOT NULL,
  reason        TEXT NOT NULL DEFAULT '',
  date_from     INTEGER NOT NULL DEFAULT 0,
  date_until    INTEGER NOT NULL DEFAULT 0,
  changed_at    INTEGER NOT NULL,
  changed_by    TEXT NOT NULL
);
CREATE INDEX provider_standing_status ON provider_standing(status);

CREATE TABLE provider_applications (
  id                  INTEGER PRIMARY KEY,
  provider_code       TEXT NOT NULL REFERENCES providers(code) ON UPDATE CASCADE,
  submitted_at        INTEGER NOT NULL,
  submitted_by        TEXT NOT NULL,
  licence_no          TEXT NOT NULL,
  licence_issuer      TEXT NOT NULL DEFAULT '',
  licence_valid_until INTEGER NOT NULL DEFAULT 0,
  scope               TEXT NOT NULL,
  full_time_teachers  INTEGER NOT NULL DEFAULT 0,
  part_time_teachers  INTEGER NOT NULL DEFAULT 0,
  teachers            TEXT NOT NULL DEFAULT '',
  facilities          TEXT NOT NULL DEFAULT '',
  status              INTEGER NOT NULL,
  decided_by          TEXT NOT NULL DEFAULT '',
  decided_at          INTEGER NOT NULL DEFAULT 0,
  reason              TEXT NOT NULL DEFAULT ''
);
CREATE INDEX provider_applications_provider ON provider_applications(provider_code, id);

-- The files of an application, kept in evidence_blobs by their hash.
CREATE TABLE provider_documents (
  application_id INTEGER NOT NULL REFERENCES provider_applications(id),
  doc_no       INTEGER NOT NULL,
  kind           TEXT NOT NULL,
  sha256         TEXT NOT NULL,
  filename       TEXT NOT NULL,
  mime           TEXT NOT NULL,
  size           INTEGER NOT NULL,
  PRIMARY KEY (application_id, doc_no)
);

CREATE TABLE provider_events (
  id             INTEGER PRIMARY KEY,
  provider_code  TEXT NOT NULL REFERENCES providers(code) ON UPDATE CASCADE,
  at             INTEGER NOT NULL,
  actor          TEXT NOT NULL,
  action         INTEGER NOT NULL,
  status         INTEGER NOT NULL,
  reason         TEXT NOT NULL DEFAULT '',
  date_from      INTEGER NOT NULL DEFAULT 0,
  date_until     INTEGER NOT NULL DEFAULT 0,
  application_id INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX provider_events_provider ON provider_events(provider_code, id);

-- A provider's roster (every person enrolled in one of its classes), probed per reported row.
CREATE INDEX class_enrolments_person ON class_enrolments(person_id, class_id);
)sql";

// Migration 9: the catalogue (issue 11 item 6): public subjects, textbooks, the course details
// the catalogue shows (field, teachers, public subject, textbooks), quality lists, and the search
// terms of courses and textbooks (core/market/catalogue.hpp).
inline constexpr std::string_view kMarketCatalogueSchemaSql = R"sql(
CREATE TABLE public_subjects (
  id            INTEGER PRIMARY KEY,
  year          INTEGER NOT NULL,
  region_prefix TEXT NOT NULL DEFAULT '',  -- '' national, else the publishing authority's region
  title         TEXT NOT NULL,
  centi_hours   INTEGER NOT NULL CHECK (centi_hours > 0),
  content       TEXT NOT NULL DEFAULT '',
  published_by  TEXT NOT NULL,
  published_at  INTEGER NOT NULL,
  withdrawn     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX public_subjects_year ON public_subjects(year, region_prefix);

CREATE TABLE textbooks (
  id             INTEGER PRIMARY KEY,
  isbn           TEXT NOT NULL UNIQUE,
  title          TEXT NOT NULL,
  authors        TEXT NOT NULL,
  publisher      TEXT NOT NULL,
  edition        TEXT NOT NULL DEFAULT '',
  subject        TEXT NOT NULL DEFAULT '',
  added_by       TEXT NOT NULL,
  added_at       INTEGER NOT NULL,
  recommended    INTEGER NOT NULL DEFAULT 0,
  recommended_by TEXT NOT NULL DEFAULT '',
  recommended_at INTEGER NOT NULL DEFAULT 0,
  recommend_note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX textbooks_subject ON textbooks(subject);
CREATE INDEX textbooks_recommended ON textbooks(recommended, id);

ALTER TABLE courses ADD COLUMN field TEXT NOT NULL DEFAULT '';
ALTER TABLE courses ADD COLUMN teachers TEXT NOT NULL DEFAULT '';
ALTER TABLE courses ADD COLUMN public_subject_id INTEGER NOT NULL DEFAULT 0;
CREATE INDEX courses_catalogue ON courses(published, category, field);

CREATE TABLE course_textbooks (
  course_id   INTEGER NOT NULL REFERENCES courses(id),
  textbook_id INTEGER NOT NULL REFERENCES textbooks(id),
  PRIMARY KEY (course_id, textbook_id)
);

CREATE TABLE quality_lists (
  id            INTEGER PRIMARY KEY,
  year          INTEGER NOT NULL,
  kind          TEXT NOT NULL,
  title         TEXT NOT NULL,
  region_prefix TEXT NOT NULL DEFAULT '',
  note          TEXT NOT NULL DEFAULT '',
  published_by  TEXT NOT NULL,
  published_at  INTEGER NOT NULL
);
CREATE INDEX quality_lists_year ON quality_lists(year, kind);

CREATE TABLE quality_list_items (
  list_id   INTEGER NOT NULL REFERENCES quality_lists(id),
  doc_no    INTEGER NOT NULL,
  entity_id INTEGER NOT NULL,
  note      TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (list_id, doc_no)
);

-- kind 0 course, 1 textbook; one row per distinct term of the entity's text.
CREATE TABLE catalogue_terms (
  kind      INTEGER NOT NULL,
  term      TEXT NOT NULL,
  entity_id INTEGER NOT NULL,
  PRIMARY KEY (kind, term, entity_id)
) WITHOUT ROWID;
CREATE INDEX catalogue_terms_entity ON catalogue_terms(kind, entity_id);
)sql";

}  // namespace jixu::storage::sqlite
