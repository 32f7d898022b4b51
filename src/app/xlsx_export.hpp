#pragma once
// Excel exports (SPEC §3.7: statistics in Excel; rosters and compliance lists for employers and
// authorities). The persons roster uses exactly the headers `import persons` reads, so an
// exported roster imports back unchanged.
#include <functional>
#include <optional>
#include <string>

#include "app/compliance_service.hpp"
#include "core/validate/region.hpp"

namespace jixu::app {

struct ExportCounts {
  int64_t rows = 0;
};

/// Whether the export's reader may see this person's full ID number; for the others the sheet
/// holds it masked (validate::MaskIdNumber), as the JSON API answers them (the server passes its
/// SeesFullIdNumber). Empty: every number in full (the CLI, a local administrator).
using FullIdNumberRule = std::function<bool(const storage::PersonFacts&)>;

/// 人员名册: every person matching `filter`.
ExportCounts ExportPersonsXlsx(storage::Store& store, const storage::PersonFilter& filter,
                               const std::string& path, const FullIdNumberRule& full_id = {});
/// 达标情况: one row per person for the year (only those of `status`, if given: 未达标名单).
ExportCounts ExportComplianceXlsx(ComplianceService& service, int year,
                                  const storage::PersonFilter& filter, const std::string& path,
                                  std::optional<compliance::Status> status = std::nullopt,
                                  const FullIdNumberRule& full_id = {});
/// 统计: persons, status counts, rate and hours by region — a row for every division below the
/// filter's own level (a province: each city, each county under it) — and by field.
ExportCounts ExportStatisticsXlsx(ComplianceService& service, int year,
                                  const storage::PersonFilter& filter,
                                  const validate::RegionTable& regions, const std::string& path);

}  // namespace jixu::app
