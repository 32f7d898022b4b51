#pragma once
// Statistics cells (core/storage/statistics_repos.hpp) as the application keeps them: a year is
// built by one population scan the first time it is read (and again when the policies change,
// when today crosses one of its deadlines, or when more persons are marked than re-evaluating
// them one by one is worth), and otherwise refreshed by re-evaluating only the employers of the
// persons marked since. The dashboard, region compliance and the employer ranking then sum a
// few thousand cells instead of evaluating every person.
#include <functional>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "app/compliance_service.hpp"
#include "core/storage/statistics_repos.hpp"

namespace jixu::app {

class StatisticsCells {
 public:
  /// More marks than this in a year, or more persons in the employers they touch: one scan of
  /// the population (outside the write transaction) is cheaper than re-evaluating them.
  static constexpr size_t kMaxDirty = 20000;
  static constexpr size_t kMaxReevaluated = 5000;

  /// Runs a function in a committed write transaction on a store of the same database (the
  /// server's group-commit writer; a Begin/Commit on the same store in tests and the CLI).
  using Writer = std::function<void(const std::function<void(storage::Store&)>&)>;

  /// `reader`: the store reads and scans run on. `digest`: DataFiles::digest of `policies`.
  StatisticsCells(storage::Store& reader, const policy::PolicySet& policies, ClockPtr clock,
                  std::string digest, Writer write)
      : reader_(reader),
        policies_(policies),
        clock_(std::move(clock)),
        digest_(std::move(digest)),
        write_(std::move(write)) {}

  /// Brings the year's cells up to date; returns what it did ("fresh", "refreshed", "built"),
  /// or "unavailable" when the year could not be begun (its cells must not be read: Recount).
  std::string Refresh(int year);
  /// The year's cells inside `filter` (every field of it but name_prefix, which cells do not
  /// know: callers with a name filter scan). Call Refresh first.
  void ForEach(int year, const storage::PersonFilter& filter,
               const std::function<void(const storage::StatCell&)>& fn);
  /// What cells of `year` computed now depend on: the policies, and for each grace period the
  /// policies use whether today is still before the year's deadline (in progress or not
  /// compliant).
  std::string Stamp(int year) const;

  /// Cells summed from a scan of the persons inside `filter`: the brute-force reference
  /// (tests), a year's build, and the source for stores that keep no cells.
  static std::vector<storage::StatCell> Recount(ComplianceService& svc, int year,
                                                const storage::PersonFilter& filter = {});

 private:
  using Key = std::tuple<std::string, std::string, std::string, int, int>;
  using CellMap = std::map<Key, storage::StatCell>;
  static void Add(CellMap& cells, const storage::PersonFacts& p, const records::YearTotals& t,
                  const compliance::YearResult& r);
  static std::vector<storage::StatCell> Cells(CellMap&& map);
  /// False when the year could not be begun (PostgreSQL's lock timeout).
  bool Rebuild(int year);
  /// Re-evaluates the employers of the marked persons inside the writer's transaction; false
  /// (nothing written) when there are too many for that.
  bool Reevaluate(storage::Store& w, int year);
  /// Ends the reader's snapshot, so what the writer just committed is seen.
  void FreshReads();

  storage::Store& reader_;
  const policy::PolicySet& policies_;
  ClockPtr clock_;
  std::string digest_;
  Writer write_;
};

/// The store's statistics cells, or null when the store keeps none.
storage::StatisticsRepository* StatisticsOf(storage::Store& store);

}  // namespace jixu::app
