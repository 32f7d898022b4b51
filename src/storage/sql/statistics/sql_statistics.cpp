// Statistics cells over SqlConn (core/storage/statistics_repos.hpp; migration 12).
#include "storage/sql/statistics/sql_statistics.hpp"

#include <algorithm>

#include "core/common/error.hpp"

namespace jixu::storage::sql {
namespace {

constexpr size_t kBlobBytes = records::YearTotals::kBuckets * 8;
constexpr const char* kCellColumns =
    "region_code, employer_code, field, title_level, status, persons, approved,"
    " counted_professional, counted_public";
constexpr int kCellParams = 10;  // year + the columns above
/// Rows per multi-row INSERT: 10 placeholders each stays far below both backends' limits.
constexpr size_t kCellsPerInsert = 400;

std::string EncodeApproved(const StatCell& c) {
  std::string out(kBlobBytes, '\0');
  for (size_t i = 0; i < c.approved.size(); ++i) {
    const auto v = static_cast<uint64_t>(c.approved[i]);
    for (int b = 0; b < 8; ++b) out[i * 8 + b] = static_cast<char>((v >> (8 * b)) & 0xff);
  }
  return out;
}

void DecodeApproved(const std::string& blob, StatCell& c) {
  if (blob.size() != kBlobBytes) {
    throw Fault("storage_corrupt", "stats_cells.approved has " + std::to_string(blob.size()) +
                                       " bytes, expected " + std::to_string(kBlobBytes));
  }
  for (size_t i = 0; i < c.approved.size(); ++i) {
    uint64_t v = 0;
    for (int b = 0; b < 8; ++b) {
      v |= static_cast<uint64_t>(static_cast<unsigned char>(blob[i * 8 + b])) << (8 * b);
    }
    c.approved[i] = static_cast<int64_t>(v);
  }
}

}  // namespace

std::optional<StatYear> SqlStatistics::Year(int year) {
  std::optional<StatYear> out;
  c_.Query("SELECT generation, stamp, ready FROM stats_years WHERE year = $1", {int64_t{year}},
           [&](const Row& r) {
             out = StatYear{year, r.Int(0), r.Text(1), r.Int(2) != 0};
           });
  return out;
}

int64_t SqlStatistics::BeginYear(int year) {
  int64_t generation = 0;
  c_.Atomically([&] {
    if (postgres_) {
      // Waits for the writers in flight (they hold ROW EXCLUSIVE) and keeps new ones out until
      // the commit: every write after it sees this year and marks it. A long bulk import in
      // another process would hold the server's writer here: give up after two seconds (the
      // caller then answers from a scan and tries again next time).
      c_.Exec("SET LOCAL lock_timeout = '2s'", {});
      c_.Exec("LOCK TABLE persons, person_year_totals, exemptions IN SHARE ROW EXCLUSIVE MODE",
              {});
      c_.Exec("SET LOCAL lock_timeout = 0", {});
    }
    int64_t ready = -1;
    c_.Query(std::string("SELECT generation, ready FROM stats_years WHERE year = $1") +
                 (postgres_ ? " FOR UPDATE" : ""),
             {int64_t{year}}, [&](const Row& r) {
               generation = r.Int(0);
               ready = r.Int(1);
             });
    if (ready == 0) {
      // A build is under way: join it. Its marks since it began stay, so whichever build
      // writes its cells, the next refresh re-evaluates what changed after its scan.
      return;
    }
    if (ready < 0) {
      generation = 1;
      c_.Exec("INSERT INTO stats_years (year, generation, stamp, ready) VALUES ($1, 1, '', 0)",
              {int64_t{year}});
    } else {
      ++generation;
      c_.Exec("UPDATE stats_years SET generation = $1, stamp = '', ready = 0 WHERE year = $2",
              {generation, int64_t{year}});
    }
    // Everything before this commit is in the scan that follows it.
    c_.Exec("DELETE FROM stats_cells WHERE year = $1", {int64_t{year}});
    c_.Exec("DELETE FROM stats_dirty WHERE year = $1", {int64_t{year}});
  });
  return generation;
}

void SqlStatistics::InsertCells(int year, const std::vector<StatCell>& cells) {
  std::vector<std::string> blobs;
  for (size_t start = 0; start < cells.size(); start += kCellsPerInsert) {
    const size_t end = std::min(cells.size(), start + kCellsPerInsert);
    std::string sql = std::string("INSERT INTO stats_cells (year, ") + kCellColumns + ") VALUES ";
    Values v;
    blobs.clear();
    blobs.reserve(end - start);  // Blob values point into these
    for (size_t i = start; i < end; ++i) {
      const StatCell& c = cells[i];
      blobs.push_back(EncodeApproved(c));
      const size_t base = (i - start) * kCellParams;
      sql += i == start ? "(" : ", (";
      for (int p = 1; p <= kCellParams; ++p) {
        sql += (p == 1 ? "$" : ", $") + std::to_string(base + p);
      }
      sql += ")";
      v.insert(v.end(), {int64_t{year}, c.region_code, c.employer_code, c.field,
                         int64_t{c.title_level}, int64_t{c.status}, c.persons,
                         Blob{blobs.back()}, c.counted_professional, c.counted_public});
    }
    c_.Exec(sql, v);
  }
}

bool SqlStatistics::WriteYear(int year, int64_t generation, const std::vector<StatCell>& cells,
                              const std::string& stamp) {
  bool written = false;
  c_.Atomically([&] {
    const int64_t now = c_.ScalarInt(std::string("SELECT generation FROM stats_years WHERE year = $1") +
                                         (postgres_ ? " FOR UPDATE" : ""),
                                     {int64_t{year}}, -1);
    if (now != generation) return;
    c_.Exec("DELETE FROM stats_cells WHERE year = $1", {int64_t{year}});
    InsertCells(year, cells);
    c_.Exec("UPDATE stats_years SET stamp = $1, ready = 1 WHERE year = $2", {stamp, int64_t{year}});
    written = true;
  });
  return written;
}

bool SqlStatistics::HasDirty(int year) {
  return c_.ScalarInt("SELECT 1 FROM stats_dirty WHERE year = $1 LIMIT 1", {int64_t{year}}) != 0;
}

std::vector<StatDirty> SqlStatistics::Dirty(int year, size_t limit) {
  std::vector<StatDirty> out;
  c_.Query(std::string("SELECT person_id, mark, moved, old_region, old_employer, old_field,"
                       " old_title FROM stats_dirty WHERE year = $1 ORDER BY person_id LIMIT $2") +
               (postgres_ ? " FOR UPDATE" : ""),
           {int64_t{year}, static_cast<int64_t>(limit + 1)}, [&](const Row& r) {
             StatDirty d;
             d.person_id = r.Int(0);
             d.mark = r.Int(1);
             d.moved = r.Int(2) != 0;
             d.old_unit.region_code = r.Text(3);
             d.old_unit.employer_code = r.Text(4);
             d.old_unit.field = r.Text(5);
             d.old_unit.title_level = static_cast<int>(r.Int(6));
             if (!d.old_unit.employer_code.empty()) d.old_unit.region_code.clear();
             out.push_back(std::move(d));
           });
  return out;
}

void SqlStatistics::WriteUnits(int year, const std::vector<StatUnit>& units,
                               const std::vector<StatCell>& cells,
                               const std::vector<StatDirty>& done) {
  c_.Atomically([&] {
    for (const StatUnit& u : units) {
      if (!u.employer_code.empty()) {
        c_.Exec("DELETE FROM stats_cells WHERE year = $1 AND employer_code = $2 AND field = $3"
                " AND title_level = $4",
                {int64_t{year}, u.employer_code, u.field, int64_t{u.title_level}});
      } else {
        c_.Exec("DELETE FROM stats_cells WHERE year = $1 AND region_code = $2 AND employer_code = ''"
                " AND field = $3 AND title_level = $4",
                {int64_t{year}, u.region_code, u.field, int64_t{u.title_level}});
      }
    }
    InsertCells(year, cells);
    for (const StatDirty& d : done) {
      c_.Exec("DELETE FROM stats_dirty WHERE year = $1 AND person_id = $2 AND mark = $3",
              {int64_t{year}, d.person_id, d.mark});
    }
  });
}

void SqlStatistics::ForEachCell(int year, const std::string& region_prefix,
                                const std::string& employer_code,
                                const std::function<void(const StatCell&)>& fn) {
  Where w;
  w.Add("year = ?", {int64_t{year}});
  if (!employer_code.empty()) {
    w.Add("employer_code = ?", {employer_code});
  } else {
    w.AddPrefix(c_, "region_code", region_prefix);
  }
  StatCell cell;
  c_.Query(std::string("SELECT ") + kCellColumns + " FROM stats_cells" + w.Sql(), w.values(),
           [&](const Row& r) {
             cell.region_code = r.Text(0);
             cell.employer_code = r.Text(1);
             cell.field = r.Text(2);
             cell.title_level = static_cast<int>(r.Int(3));
             cell.status = static_cast<int>(r.Int(4));
             cell.persons = r.Int(5);
             DecodeApproved(r.BlobAt(6), cell);
             cell.counted_professional = r.Int(7);
             cell.counted_public = r.Int(8);
             fn(cell);
           });
}

void SqlStatistics::Reset() {
  c_.Atomically([&] {
    c_.Exec("DELETE FROM stats_years", {});
    c_.Exec("DELETE FROM stats_cells", {});
    c_.Exec("DELETE FROM stats_dirty", {});
  });
}

}  // namespace jixu::storage::sql
