#pragma once
// Statistics cells (core/storage/statistics_repos.hpp) written once over SqlConn for both
// backends; the marks are set by the triggers of migration 12.
#include "core/storage/statistics_repos.hpp"
#include "storage/sql/sql_conn.hpp"

namespace jixu::storage::sql {

class SqlStatistics final : public StatisticsRepository {
 public:
  /// `postgres`: lock as PostgreSQL needs (SQLite's write transactions are exclusive anyway).
  SqlStatistics(SqlConn& c, bool postgres) : c_(c), postgres_(postgres) {}
  std::optional<StatYear> Year(int year) override;
  int64_t BeginYear(int year) override;
  bool WriteYear(int year, int64_t generation, const std::vector<StatCell>& cells,
                 const std::string& stamp) override;
  bool HasDirty(int year) override;
  std::vector<StatDirty> Dirty(int year, size_t limit) override;
  void WriteUnits(int year, const std::vector<StatUnit>& units, const std::vector<StatCell>& cells,
                  const std::vector<StatDirty>& done) override;
  void ForEachCell(int year, const std::string& region_prefix, const std::string& employer_code,
                   const std::function<void(const StatCell&)>& fn) override;
  void Reset() override;

 private:
  void InsertCells(int year, const std::vector<StatCell>& cells);

  SqlConn& c_;
  bool postgres_;
};

}  // namespace jixu::storage::sql
