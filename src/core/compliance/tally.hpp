#pragma once
// The counting pipeline of POLICY-RULES.md, run over "items": one per approved record (or per
// category×form bucket on the fast path, when the policy needs no record detail). Order:
//   record rules  — no double counting, per-day caps (on recorded time), lookup tables,
//                   conversion rates, per-record caps
//   period caps   — by form/topic first, then by category (shares are of the required total)
//   minimums      — category minimums and shares, mandatory topics
// Items are kept in counting priority (professional before public, earlier before later, grace
// pieces last); a cap removes hours from the lowest-priority items first, which favours the person
// (public hours go before professional ones) and keeps grace pieces to what actually counts.
#include <array>
#include <span>
#include <vector>

#include "core/compliance/engine.hpp"
#include "core/compliance/explainer.hpp"

namespace jixu::compliance {

struct Item {
  records::Category category = records::Category::kProfessional;
  records::Form form = records::Form::kOther;
  const records::LearningRecord* record = nullptr;  ///< null for a totals bucket
  Hours raw;        ///< approved hours taken into this period
  Hours converted;  ///< after the record rules
  Hours units;      ///< after period caps: what counts
  bool grace = false;  ///< a piece of a next-year record counted through the grace period
};

/// Fast path: the 26 category×form buckets of the year totals, in priority order.
using BucketItems = std::array<Item, records::YearTotals::kBuckets>;
void FillBucketItems(const records::YearTotals& totals, BucketItems& items);

/// Record path: approved records dated in `year`, less what the previous year took, sorted.
std::vector<Item> RecordItems(const YearInput& input, Explainer& explain);

void ApplyRecordRules(const policy::Policy& policy, std::span<Item> items, Explainer& explain);
void ApplyPeriodCaps(const policy::Policy& policy, Hours required, std::span<Item> items,
                     Explainer& explain);
/// True when every minimum is met; unmet ones go to `unmet`. A waived year checks only the
/// non-waivable minimums (mandatory topics of new entrants).
bool CheckMinimums(const policy::Policy& policy, Hours required, bool waived,
                   std::span<const Item> items, Explainer& unmet);

Hours SumUnits(std::span<const Item> items);
Hours SumSelected(const policy::Selector& selector, std::span<const Item> items);

}  // namespace jixu::compliance
