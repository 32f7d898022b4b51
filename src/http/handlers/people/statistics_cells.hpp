#pragma once
// The statistics routes' one source of figures: a year's cells inside the caller's filter
// (core/storage/statistics_repos.hpp), so the dashboard, region compliance and the employer
// ranking count the same persons the same way.
#include <vector>

#include "app/compliance_service.hpp"
#include "core/storage/statistics_repos.hpp"
#include "http/handlers/common.hpp"

namespace jixu::http {

/// From the store's kept cells, brought up to date first (app/statistics_cells.hpp); summed
/// from a scan of the persons instead when the store keeps none or the filter names a person.
std::vector<storage::StatCell> CellsIn(Call& call, app::ComplianceService& svc, int year,
                                       const storage::PersonFilter& filter);

/// Approved hours of a cell in one category (its buckets summed over the forms).
Hours CellCategoryHours(const storage::StatCell& c, records::Category category);

}  // namespace jixu::http
