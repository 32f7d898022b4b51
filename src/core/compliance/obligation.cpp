#include "core/compliance/obligation.hpp"

#include <algorithm>
#include <bitset>

namespace jixu::compliance {
namespace {

using policy::ExemptionAction;
using policy::Fraction;
using records::ExemptionKind;

constexpr int kMonths = 12;

Fraction Times(Fraction a, Fraction b) {
  return Fraction{a.num * b.num, a.den * b.den};
}

// Applies joining mid-year: not yet joined (exempt), waived, or pro rata by remaining months
// (the joining month counts as a whole month).
void ApplyJoining(const policy::Rules& rules, const PersonContext& person, int year,
                  Obligation& ob, Explainer& explain) {
  if (!person.joined || person.joined->year() < year) return;
  const Date joined = *person.joined;
  if (joined.year() > year) {
    ob.exempt = true;
    if (explain.on()) {
      explain.Add("new_entrants", ob.base, Hours(),
                  "于" + joined.ToString() + "开始履行继续教育义务，本年度不作要求",
                  "obligation starts " + joined.ToString() + ", nothing owed this year");
    }
    return;
  }
  const int month = joined.month();
  if (rules.waive_from_month > 0 && month >= rules.waive_from_month) {
    ob.waived = true;
    ob.share = Fraction{0, 1};
    if (explain.on()) {
      explain.Add("new_entrants", ob.base, Hours(),
                  joined.ToString() + "新入职（" + std::to_string(rules.waive_from_month) +
                      "月及以后），本年度总学时免修",
                  "joined " + joined.ToString() + " (month " + std::to_string(rules.waive_from_month) +
                      " or later): this year's total is waived");
    }
    return;
  }
  if (!rules.pro_rata_new_entrants || month == 1) return;
  const int remaining = kMonths - month + 1;
  ob.share = Times(ob.share, Fraction{remaining, kMonths});
  if (explain.on()) {
    const Hours after = ob.share.Of(ob.base);
    explain.Add("new_entrants", ob.base, after,
                joined.ToString() + "新入职，按剩余" + std::to_string(remaining) + "个月折算应修" +
                    Num(after) + "学时",
                "joined " + joined.ToString() + ": pro rata for the remaining " +
                    std::to_string(remaining) + " months, " + Num(after) + " hours required");
  }
}

// Days of [from, to] that fall within [lo, hi], marked in `covered` (day 0 = lo).
int Mark(Date from, Date to, Date lo, Date hi, std::bitset<366>* covered) {
  const Date a = std::max(from, lo);
  const Date b = std::min(to, hi);
  if (b < a) return 0;
  if (covered != nullptr) {
    for (int32_t d = a.days(); d <= b.days(); ++d) covered->set(static_cast<size_t>(d - lo.days()));
  }
  return b.days() - a.days() + 1;
}

void ApplyExemptions(const policy::Rules& rules, const PersonContext& person, int year,
                     Obligation& ob, Explainer& explain) {
  const Date lo = person.joined && person.joined->year() == year ? *person.joined : YearStart(year);
  const Date hi = YearEnd(year);
  std::bitset<366> covered;
  for (const records::Exemption& e : person.exemptions) {
    if (!e.approved) continue;
    const policy::ExemptionRule& rule = rules.exemptions[static_cast<size_t>(e.kind)];
    if (rule.action == ExemptionAction::kNone) continue;
    const int days = Mark(e.from, e.to, lo, hi, nullptr);
    if (days == 0) continue;
    const std::string kind_zh(records::ExemptionKindZh(e.kind));
    const std::string kind_en(records::ExemptionKindCode(e.kind));
    const std::string span = e.from.ToString() + "至" + e.to.ToString();
    const std::string span_en = e.from.ToString() + " to " + e.to.ToString();
    if (rule.action == ExemptionAction::kExempt && days >= rule.min_days) {
      ob.exempt = true;
      explain.Add("exemption", ob.base, Hours(), kind_zh + "（" + span + "），本年度免修",
                  kind_en + " (" + span_en + "): exempt this year");
      return;
    }
    Mark(e.from, e.to, lo, hi, &covered);
    if (explain.on()) {
      explain.Add("exemption", Hours::FromWhole(days), Hours(),
                  kind_zh + "（" + span + "）占本年度" + std::to_string(days) + "天，应修学时按比例核减",
                  kind_en + " (" + span_en + ") covers " + std::to_string(days) +
                      " days: the requirement is reduced pro rata");
    }
  }
  const int total_days = hi.days() - lo.days() + 1;
  const int off = static_cast<int>(covered.count());
  if (off > 0) ob.share = Times(ob.share, Fraction{total_days - off, total_days});
}

}  // namespace

Hours BaseTotal(const policy::Rules& rules, const PersonContext& person) {
  const auto& q = rules.requirement;
  Hours base = q.by_title[static_cast<size_t>(person.title_level)].value_or(q.total);
  for (const auto& [role, extra] : q.role_extra) {
    if (std::find(person.roles.begin(), person.roles.end(), role) != person.roles.end()) base += extra;
  }
  return base;
}

Obligation ComputeObligation(const policy::Policy& policy, const PersonContext& person, int year,
                             Explainer& explain) {
  const policy::Rules& rules = policy.rules();
  Obligation ob;
  ob.base = rules.IsCycle() ? rules.requirement.min_per_year : BaseTotal(rules, person);
  ApplyJoining(rules, person, year, ob, explain);
  if (!ob.exempt && !person.exemptions.empty()) ApplyExemptions(rules, person, year, ob, explain);
  if (ob.exempt) ob.share = Fraction{0, 1};
  ob.required = ob.share.Of(ob.base);
  return ob;
}

}  // namespace jixu::compliance
