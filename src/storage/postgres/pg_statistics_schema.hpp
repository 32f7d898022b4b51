#pragma once
// Migration 12 of the PostgreSQL schema (issue 16): statistics cells, as in SQLite
// (sqlite_statistics_schema.hpp). The marks are statement-level triggers over transition
// tables: a bulk COPY of a million summary rows pays one INSERT … SELECT, not a million function
// calls, and nothing at all while no year is kept (stats_years empty).
//
// Citus (docs/scaling.md): stats_dirty is keyed (person_id, year) and is distributed by
// person_id, co-located with persons, so every mark is written on the shard of the row that
// caused it. stats_cells and stats_years are small (thousands of cells per year and province)
// and keyed by year first: distributed by year, a statistics read is single-shard.
#include <string_view>

namespace jixu::storage::pg {

inline constexpr std::string_view kStatisticsSchemaSql = R"sql(
CREATE TABLE stats_years (
  year       smallint PRIMARY KEY,
  generation bigint NOT NULL,
  stamp      text NOT NULL DEFAULT '',
  ready      smallint NOT NULL DEFAULT 0
);

CREATE TABLE stats_cells (
  year                 smallint NOT NULL,
  region_code          text NOT NULL,
  employer_code        text NOT NULL,
  field                text NOT NULL,
  title_level          smallint NOT NULL,
  status               smallint NOT NULL,
  persons              bigint NOT NULL,
  approved             bytea NOT NULL,
  counted_professional bigint NOT NULL,
  counted_public       bigint NOT NULL,
  PRIMARY KEY (year, region_code, employer_code, field, title_level, status)
);
CREATE INDEX stats_cells_region ON stats_cells (year, region_code text_pattern_ops);
CREATE INDEX stats_cells_employer ON stats_cells (year, employer_code);

CREATE SEQUENCE stats_mark_seq;
CREATE TABLE stats_dirty (
  person_id    bigint NOT NULL,
  year         smallint NOT NULL,
  mark         bigint NOT NULL DEFAULT nextval('stats_mark_seq'),
  moved        smallint NOT NULL DEFAULT 0,
  old_region   text NOT NULL DEFAULT '',
  old_employer text NOT NULL DEFAULT '',
  old_field    text NOT NULL DEFAULT '',
  old_title    smallint NOT NULL DEFAULT 0,
  PRIMARY KEY (person_id, year)
);
CREATE INDEX stats_dirty_year ON stats_dirty (year, person_id);

-- A summary row of year Y can change the result of Y - 1 (grace period) to Y + 5.
CREATE FUNCTION stats_mark_totals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM stats_years) THEN RETURN NULL; END IF;
  INSERT INTO stats_dirty (person_id, year)
    SELECT DISTINCT c.person_id, y.year FROM changed c
    JOIN stats_years y ON y.year BETWEEN c.year - 1 AND c.year + 5 WHERE true
    ON CONFLICT (person_id, year) DO UPDATE SET mark = nextval('stats_mark_seq');
  RETURN NULL;
END $$;
CREATE TRIGGER stats_mark_totals_insert AFTER INSERT ON person_year_totals
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION stats_mark_totals();
CREATE TRIGGER stats_mark_totals_update AFTER UPDATE ON person_year_totals
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION stats_mark_totals();
CREATE TRIGGER stats_mark_totals_delete AFTER DELETE ON person_year_totals
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION stats_mark_totals();

-- Persons added, and exemptions added, changed or removed: every kept year.
CREATE FUNCTION stats_mark_persons() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM stats_years) THEN RETURN NULL; END IF;
  INSERT INTO stats_dirty (person_id, year)
    SELECT DISTINCT c.person_id, y.year FROM (SELECT id AS person_id FROM added) c
    CROSS JOIN stats_years y WHERE true
    ON CONFLICT (person_id, year) DO UPDATE SET mark = nextval('stats_mark_seq');
  RETURN NULL;
END $$;
CREATE TRIGGER stats_mark_person_insert AFTER INSERT ON persons
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION stats_mark_persons();

CREATE FUNCTION stats_mark_exemptions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM stats_years) THEN RETURN NULL; END IF;
  INSERT INTO stats_dirty (person_id, year)
    SELECT DISTINCT c.person_id, y.year FROM changed c CROSS JOIN stats_years y WHERE true
    ON CONFLICT (person_id, year) DO UPDATE SET mark = nextval('stats_mark_seq');
  RETURN NULL;
END $$;
CREATE TRIGGER stats_mark_exemption_insert AFTER INSERT ON exemptions
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION stats_mark_exemptions();
CREATE TRIGGER stats_mark_exemption_update_new AFTER UPDATE ON exemptions
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION stats_mark_exemptions();
CREATE TRIGGER stats_mark_exemption_delete AFTER DELETE ON exemptions
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION stats_mark_exemptions();

-- A person's employer, region, field, title or dates changed: `moved` and old_* keep the group
-- where the cells still count them (the first old one since the cells were written).
CREATE FUNCTION stats_mark_person_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM stats_years) THEN RETURN NULL; END IF;
  WITH m AS (
    SELECT o.id, o.region_code, coalesce(o.employer_code, '') AS employer_code, o.field,
      o.title_level
    FROM old_rows o JOIN new_rows n USING (id)
    WHERE o.employer_code IS DISTINCT FROM n.employer_code OR o.region_code <> n.region_code
       OR o.field <> n.field OR o.title_level <> n.title_level
       OR o.title_since IS DISTINCT FROM n.title_since OR o.joined IS DISTINCT FROM n.joined),
  u AS (
    UPDATE stats_dirty d SET mark = nextval('stats_mark_seq'), moved = 1,
      old_region = CASE WHEN d.moved = 0 THEN m.region_code ELSE d.old_region END,
      old_employer = CASE WHEN d.moved = 0 THEN m.employer_code ELSE d.old_employer END,
      old_field = CASE WHEN d.moved = 0 THEN m.field ELSE d.old_field END,
      old_title = CASE WHEN d.moved = 0 THEN m.title_level ELSE d.old_title END
    FROM m WHERE d.person_id = m.id RETURNING d.person_id)
  INSERT INTO stats_dirty (person_id, year, moved, old_region, old_employer, old_field, old_title)
    SELECT m.id, y.year, 1, m.region_code, m.employer_code, m.field, m.title_level
    FROM m CROSS JOIN stats_years y WHERE true
    ON CONFLICT (person_id, year) DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER stats_mark_person_update AFTER UPDATE ON persons
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stats_mark_person_update();
)sql";

}  // namespace jixu::storage::pg
