#pragma once
// Compliance as the application sees it: loads what the pure engine needs from the store (one
// summary lookup per person-year on the fast path; the records only when a policy needs them),
// chooses the policy in force, and hands "today" from the injected clock.
#include <functional>
#include <unordered_map>
#include <vector>

#include "core/common/clock.hpp"
#include "core/compliance/engine.hpp"
#include "core/compliance/promotion.hpp"
#include "core/compliance/span.hpp"
#include "core/policy/policy_set.hpp"
#include "core/storage/store.hpp"

namespace jixu::app {

class ComplianceService {
 public:
  ComplianceService(storage::Store& store, const policy::PolicySet& policies, ClockPtr clock)
      : store_(store), policies_(policies), clock_(std::move(clock)) {}

  /// One person's year under the policy in force for them.
  compliance::YearResult PersonYear(const storage::PersonFacts& person, int year);

  /// Every person matching `filter` (including those with no records), in id order.
  /// Sentences are built only when `with_sentences` (bulk runs skip them for speed).
  void ForEachInYear(int year, const storage::PersonFilter& filter, bool with_sentences,
                     const std::function<void(const storage::PersonFacts&,
                                              const compliance::YearResult&)>& fn);

  /// The same, also handing each person's approved hours by (category, form) bucket: the
  /// statistics' source (the per-person-year summaries, no record scan).
  using TotalsFn = std::function<void(const storage::PersonFacts&, const records::YearTotals&,
                                      const compliance::YearResult&)>;
  void ForEachInYearWithTotals(int year, const storage::PersonFilter& filter, const TotalsFn& fn);

  /// The same for the given persons only (point lookups: a few employers' staff), with the
  /// results the scan would give them.
  void EvaluateInYear(int year, const std::vector<storage::PersonFacts>& persons,
                      const TotalsFn& fn);

  /// Years [from, to] for one person, oldest first.
  std::vector<compliance::YearResult> PersonSpan(const storage::PersonFacts& person, int from,
                                                 int to);

  /// May the person apply for the next title in `apply_year` (every year since the current
  /// title compliant or exempt)?
  compliance::PromotionResult Promotion(const storage::PersonFacts& person, int apply_year);

  /// Evaluates everyone under this policy instead of the one in force (null: back to normal).
  void ForcePolicy(const policy::Policy* policy) { forced_ = policy; }

  const policy::PolicySet& policies() const { return policies_; }
  Date Today() const { return clock_->Today(); }

 private:
  compliance::PersonContext ContextFor(const storage::PersonFacts& person,
                                       std::vector<records::Exemption> exemptions) const;
  void Scan(int year, const storage::PersonFilter& filter, bool with_sentences,
            const TotalsFn& fn);
  const policy::Policy& PolicyFor(const storage::PersonFacts& person, int year) const;
  compliance::SpanResult Span(const compliance::PersonContext& ctx,
                              std::vector<compliance::YearInput> inputs, bool explain) const;
  /// True when the policy needs records or earlier years, so the summary alone is not enough.
  static bool NeedsDetail(const policy::Policy& policy);
  /// Inputs for years [from, to]: summaries, plus records when the policy needs them.
  std::vector<compliance::YearInput> InputsFor(const policy::Policy& policy, int64_t person_id,
                                               int from, int to);
  compliance::YearResult Evaluate(const storage::PersonFacts& person, int year,
                                  const records::YearTotals& totals,
                                  const compliance::PersonContext& ctx, bool explain);

  storage::Store& store_;
  const policy::PolicySet& policies_;
  ClockPtr clock_;
  const policy::Policy* forced_ = nullptr;
};

/// Storage facts of one person (from a full Person row).
storage::PersonFacts FactsOf(const records::Person& person);

}  // namespace jixu::app
