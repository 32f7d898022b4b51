#include <algorithm>

#include "core/compliance/engine.hpp"
#include "core/compliance/obligation.hpp"
#include "core/compliance/year_work.hpp"

namespace jixu::compliance {
namespace {

using records::Category;
using records::LearningRecord;

struct Tally {
  Hours own;  ///< counted from this year's own hours (and grace pieces), carry-in excluded
  bool minimums_met = true;
};

// Cycle policies apply period caps and minimums to the pooled cycle (EvaluateSpan), not the year.
Tally FinishTally(const policy::Policy& policy, Hours required, bool waived, std::span<Item> items,
                  Explainer& notes, Explainer& unmet) {
  const bool cycle = policy.rules().IsCycle();
  if (!cycle) ApplyPeriodCaps(policy, required, items, notes);
  Tally t;
  t.own = SumUnits(items);
  t.minimums_met = cycle || CheckMinimums(policy, required, waived, items, unmet);
  return t;
}

Tally RunAll(const policy::Policy& policy, Hours required, bool waived, std::vector<Item>& items,
             Explainer& notes, Explainer& unmet) {
  ApplyRecordRules(policy, items, notes);
  return FinishTally(policy, required, waived, items, notes, unmet);
}

// ceil(a × num / den) in hundredths: the raw hours of a record needed for `num` counted hours
// when `a` raw hours count `den`.
Hours ScaleUp(Hours a, Hours num, Hours den) {
  if (den.IsZero()) return a;
  const int64_t p = a.centi() * num.centi();
  return Hours::FromCenti((p + den.centi() - 1) / den.centi());
}

Item Piece(const LearningRecord& r, Hours take) {
  return Item{r.category, r.form, &r, take, take, take, true};
}

// Grace period: early next-year records fill this year's shortfall, in date order, each taking
// only the hours that actually count (caps cut grace pieces first), so no hour counts twice.
void TakeGrace(const policy::Policy& policy, const YearInput& input, Hours required, Hours carry_in,
               bool waived, std::vector<Item>& base, std::vector<GraceUse>& used) {
  const Date first = YearStart(input.year + 1);
  const Date last = Deadline(YearEnd(input.year), policy.rules().grace_months);
  std::vector<const LearningRecord*> candidates;
  for (const LearningRecord& r : input.grace_records) {
    if (r.status == records::RecordStatus::kApproved && r.date >= first && r.date <= last) {
      candidates.push_back(&r);
    }
  }
  if (candidates.empty()) return;
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const LearningRecord* a, const LearningRecord* b) { return a->date < b->date; });
  Explainer quiet(nullptr);
  std::vector<Item> trial = base;
  Tally current = RunAll(policy, required, waived, trial, quiet, quiet);
  for (const LearningRecord* r : candidates) {
    const Hours counted = current.own + carry_in;
    if (counted >= required) break;
    const Hours shortfall = required - counted;
    trial = base;
    trial.push_back(Piece(*r, r->hours));
    Tally t = RunAll(policy, required, waived, trial, quiet, quiet);
    const Item piece = trial.back();
    if (piece.units.IsZero()) continue;
    Hours take = r->hours;
    if (piece.units > shortfall || piece.units < piece.converted) {
      take = Min(r->hours, ScaleUp(r->hours, Min(piece.units, shortfall), piece.converted));
      trial = base;
      trial.push_back(Piece(*r, take));
      t = RunAll(policy, required, waived, trial, quiet, quiet);
    }
    base.push_back(Piece(*r, take));
    used.push_back(GraceUse{r->id, take});
    current = t;
  }
}

void RawTotals(const policy::Policy& policy, const YearInput& input, YearResult& r) {
  if (!policy.NeedsRecords()) {
    r.professional_hours = input.totals.CategoryTotal(Category::kProfessional);
    r.public_hours = input.totals.CategoryTotal(Category::kPublic);
    return;
  }
  for (const LearningRecord& rec : input.records) {
    if (rec.status != records::RecordStatus::kApproved || rec.date.year() != input.year) continue;
    (rec.category == Category::kPublic ? r.public_hours : r.professional_hours) += rec.hours;
  }
}

bool HasNonWaivableMinimum(const policy::Rules& rules) {
  return std::any_of(rules.minimums.begin(), rules.minimums.end(),
                     [](const policy::Minimum& m) { return !m.waivable; });
}

void CarryOut(const policy::Policy& policy, Hours own, YearResult& r, Explainer& notes) {
  const Hours max = policy.rules().carry_over_max;
  if (max.IsZero() || r.status != Status::kCompliant || own <= r.required) return;
  // Only this year's own excess over the FULL requirement is carried: hours carried in are
  // never carried again ("next period only, never chained").
  r.carry_out = Min(max, own - r.required);
  if (notes.on()) {
    notes.Add("carry_over", own - r.required, r.carry_out,
              "本年度超出要求的" + Num(own - r.required) + "学时中" + Num(r.carry_out) +
                  "学时结转下一年度（最多" + Num(max) + "学时，不再连续结转）",
              Num(r.carry_out) + " of this year's " + Num(own - r.required) +
                  " excess hours carry to the next year (at most " + Num(max) + ", never chained)");
  }
}

void SetCredits(const policy::Policy& policy, YearResult& r) {
  if (!policy.UsesCredits()) return;
  r.required_credits = policy.ToUnit(r.required);
  r.counted_credits = policy.ToUnit(r.counted_hours);
  r.shortfall_credits = *r.required_credits > *r.counted_credits
                            ? *r.required_credits - *r.counted_credits
                            : Hours();
}

// Fast path: the 26 buckets of the year totals, on the stack.
Tally CountTotals(const policy::Policy& policy, const YearInput& input, const Obligation& ob,
                  bool keep_items, YearWork& w, Explainer& notes, Explainer& unmet) {
  BucketItems items;
  FillBucketItems(input.totals, items);
  ApplyRecordRules(policy, items, notes);
  const Tally t = FinishTally(policy, ob.required, ob.waived, items, notes, unmet);
  if (keep_items) w.items.assign(items.begin(), items.end());
  return t;
}

Tally CountRecords(const policy::Policy& policy, const YearInput& input, const Obligation& ob,
                   bool keep_items, YearWork& w, Explainer& notes, Explainer& unmet) {
  YearResult& r = w.result;
  std::vector<Item> items = RecordItems(input, notes);
  if (policy.rules().grace_months > 0 && !ob.exempt) {
    TakeGrace(policy, input, ob.required, r.carry_in, ob.waived, items, r.grace_used);
  }
  const Tally t = RunAll(policy, ob.required, ob.waived, items, notes, unmet);
  if (notes.on() && !r.grace_used.empty()) {
    Hours taken;
    Hours counted;
    for (const Item& it : items) {
      if (it.grace) taken += it.raw, counted += it.units;
    }
    notes.Add("grace_period", taken, counted,
              std::to_string(input.year + 1) + "年宽限期内完成的" + Num(counted) + "学时计入本年度",
              Num(counted) + " hours completed in the " + std::to_string(input.year + 1) +
                  " grace period count for this year");
  }
  if (keep_items) w.items = std::move(items);
  return t;
}

Status DecideStatus(const policy::Rules& rules, const Obligation& ob, bool met, Date as_of,
                    int year) {
  if (ob.exempt || (ob.waived && !HasNonWaivableMinimum(rules))) return Status::kExempt;
  if (met) return Status::kCompliant;
  return as_of <= Deadline(YearEnd(year), rules.grace_months) ? Status::kInProgress
                                                              : Status::kNotCompliant;
}

}  // namespace

Date Deadline(Date end, int grace_months) {
  if (grace_months <= 0) return end;
  const int months = end.year() * 12 + (end.month() - 1) + grace_months;
  const int y = months / 12;
  const int m = months % 12 + 1;
  return *Date::FromYmd(y, m, DaysInMonth(y, m));
}

void EvaluateYearWork(const policy::Policy& policy, const PersonContext& person,
                      const YearInput& input, Date as_of, bool explain, bool keep_items,
                      YearWork& w) {
  YearResult& r = w.result;
  r.year = input.year;
  r.policy_id = policy.id();
  const policy::Rules& rules = policy.rules();
  Explainer notes(explain ? &r.notes : nullptr);
  Explainer unmet(explain ? &r.unmet : nullptr);
  const Obligation ob = ComputeObligation(policy, person, input.year, notes);
  r.required = ob.required;
  w.share = ob.share;
  w.exempt = ob.exempt;
  w.waived = ob.waived;
  r.carry_in = rules.carry_over_max.IsZero() ? Hours() : input.carry_in;
  RawTotals(policy, input, r);

  const Tally t = policy.NeedsRecords()
                      ? CountRecords(policy, input, ob, keep_items, w, notes, unmet)
                      : CountTotals(policy, input, ob, keep_items, w, notes, unmet);
  if (notes.on() && !r.carry_in.IsZero()) {
    notes.Add("carry_in", r.carry_in, r.carry_in, "上一年度结转" + Num(r.carry_in) + "学时",
              Num(r.carry_in) + " hours carried from the previous year");
  }
  r.counted_hours = t.own + r.carry_in;
  r.shortfall_hours = r.required > r.counted_hours ? r.required - r.counted_hours : Hours();
  r.status = DecideStatus(rules, ob, r.counted_hours >= r.required && t.minimums_met, as_of,
                          input.year);
  CarryOut(policy, t.own, r, notes);
  SetCredits(policy, r);
  if (explain) BuildSentences(policy, r);
}

YearResult EvaluateYear(const policy::Policy& policy, const PersonContext& person,
                        const YearInput& input, Date as_of, const EvaluateOptions& options) {
  YearWork w;
  EvaluateYearWork(policy, person, input, as_of, options.explain, false, w);
  return std::move(w.result);
}

YearResult EvaluateYear(const policy::Policy& policy, const PersonContext& person,
                        const YearInput& input, Date as_of) {
  return EvaluateYear(policy, person, input, as_of, EvaluateOptions{});
}

std::string_view StatusCode(Status s) {
  switch (s) {
    case Status::kCompliant: return "compliant";
    case Status::kInProgress: return "in_progress";
    case Status::kNotCompliant: return "not_compliant";
    case Status::kExempt: return "exempt";
  }
  return "not_compliant";
}

std::string_view StatusZh(Status s) {
  switch (s) {
    case Status::kCompliant: return "已达标";
    case Status::kInProgress: return "进行中";
    case Status::kNotCompliant: return "未达标";
    case Status::kExempt: return "免修";
  }
  return "未达标";
}

std::string_view StatusEn(Status s) {
  switch (s) {
    case Status::kCompliant: return "compliant";
    case Status::kInProgress: return "in progress";
    case Status::kNotCompliant: return "not compliant";
    case Status::kExempt: return "exempt";
  }
  return "not compliant";
}

}  // namespace jixu::compliance
