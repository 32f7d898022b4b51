#pragma once
// Migration 12 (issue 16): statistics cells (core/storage/statistics_repos.hpp). The cells of a
// year are written by the application when the year is first read (a person's status needs the
// policies and today's date, which SQL does not have), so an existing database is backfilled by
// its first statistics request per year; from then on the triggers below mark every person a
// write touches, in the write's own transaction, and the next read re-evaluates only those.
#include <string_view>

namespace jixu::storage::sqlite {

inline constexpr std::string_view kStatisticsSchemaSql = R"sql(
-- The years whose cells are kept; `generation` grows each time a year is (re)built.
CREATE TABLE stats_years (
  year       INTEGER PRIMARY KEY,
  generation INTEGER NOT NULL,
  stamp      TEXT NOT NULL DEFAULT '',
  ready      INTEGER NOT NULL DEFAULT 0
);

-- One row per (year, region, employer, field, title level, status): persons and their hours.
-- `approved` is 28 little-endian int64 centi-hours, one per (category, form) bucket.
CREATE TABLE stats_cells (
  year                 INTEGER NOT NULL,
  region_code          TEXT NOT NULL,
  employer_code        TEXT NOT NULL,
  field                TEXT NOT NULL,
  title_level          INTEGER NOT NULL,
  status               INTEGER NOT NULL,
  persons              INTEGER NOT NULL,
  approved             BLOB NOT NULL,
  counted_professional INTEGER NOT NULL,
  counted_public       INTEGER NOT NULL,
  PRIMARY KEY (year, region_code, employer_code, field, title_level, status)
) WITHOUT ROWID;
CREATE INDEX stats_cells_employer ON stats_cells(year, employer_code);

-- Persons to re-evaluate in a kept year. `moved`: their employer, region, field or title changed
-- since the cells were written, and old_* is the group where the cells still count them.
CREATE TABLE stats_dirty (
  year         INTEGER NOT NULL,
  person_id    INTEGER NOT NULL,
  mark         INTEGER NOT NULL DEFAULT 0,
  moved        INTEGER NOT NULL DEFAULT 0,
  old_region   TEXT NOT NULL DEFAULT '',
  old_employer TEXT NOT NULL DEFAULT '',
  old_field    TEXT NOT NULL DEFAULT '',
  old_title    INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (year, person_id)
) WITHOUT ROWID;
CREATE INDEX stats_dirty_person ON stats_dirty(person_id);

-- A summary row of year Y can change the result of Y - 1 (grace period) to Y + 5 (cycles and
-- rolling windows look back at most five years).
CREATE TRIGGER stats_mark_totals_insert AFTER INSERT ON person_year_totals BEGIN
  INSERT INTO stats_dirty (year, person_id) SELECT year, NEW.person_id FROM stats_years
    WHERE year BETWEEN NEW.year - 1 AND NEW.year + 5 ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER stats_mark_totals_update AFTER UPDATE ON person_year_totals BEGIN
  INSERT INTO stats_dirty (year, person_id) SELECT year, NEW.person_id FROM stats_years
    WHERE year BETWEEN NEW.year - 1 AND NEW.year + 5 ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER stats_mark_totals_delete AFTER DELETE ON person_year_totals BEGIN
  INSERT INTO stats_dirty (year, person_id) SELECT year, OLD.person_id FROM stats_years
    WHERE year BETWEEN OLD.year - 1 AND OLD.year + 5 ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER stats_mark_person_insert AFTER INSERT ON persons BEGIN
  INSERT INTO stats_dirty (year, person_id) SELECT year, NEW.id FROM stats_years WHERE 1
    ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER stats_mark_person_update
  AFTER UPDATE OF employer_code, region_code, field, title_level, title_since, joined ON persons
  WHEN OLD.employer_code IS NOT NEW.employer_code OR OLD.region_code IS NOT NEW.region_code
    OR OLD.field IS NOT NEW.field OR OLD.title_level IS NOT NEW.title_level
    OR OLD.title_since IS NOT NEW.title_since OR OLD.joined IS NOT NEW.joined
BEGIN
  UPDATE stats_dirty SET moved = 1, old_region = OLD.region_code,
    old_employer = coalesce(OLD.employer_code, ''), old_field = OLD.field,
    old_title = OLD.title_level WHERE person_id = OLD.id AND moved = 0;
  INSERT INTO stats_dirty (year, person_id, moved, old_region, old_employer, old_field, old_title)
    SELECT year, OLD.id, 1, OLD.region_code, coalesce(OLD.employer_code, ''), OLD.field,
      OLD.title_level FROM stats_years WHERE 1 ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER stats_mark_exemption_insert AFTER INSERT ON exemptions BEGIN
  INSERT INTO stats_dirty (year, person_id) SELECT year, NEW.person_id FROM stats_years WHERE 1
    ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER stats_mark_exemption_update AFTER UPDATE ON exemptions BEGIN
  INSERT INTO stats_dirty (year, person_id) SELECT year, NEW.person_id FROM stats_years WHERE 1
    ON CONFLICT DO NOTHING;
  INSERT INTO stats_dirty (year, person_id) SELECT year, OLD.person_id FROM stats_years WHERE 1
    ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER stats_mark_exemption_delete AFTER DELETE ON exemptions BEGIN
  INSERT INTO stats_dirty (year, person_id) SELECT year, OLD.person_id FROM stats_years WHERE 1
    ON CONFLICT DO NOTHING;
END;
)sql";

}  // namespace jixu::storage::sqlite
