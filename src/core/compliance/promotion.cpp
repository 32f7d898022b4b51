#include "core/compliance/promotion.hpp"

#include <algorithm>
#include <functional>

namespace jixu::compliance {
namespace {

using SpanFn = std::function<SpanResult(std::vector<YearInput>)>;

bool Passes(Status s) { return s == Status::kCompliant || s == Status::kExempt; }

// The inputs the span needs: the caller's years up to the year after the range (its records can
// count for the last year through a grace period), and the range itself filled in.
std::vector<YearInput> SpanInputs(std::vector<YearInput> years, int from, int to) {
  std::vector<YearInput> kept;
  for (YearInput& y : years) {
    if (y.year <= to + 1) kept.push_back(std::move(y));
  }
  auto has = [&kept](int year) {
    return std::any_of(kept.begin(), kept.end(), [year](const YearInput& y) { return y.year == year; });
  };
  for (int y : {from, to}) {
    if (!has(y)) {
      YearInput empty;
      empty.year = y;
      kept.push_back(std::move(empty));
    }
  }
  return kept;
}

void Explain(const PromotionQuery& q, PromotionResult& r) {
  const std::string y = std::to_string(q.apply_year);
  const std::string since = q.since.ToString();
  const bool title = q.basis == EligibilityBasis::kTitle;
  std::string zh = title ? "申报" + y + "年度上一级职称（现职称于" + since + "取得）："
                         : y + "年度执业资格继续教育核查（资格证书于" + since + "取得）：";
  std::string en = title ? "Applying for the next title in " + y + " (current title since " + since + "): "
                         : "Licence CE check for " + y + " (licence issued " + since + "): ";
  if (r.from_year > r.to_year) {
    zh += "无需核查的完整年度，";
    en += "no completed year to check, ";
  } else if (r.blocking_years.empty()) {
    zh += std::to_string(r.from_year) + "年至" + std::to_string(r.to_year) + "年各年度继续教育均已达标或免修，";
    en += "every year from " + std::to_string(r.from_year) + " to " + std::to_string(r.to_year) +
          " is compliant or exempt, ";
  } else {
    for (const YearResult& yr : r.years) {
      if (Passes(yr.status)) continue;
      zh += std::to_string(yr.year) + "年度" + std::string(StatusZh(yr.status)) + "，";
      en += std::to_string(yr.year) + " " + std::string(StatusEn(yr.status)) + ", ";
    }
    for (const PeriodResult& p : r.periods) {
      if (Passes(p.status)) continue;
      zh += std::to_string(p.from_year) + "—" + std::to_string(p.to_year) + "周期" +
            std::string(StatusZh(p.status)) + "，";
      en += "cycle " + std::to_string(p.from_year) + "–" + std::to_string(p.to_year) + " " +
            std::string(StatusEn(p.status)) + ", ";
    }
  }
  zh += r.eligible ? "符合继续教育条件。" : "不符合继续教育条件。";
  en += r.eligible ? "eligible as far as continuing education goes." : "not eligible.";
  r.sentence_zh = std::move(zh);
  r.sentence_en = std::move(en);
}

PromotionResult Check(const SpanFn& span, const PromotionQuery& q, std::vector<YearInput> years) {
  PromotionResult r;
  r.from_year = q.since.year() + 1;
  r.to_year = q.apply_year - 1;
  if (q.apply_year <= q.since.year()) {
    r.eligible = false;
    r.sentence_zh = "申报年度" + std::to_string(q.apply_year) + "不晚于取得年度" +
                    std::to_string(q.since.year()) + "，不符合继续教育条件。";
    r.sentence_en = "The application year " + std::to_string(q.apply_year) +
                    " is not after the year obtained, " + std::to_string(q.since.year()) + ": not eligible.";
    return r;
  }
  if (r.from_year <= r.to_year) {
    SpanResult s = span(SpanInputs(std::move(years), r.from_year, r.to_year));
    for (YearResult& y : s.years) {
      if (y.year < r.from_year || y.year > r.to_year) continue;
      if (!Passes(y.status)) r.blocking_years.push_back(y.year);
      r.years.push_back(std::move(y));
    }
    for (PeriodResult& p : s.periods) {
      if (p.to_year < r.from_year || p.to_year > r.to_year) continue;
      if (!Passes(p.status) && std::find(r.blocking_years.begin(), r.blocking_years.end(), p.to_year) ==
                                   r.blocking_years.end()) {
        r.blocking_years.push_back(p.to_year);
      }
      r.periods.push_back(std::move(p));
    }
  }
  r.eligible = r.blocking_years.empty();
  Explain(q, r);
  return r;
}

}  // namespace

PromotionResult CheckPromotion(const policy::PolicySet& set, const PersonContext& person,
                               const PromotionQuery& query, std::vector<YearInput> years,
                               Date as_of) {
  return Check([&](std::vector<YearInput> in) { return EvaluateSpan(set, person, std::move(in), as_of); },
               query, std::move(years));
}

PromotionResult CheckPromotion(const policy::Policy& policy, const PersonContext& person,
                               const PromotionQuery& query, std::vector<YearInput> years,
                               Date as_of) {
  return Check([&](std::vector<YearInput> in) { return EvaluateSpan(policy, person, std::move(in), as_of); },
               query, std::move(years));
}

}  // namespace jixu::compliance
