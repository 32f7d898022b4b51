#pragma once
// Internal: one year's evaluation with the intermediate items kept, so EvaluateSpan can pool a
// cycle's years and sum rolling windows without redoing the record rules.
#include <vector>

#include "core/compliance/engine.hpp"
#include "core/compliance/tally.hpp"
#include "core/policy/fraction.hpp"

namespace jixu::compliance {

struct YearWork {
  YearResult result;
  std::vector<Item> items;      ///< after the year's caps (kept only when asked)
  policy::Fraction share{1, 1};  ///< part of the year owed (cycle requirement is pooled from it)
  bool exempt = false;
  bool waived = false;
};

/// EvaluateYear with the work kept; `keep_items` copies the counted items into the result.
void EvaluateYearWork(const policy::Policy& policy, const PersonContext& person,
                      const YearInput& input, Date as_of, bool explain, bool keep_items,
                      YearWork& work);

/// Fills sentence_zh / sentence_en from the numbers, notes and unmet list.
void BuildSentences(const policy::Policy& policy, YearResult& r);

}  // namespace jixu::compliance
