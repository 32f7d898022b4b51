#pragma once
// "May person X apply for the next title in year Y?" (Art. 10: CE is a condition of appointment
// and of applying for the next title) and, for licensed professions (职业资格), the same check
// from the licence date.
//
// Years checked: from the year AFTER the title (or licence) was obtained up to Y-1, inclusive.
// The year the title was obtained is not checked: most of it was spent under the previous title,
// whose own promotion already required it, and a title granted in December would otherwise demand
// a full year's hours for days of tenure. Y itself is not complete when one applies. Every checked
// year must be compliant or exempt, and every multi-year cycle ending in the range compliant; a
// year still in progress (as_of within it or its grace period) makes the answer "not yet".
// An application in the year right after the title checks no year and is eligible as far as CE
// goes (other conditions, such as years of tenure, are not CE's).
#include <string>
#include <vector>

#include "core/compliance/span.hpp"

namespace jixu::compliance {

enum class EligibilityBasis { kTitle, kLicence };

struct PromotionQuery {
  EligibilityBasis basis = EligibilityBasis::kTitle;
  Date since;          ///< current title obtained (Person::title_since) or licence issued
  int apply_year = 0;  ///< the year of the application
};

struct PromotionResult {
  bool eligible = false;
  int from_year = 0;  ///< first year checked
  int to_year = 0;    ///< last year checked; from_year > to_year when none is
  std::vector<YearResult> years;      ///< each checked year, with its status and sentence
  std::vector<PeriodResult> periods;  ///< cycles and windows ending in the checked years
  std::vector<int> blocking_years;    ///< years neither compliant nor exempt
  std::string sentence_zh;
  std::string sentence_en;
};

/// `years` holds the inputs the caller has (earlier years too, for carry-over chains); years of the
/// range without input are evaluated as years without hours.
PromotionResult CheckPromotion(const policy::PolicySet& set, const PersonContext& person,
                               const PromotionQuery& query, std::vector<YearInput> years,
                               Date as_of);
PromotionResult CheckPromotion(const policy::Policy& policy, const PersonContext& person,
                               const PromotionQuery& query, std::vector<YearInput> years,
                               Date as_of);

}  // namespace jixu::compliance
