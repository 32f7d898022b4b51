#include "core/compliance/span.hpp"

#include <algorithm>
#include <functional>

#include "core/compliance/obligation.hpp"
#include "core/compliance/year_work.hpp"

namespace jixu::compliance {
namespace {

using PolicyOf = std::function<const policy::Policy&(int year)>;

void FillGaps(std::vector<YearInput>& years) {
  std::sort(years.begin(), years.end(),
            [](const YearInput& a, const YearInput& b) { return a.year < b.year; });
  std::vector<YearInput> filled;
  filled.reserve(years.size());
  for (YearInput& y : years) {
    while (!filled.empty() && filled.back().year + 1 < y.year) {
      YearInput gap;
      gap.year = filled.back().year + 1;
      filled.push_back(std::move(gap));
    }
    filled.push_back(std::move(y));
  }
  years = std::move(filled);
}

std::string YearsZh(int from, int to) { return std::to_string(from) + "—" + std::to_string(to); }
std::string YearsEn(int from, int to) { return std::to_string(from) + "–" + std::to_string(to); }

Status PeriodStatus(bool met, bool all_exempt, Date as_of, int to_year, int grace_months) {
  if (all_exempt) return Status::kExempt;
  if (met) return Status::kCompliant;
  return as_of <= Deadline(YearEnd(to_year), grace_months) ? Status::kInProgress
                                                           : Status::kNotCompliant;
}

void PeriodSentence(const policy::Policy& policy, const std::string& what_zh,
                    const std::string& what_en, PeriodResult& p) {
  p.sentence_zh = what_zh + "应修" + Num(p.required) + "学时，已计入" + Num(p.counted) + "学时";
  p.sentence_en = what_en + ": " + Num(p.required) + " hours required, " + Num(p.counted) + " counted";
  for (const Note& n : p.notes) {
    p.sentence_zh += "（" + n.zh + "）";
    p.sentence_en += " (" + n.en + ")";
  }
  if (!p.shortfall.IsZero()) {
    p.sentence_zh += "，尚差" + Num(p.shortfall) + "学时";
    p.sentence_en += "; " + Num(p.shortfall) + " hours short";
  }
  for (const Note& n : p.unmet) {
    p.sentence_zh += "，" + n.zh;
    p.sentence_en += "; " + n.en;
  }
  p.sentence_zh += "，" + std::string(StatusZh(p.status)) + "。";
  p.sentence_en += ": " + std::string(StatusEn(p.status)) + ".";
  if (policy.UsesCredits()) {
    p.required_credits = policy.ToUnit(p.required);
    p.counted_credits = policy.ToUnit(p.counted);
  }
}

// A cycle pools its years' items (after the record rules) and applies the period caps and
// minimums to the whole; each year must also have met its own minimum.
PeriodResult EvaluateCycle(const policy::Policy& policy, const PersonContext& person,
                           const std::vector<YearWork>& works, size_t first, Date as_of,
                           bool explain) {
  const policy::Rules& rules = policy.rules();
  const int n = rules.requirement.cycle_years;
  PeriodResult p;
  p.rule = "cycle";
  p.policy_id = policy.id();
  p.from_year = works[first].result.year;
  p.to_year = p.from_year + n - 1;
  Explainer notes(explain ? &p.notes : nullptr);
  Explainer unmet(explain ? &p.unmet : nullptr);
  const Hours total = BaseTotal(rules, person);
  std::vector<Item> pooled;
  bool years_met = true;
  bool all_exempt = true;
  for (size_t i = first; i < first + static_cast<size_t>(n); ++i) {
    const YearWork& w = works[i];
    p.required += policy::Fraction{w.share.num, w.share.den * n}.Of(total);
    pooled.insert(pooled.end(), w.items.begin(), w.items.end());
    all_exempt = all_exempt && w.result.status == Status::kExempt;
    if (w.result.status == Status::kExempt || w.result.counted_hours >= w.result.required) continue;
    years_met = false;
    unmet.Add("min_per_year", w.result.counted_hours, w.result.required,
              std::to_string(w.result.year) + "年度应不少于" + Num(w.result.required) + "学时，已计入" +
                  Num(w.result.counted_hours) + "学时",
              std::to_string(w.result.year) + " needs at least " + Num(w.result.required) +
                  " hours, " + Num(w.result.counted_hours) + " counted");
  }
  ApplyPeriodCaps(policy, p.required, pooled, notes);
  p.counted = SumUnits(pooled);
  const bool mins = CheckMinimums(policy, p.required, false, pooled, unmet);
  p.shortfall = p.required > p.counted ? p.required - p.counted : Hours();
  p.status = PeriodStatus(years_met && mins && p.shortfall.IsZero(), all_exempt, as_of, p.to_year,
                          rules.grace_months);
  if (explain) {
    PeriodSentence(policy, YearsZh(p.from_year, p.to_year) + "周期", "Cycle " + YearsEn(p.from_year, p.to_year), p);
  }
  return p;
}

PeriodResult EvaluateWindow(const policy::Policy& policy, const policy::Window& win,
                            const std::vector<YearWork>& works, size_t last, Date as_of,
                            bool explain) {
  PeriodResult p;
  p.rule = win.id;
  p.policy_id = policy.id();
  p.to_year = works[last].result.year;
  p.from_year = p.to_year - win.years + 1;
  p.required = win.min;
  for (size_t i = last + 1 - static_cast<size_t>(win.years); i <= last; ++i) {
    p.counted += SumSelected(win.selector, works[i].items);
  }
  p.shortfall = p.required > p.counted ? p.required - p.counted : Hours();
  p.status = PeriodStatus(p.shortfall.IsZero(), false, as_of, p.to_year, policy.rules().grace_months);
  if (explain) {
    PeriodSentence(policy, YearsZh(p.from_year, p.to_year) + "年（近" + std::to_string(win.years) + "年）" + win.label.zh,
                   YearsEn(p.from_year, p.to_year) + " (last " + std::to_string(win.years) + " years), " + win.label.en, p);
  }
  return p;
}

void Prepare(std::vector<YearInput>& years, size_t i, const std::vector<YearWork>& works) {
  YearInput& in = years[i];
  if (i > 0) {
    in.carry_in = works[i - 1].result.carry_out;
    in.grace_taken = works[i - 1].result.grace_used;
  }
  if (in.grace_records.empty() && i + 1 < years.size()) in.grace_records = years[i + 1].records;
}

void AddPeriods(const PolicyOf& policy_of, const PersonContext& person,
                const std::vector<YearWork>& works, Date as_of, bool explain, SpanResult& out) {
  for (size_t i = 0; i < works.size(); ++i) {
    const int year = works[i].result.year;
    const policy::Policy& p = policy_of(year);
    const policy::Rules& rules = p.rules();
    if (rules.IsCycle()) {
      const int n = rules.requirement.cycle_years;
      const bool ends_here = ((year - rules.requirement.first_cycle_year) % n + n) % n == n - 1;
      if (ends_here && i + 1 >= static_cast<size_t>(n)) {
        out.periods.push_back(EvaluateCycle(p, person, works, i + 1 - static_cast<size_t>(n), as_of, explain));
      }
    }
    for (const policy::Window& w : rules.windows) {
      if (i + 1 >= static_cast<size_t>(w.years)) {
        out.periods.push_back(EvaluateWindow(p, w, works, i, as_of, explain));
      }
    }
  }
}

SpanResult Run(const PolicyOf& policy_of, const PersonContext& person, std::vector<YearInput> years,
               Date as_of, const EvaluateOptions& options) {
  SpanResult out;
  if (years.empty()) return out;
  FillGaps(years);
  std::vector<YearWork> works(years.size());
  for (size_t i = 0; i < years.size(); ++i) {
    Prepare(years, i, works);
    const policy::Policy& p = policy_of(years[i].year);
    const bool keep = p.rules().IsCycle() || !p.rules().windows.empty();
    EvaluateYearWork(p, person, years[i], as_of, options.explain, keep, works[i]);
  }
  AddPeriods(policy_of, person, works, as_of, options.explain, out);
  for (YearWork& w : works) out.years.push_back(std::move(w.result));
  out.status = Status::kExempt;
  for (const YearResult& y : out.years) {
    if (Severity(y.status) > Severity(out.status)) out.status = y.status;
  }
  for (const PeriodResult& p : out.periods) {
    if (Severity(p.status) > Severity(out.status)) out.status = p.status;
  }
  return out;
}

}  // namespace

int Severity(Status s) {
  switch (s) {
    case Status::kExempt: return 0;
    case Status::kCompliant: return 1;
    case Status::kInProgress: return 2;
    case Status::kNotCompliant: return 3;
  }
  return 3;
}

SpanResult EvaluateSpan(const policy::PolicySet& set, const PersonContext& person,
                        std::vector<YearInput> years, Date as_of, const EvaluateOptions& options) {
  return Run([&](int year) -> const policy::Policy& {
               return set.Select(person.region_code, person.field, year);
             },
             person, std::move(years), as_of, options);
}

SpanResult EvaluateSpan(const policy::Policy& policy, const PersonContext& person,
                        std::vector<YearInput> years, Date as_of, const EvaluateOptions& options) {
  return Run([&](int) -> const policy::Policy& { return policy; }, person, std::move(years), as_of,
             options);
}

}  // namespace jixu::compliance
