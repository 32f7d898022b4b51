#pragma once
// Policy what-if: a scope's compliance for one year under a candidate policy beside the policy in
// force for each person — who changes status, counted by region, field, title level and employer,
// with the list of who flips. Nothing is written. docs/policies.md#what-if.
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/compliance_service.hpp"
#include "app/data_files.hpp"
#include "core/common/error.hpp"

namespace jixu::app {

/// A candidate policy from TOML text, loaded beside the deployment's policy files (`data`, as the
/// process loaded them at start) so that it may `extends` one of them
/// (e.g. `extends = "national-2007"` and `[requirement] total = 90`). It is never auto-selected
/// and never the default; without an id it is named after the policy it extends, and an id that
/// names a loaded policy becomes "<id>-candidate". Errors name the line (TOML) or the key (policy rules).
Result<std::shared_ptr<const policy::Policy>> CandidatePolicy(const DataFiles& data,
                                                              std::string_view toml_text);

/// Counts of one group (a region, a field, a title level, an employer, or everyone).
struct WhatIfTally {
  int64_t persons = 0;
  int64_t compliant_before = 0;
  int64_t compliant_after = 0;
  int64_t exempt_before = 0;
  int64_t exempt_after = 0;
  int64_t changed = 0;           ///< status differs
  int64_t to_compliant = 0;      ///< not compliant (or in progress) before, compliant after
  int64_t from_compliant = 0;    ///< compliant before, not any more
};

/// One person whose status changes.
struct WhatIfFlip {
  storage::PersonFacts person;
  compliance::Status before = compliance::Status::kNotCompliant;
  compliance::Status after = compliance::Status::kNotCompliant;
  Hours counted_before, counted_after, required_before, required_after;
  std::string policy_before;  ///< id of the policy in force for the person
};

struct WhatIfResult {
  WhatIfTally total;
  std::map<std::string, int64_t> before;  ///< status code → persons
  std::map<std::string, int64_t> after;
  std::map<std::string, WhatIfTally> by_region;       ///< region code one level below the filter
  std::map<std::string, WhatIfTally> by_field;
  std::map<std::string, WhatIfTally> by_title_level;  ///< title level code
  std::map<std::string, WhatIfTally> by_employer;     ///< employer code
  std::map<std::string, int64_t> policies_before;     ///< policy in force → persons
  std::vector<WhatIfFlip> flips;                       ///< the first `max_flips`, in id order
};

/// Evaluates everyone `filter` selects for `year` twice: with `in_force` (the policies in force)
/// and with `candidate` (a service forced to the candidate policy). Both scans should run in one
/// read snapshot; a person seen by one scan only is left out. `region_len`: the length of the
/// region codes to group by.
WhatIfResult RunWhatIf(ComplianceService& in_force, ComplianceService& candidate, int year,
                       const storage::PersonFilter& filter, size_t region_len, size_t max_flips);

}  // namespace jixu::app
