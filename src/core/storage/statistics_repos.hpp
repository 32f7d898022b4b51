#pragma once
// Statistics cells (issue 16): a year's compliance figures summed per (region, employer, field,
// title level, status), so a province's statistics read a few thousand cells instead of
// evaluating every person. Written once over SqlConn (src/storage/sql/sql_statistics.cpp) for
// both backends (migration 12).
//
// A person's status depends on the policy in force and on today's date, which the storage layer
// does not know, so the cells are materialised per year by the application
// (app/statistics_cells.hpp) and kept in step incrementally: every write that can change a
// person's figures for a materialised year — a summary row, the person's employer, region,
// field, title or dates, an exemption — marks the person dirty for that year in the same
// transaction (database triggers, so no write path can forget it). The next read re-evaluates
// only the marked persons' employers and replaces their cells.
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/records/year_totals.hpp"

namespace jixu::storage {

/// The figures of one group of persons for one year.
struct StatCell {
  std::string region_code;    ///< the persons' full (6-digit) region code
  std::string employer_code;  ///< "" for persons without an employer
  std::string field;
  int title_level = 0;  ///< records::TitleLevel
  int status = 0;       ///< compliance::Status
  int64_t persons = 0;
  /// Sum of the persons' approved centi-hours per (category, form) bucket (YearTotals order).
  std::array<int64_t, records::YearTotals::kBuckets> approved{};
  /// Sum of the hours the evaluation counted (after caps and conversions), by category.
  int64_t counted_professional = 0;
  int64_t counted_public = 0;

  bool SameGroup(const StatCell& o) const {
    return region_code == o.region_code && employer_code == o.employer_code &&
           field == o.field && title_level == o.title_level && status == o.status;
  }
};

/// A group of persons whose cells are replaced together: one employer's staff of one field and
/// title level (region_code ""), or the persons of one county without an employer
/// (employer_code "") of one field and title level.
struct StatUnit {
  std::string region_code;
  std::string employer_code;
  std::string field;
  int title_level = 0;
  auto operator<=>(const StatUnit&) const = default;
};

/// A person marked for re-evaluation in a kept year. `moved`: the person's employer, region,
/// field or title changed since the cells were last written, and `old_unit` is where the cells
/// still count them. `mark` tells a mark read from one set again since (PostgreSQL; SQLite's writers are
/// serialised with the refresh).
struct StatDirty {
  int64_t person_id = 0;
  int64_t mark = 0;
  bool moved = false;
  StatUnit old_unit;
};

/// The state of a kept year.
struct StatYear {
  int year = 0;
  int64_t generation = 0;
  std::string stamp;   ///< what the cells were computed under (policies, date phase)
  bool ready = false;  ///< false: being built, cells not written yet
};

class StatisticsRepository {
 public:
  virtual ~StatisticsRepository() = default;
  virtual std::optional<StatYear> Year(int year) = 0;
  /// Starts (or restarts) keeping the year, in its own committed transaction: its cells and
  /// marks are dropped, and from the commit on every write marks the persons it touches. On
  /// PostgreSQL it first waits for the writes in flight, so none escapes both the marks and the
  /// scan that follows (at most two seconds: then it throws, and nothing is kept). A year
  /// already being built is joined instead (nothing dropped; both
  /// builds may write, each leaves the marks set since the build began). Returns the
  /// generation to pass to WriteYear.
  virtual int64_t BeginYear(int year) = 0;
  /// Writes the year's cells (computed after BeginYear returned `generation`) and stamps it
  /// ready, in one transaction; marks set meanwhile stay for the next refresh. Returns false,
  /// writing nothing, if the year was begun anew since.
  virtual bool WriteYear(int year, int64_t generation, const std::vector<StatCell>& cells,
                         const std::string& stamp) = 0;
  /// Whether the year has marks (a cheap check before opening a write transaction).
  virtual bool HasDirty(int year) = 0;
  /// The year's marks, at most `limit` + 1 of them (more than `limit`: rebuild instead). Call
  /// inside the unit of work that will WriteUnits: PostgreSQL locks the marks read until then,
  /// so a write to one of those persons waits for the refresh and marks them again after it.
  virtual std::vector<StatDirty> Dirty(int year, size_t limit) = 0;
  /// Replaces the cells of the given units and clears the marks in `done` (unless set again).
  virtual void WriteUnits(int year, const std::vector<StatUnit>& units,
                          const std::vector<StatCell>& cells,
                          const std::vector<StatDirty>& done) = 0;
  /// The year's cells whose region starts with `region_prefix`, or of `employer_code` when it
  /// is not empty.
  virtual void ForEachCell(int year, const std::string& region_prefix,
                           const std::string& employer_code,
                           const std::function<void(const StatCell&)>& fn) = 0;
  /// Forgets every kept year and its cells and marks.
  virtual void Reset() = 0;
};

/// Implemented by stores that keep statistics cells (both SQL backends). Handlers reach it with
/// dynamic_cast and fall back to a population scan when a store does not.
class StatisticsSource {
 public:
  virtual ~StatisticsSource() = default;
  virtual StatisticsRepository& statistics() = 0;
};

}  // namespace jixu::storage
