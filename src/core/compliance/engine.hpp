#pragma once
// Compliance (达标) is a pure function of (policy, person facts, the period's hours, as-of date).
// No I/O, no clock: `as_of` is handed in, and decides only whether an unmet period is still
// in progress or already over.
#include <optional>
#include <string>
#include <vector>

#include "core/common/date.hpp"
#include "core/common/hours.hpp"
#include "core/policy/policy.hpp"
#include "core/records/types.hpp"
#include "core/records/year_totals.hpp"

namespace jixu::compliance {

enum class Status { kCompliant, kInProgress, kNotCompliant, kExempt };
std::string_view StatusCode(Status s);  ///< "compliant", "in_progress", "not_compliant", "exempt"
std::string_view StatusZh(Status s);    ///< "已达标", "进行中", "未达标", "免修"

/// What the engine needs to know about the person.
struct PersonContext {
  records::TitleLevel title_level = records::TitleLevel::kNone;
  std::string field;
  std::string region_code;
  std::optional<Date> joined;       ///< start of the obligation (pro-rating of part years)
  std::vector<records::Exemption> exemptions;  ///< approved ones; others are ignored
  std::vector<std::string> roles;   ///< e.g. "manager" for role-conditional extra hours
};

/// One year's input. `totals` always; `records` (approved, that year's, plus next-year records
/// eligible for a grace period) only when policy.NeedsRecords().
struct YearInput {
  int year = 0;
  records::YearTotals totals;
  std::vector<records::LearningRecord> records;
  std::vector<records::LearningRecord> grace_records;  ///< early next-year records
  Hours carry_in;  ///< excess carried from the previous period, if the policy allows it
};

/// One adjustment the rules made, in words a person can read.
struct Note {
  std::string rule;     ///< rule id from the policy file, e.g. "public_cap"
  Hours before;         ///< hours (or credits) the rule looked at
  Hours after;          ///< what it let count
  std::string zh;
  std::string en;
};

struct YearResult {
  int year = 0;
  std::string policy_id;
  Hours required;            ///< after pro-rating and exemptions
  Hours professional_hours;  ///< approved, before caps
  Hours public_hours;        ///< approved, before caps
  Hours counted_hours;       ///< after every cap and conversion, in hours
  Hours shortfall_hours;     ///< max(0, required - counted)
  std::optional<Hours> required_credits;  ///< set when the policy uses credits (学分制)
  std::optional<Hours> counted_credits;
  Status status = Status::kNotCompliant;
  std::vector<Note> notes;        ///< caps, conversions, exemptions, carry-over applied
  std::vector<Note> unmet;        ///< minimums, shares, mandatory topics not met
  Hours carry_out;
  std::string sentence_zh;        ///< e.g. "2024年度应修72学时，已计入60学时（公需科目超出24学时上限的6学时不计入），尚差12学时，未达标。"
  std::string sentence_en;
};

/// Evaluates one person-year under one policy.
YearResult EvaluateYear(const policy::Policy& policy, const PersonContext& person,
                        const YearInput& input, Date as_of);

}  // namespace jixu::compliance
