#pragma once
// Several years of one person: carry-over chained year to year (never further than the policy
// allows), grace-period hours handed from one year to the previous exactly once, multi-year cycles
// (CPA: 120 h per 3 years with at least 20 each year) and rolling windows (N over the last K years).
#include <optional>
#include <string>
#include <vector>

#include "core/compliance/engine.hpp"
#include "core/policy/policy_set.hpp"

namespace jixu::compliance {

/// A multi-year cycle or a rolling window, evaluated over the pooled years.
struct PeriodResult {
  std::string rule;       ///< "cycle", or the window's id
  std::string policy_id;
  int from_year = 0;
  int to_year = 0;
  Hours required;         ///< cycle: total × owed share of its years; window: its min
  Hours counted;
  Hours shortfall;
  std::optional<Hours> required_credits;
  std::optional<Hours> counted_credits;
  Status status = Status::kNotCompliant;
  std::vector<Note> notes;  ///< caps applied to the pooled cycle
  std::vector<Note> unmet;  ///< cycle minimums and years below the per-year minimum
  std::string sentence_zh;
  std::string sentence_en;
};

struct SpanResult {
  std::vector<YearResult> years;      ///< every year from the first to the last input, gaps filled
  std::vector<PeriodResult> periods;  ///< cycles and windows lying wholly inside the span
  Status status = Status::kCompliant;  ///< the worst of all: not_compliant, in_progress, compliant, exempt
};

/// Years missing between the first and last input are evaluated as years without hours. Each year
/// after the first gets carry_in = the previous year's carry_out and grace_taken = the previous
/// year's grace_used; a year whose grace_records are empty gets the next input year's records.
/// The first year's carry_in / grace_taken are the caller's. The policy of each year is
/// `set.Select(person.region_code, person.field, year)`; a cycle or window uses the policy of its
/// last year.
SpanResult EvaluateSpan(const policy::PolicySet& set, const PersonContext& person,
                        std::vector<YearInput> years, Date as_of,
                        const EvaluateOptions& options = {});
/// The same with one policy for every year.
SpanResult EvaluateSpan(const policy::Policy& policy, const PersonContext& person,
                        std::vector<YearInput> years, Date as_of,
                        const EvaluateOptions& options = {});

/// Orders statuses by severity for "the worst of" (exempt < compliant < in_progress < not_compliant).
int Severity(Status s);

}  // namespace jixu::compliance
