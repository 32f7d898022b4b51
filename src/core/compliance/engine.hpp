#pragma once
// Compliance (达标) is a pure function of (policy, person facts, the period's hours, as-of date).
// No I/O, no clock: `as_of` is handed in, and decides only whether an unmet period is still
// in progress or already over. Multi-year spans are in span.hpp, title promotion in promotion.hpp.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
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
std::string_view StatusEn(Status s);    ///< "compliant", "in progress", "not compliant", "exempt"

/// What the engine needs to know about the person.
struct PersonContext {
  records::TitleLevel title_level = records::TitleLevel::kNone;
  std::string field;
  std::string region_code;
  std::optional<Date> joined;       ///< start of the obligation (pro-rating of part years)
  std::vector<records::Exemption> exemptions;  ///< approved ones count; others are ignored
  std::vector<std::string> roles;   ///< e.g. "manager" for role-conditional extra hours
};

/// Hours of one record counted for the year before its own, through a grace period.
struct GraceUse {
  int64_t record_id = 0;
  Hours hours;
  bool operator==(const GraceUse&) const = default;
};

/// One year's input. `totals` always; `records` (approved, that year's) and `grace_records`
/// (next year's, the engine keeps those inside the grace months) only when policy.NeedsRecords().
/// Records need distinct ids when the policy has a grace period.
struct YearInput {
  int year = 0;
  records::YearTotals totals;
  std::vector<records::LearningRecord> records;
  std::vector<records::LearningRecord> grace_records;  ///< early next-year records
  Hours carry_in;  ///< excess carried from the previous period (used if this policy allows it)
  /// This year's records already counted for the previous year (its YearResult::grace_used):
  /// those hours do not count again here. EvaluateSpan fills it.
  std::vector<GraceUse> grace_taken;
};

/// One adjustment the rules made, in words a person can read. Amounts are in hours, also for
/// credit policies (the sentence converts the headline numbers).
struct Note {
  std::string rule;     ///< rule id from the policy file, e.g. "public_cap"
  Hours before;         ///< hours the rule looked at (for an unmet minimum: hours counted)
  Hours after;          ///< what it let count (for an unmet minimum: hours needed)
  std::string zh;
  std::string en;
};

struct YearResult {
  int year = 0;
  std::string policy_id;
  Hours required;            ///< after pro-rating and exemptions; cycle policies: the year's minimum
  Hours professional_hours;  ///< approved, before caps
  Hours public_hours;        ///< approved, before caps
  Hours counted_hours;       ///< after every cap and conversion, in hours, carry_in included
  Hours shortfall_hours;     ///< max(0, required - counted)
  std::optional<Hours> required_credits;  ///< set when the policy uses credits (学分制)
  std::optional<Hours> counted_credits;
  std::optional<Hours> shortfall_credits;
  Status status = Status::kNotCompliant;
  std::vector<Note> notes;        ///< caps, conversions, exemptions, carry-over applied
  std::vector<Note> unmet;        ///< minimums, shares, mandatory topics not met
  Hours carry_in;                 ///< counted from the previous period
  Hours carry_out;                ///< this year's own excess carried to the next (never chained)
  std::vector<GraceUse> grace_used;  ///< next-year records counted for this year
  std::string sentence_zh;        ///< e.g. "2024年度应修72学时，已计入66学时（公需科目30学时，超出上限24学时的6学时不计入），尚差6学时，未达标。"
  std::string sentence_en;
};

/// `explain = false` skips notes, unmet details and sentences: bulk evaluation (a million persons)
/// needs only the numbers and the status, and must not pay for string building.
struct EvaluateOptions {
  bool explain = true;
};

/// Evaluates one person-year under one policy (explained).
YearResult EvaluateYear(const policy::Policy& policy, const PersonContext& person,
                        const YearInput& input, Date as_of);
YearResult EvaluateYear(const policy::Policy& policy, const PersonContext& person,
                        const YearInput& input, Date as_of, const EvaluateOptions& options);

/// The last day a period ending on `end` can still be completed: the end itself, or the last day
/// of the grace months that follow it.
Date Deadline(Date end, int grace_months);

}  // namespace jixu::compliance
