#include "http/handlers/people/statistics_cells.hpp"

#include "app/statistics_cells.hpp"

namespace jixu::http {

std::vector<storage::StatCell> CellsIn(Call& call, app::ComplianceService& svc, int year,
                                       const storage::PersonFilter& filter) {
  if (app::StatisticsOf(call.store) == nullptr || !filter.name_prefix.empty()) {
    return app::StatisticsCells::Recount(svc, year, filter);
  }
  // Cells are written through the server's one writer (group commit), like every other write.
  app::StatisticsCells cells(call.store, call.api.data->policies, call.api.clock,
                             call.api.data->digest,
                             [&](const std::function<void(storage::Store&)>& fn) {
                               call.api.writes.Run([&](storage::Store& w) { fn(w); });
                             });
  if (cells.Refresh(year) == "unavailable") return app::StatisticsCells::Recount(svc, year, filter);
  std::vector<storage::StatCell> out;
  cells.ForEach(year, filter, [&](const storage::StatCell& c) { out.push_back(c); });
  return out;
}

Hours CellCategoryHours(const storage::StatCell& c, records::Category category) {
  int64_t centi = 0;
  for (int f = 0; f < records::kFormCount; ++f) {
    centi += c.approved[records::YearTotals::Index(category, static_cast<records::Form>(f))];
  }
  return Hours::FromCenti(centi);
}

}  // namespace jixu::http
