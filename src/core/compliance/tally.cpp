#include "core/compliance/tally.hpp"

#include <algorithm>
#include <string_view>

namespace jixu::compliance {
namespace {

using policy::Cap;
using policy::CapScope;
using records::Category;
using records::Form;
using records::LearningRecord;

bool Selected(const policy::Selector& s, const Item& it) {
  return s.Matches(it.category, it.form, it.record);
}

// Removes `excess` from the selected items, lowest priority (the back) first.
void Reduce(const policy::Selector& s, std::span<Item> items, Hours excess, bool use_converted) {
  for (auto it = items.rbegin(); it != items.rend() && excess > Hours(); ++it) {
    if (!Selected(s, *it)) continue;
    Hours& v = use_converted ? it->converted : it->units;
    const Hours cut = Min(v, excess);
    v -= cut;
    excess -= cut;
  }
}

void Dedupe(std::span<Item> items, Explainer& explain) {
  std::vector<std::string_view> seen;
  Hours dropped;
  for (Item& it : items) {
    if (it.record == nullptr || it.record->course_code.empty() || it.converted.IsZero()) continue;
    const std::string_view code = it.record->course_code;
    if (std::find(seen.begin(), seen.end(), code) == seen.end()) {
      seen.push_back(code);
      continue;
    }
    dropped += it.converted;
    if (explain.on()) {
      explain.Add("no_double_counting", it.converted, Hours(),
                  "课程" + std::string(code) + "本期已计入，重复的" + Num(it.converted) + "学时不再计入",
                  "course " + std::string(code) + " already counted this period; its repeat of " +
                      Num(it.converted) + " hours does not count again");
    }
    it.converted = Hours();
  }
}

void Lookup(const policy::Rules& rules, std::span<Item> items, Explainer& explain) {
  for (Item& it : items) {
    if (it.record == nullptr) continue;
    const policy::LookupEntry* e = rules.FindLookup(it.record->activity);
    if (e == nullptr) continue;
    const Hours before = it.converted;
    it.converted = e->fixed ? *e->fixed : e->per_hour->Of(it.converted);
    if (explain.on()) {
      explain.Add("lookup", before, it.converted,
                  "活动“" + e->key + "”按规定计" + Num(it.converted) + "学时",
                  "activity \"" + e->key + "\" counts " + Num(it.converted) + " hours by the table");
    }
  }
}

void Convert(const policy::Rules& rules, std::span<Item> items, Explainer& explain) {
  for (const policy::Conversion& c : rules.conversions) {
    Hours before;
    Hours after;
    for (Item& it : items) {
      if (it.converted.IsZero() || !Selected(c.selector, it)) continue;
      before += it.converted;
      it.converted = c.rate.Of(it.converted);
      after += it.converted;
    }
    if (explain.on() && before != after) {
      explain.Add(c.id, before, after,
                  c.label.zh + Num(before) + "学时按" + c.rate.ToString() + "折算为" + Num(after) + "学时",
                  c.label.en + ": " + Num(before) + " hours count at " + c.rate.ToString() + ", " +
                      Num(after) + " hours");
    }
  }
}

void RecordCap(const Cap& c, std::span<Item> items, Explainer& explain) {
  Hours before;
  Hours after;
  for (Item& it : items) {
    if (it.record == nullptr || !Selected(c.selector, it) || it.converted <= *c.max) continue;
    before += it.converted;
    it.converted = *c.max;
    after += it.converted;
  }
  if (explain.on() && before != after) {
    explain.Add(c.id, before, after,
                c.label.zh + "每项最多计" + Num(*c.max) + "学时，超出的" + Num(before - after) + "学时不计入",
                c.label.en + ": at most " + Num(*c.max) + " hours per record, " +
                    Num(before - after) + " hours beyond it not counted");
  }
}

void DayCap(const Cap& c, std::span<Item> items, Explainer& explain) {
  std::vector<size_t> idx;
  for (size_t i = 0; i < items.size(); ++i) {
    if (items[i].record != nullptr && Selected(c.selector, items[i])) idx.push_back(i);
  }
  std::stable_sort(idx.begin(), idx.end(), [&](size_t a, size_t b) {
    return items[a].record->date < items[b].record->date;
  });
  for (size_t g = 0; g < idx.size();) {
    size_t end = g;
    Hours sum;
    const Date day = items[idx[g]].record->date;
    for (; end < idx.size() && items[idx[end]].record->date == day; ++end) sum += items[idx[end]].converted;
    if (sum > *c.max) {
      Hours excess = sum - *c.max;
      for (size_t k = end; k > g && excess > Hours(); --k) {
        Hours& v = items[idx[k - 1]].converted;
        const Hours cut = Min(v, excess);
        v -= cut;
        excess -= cut;
      }
      if (explain.on()) {
        explain.Add(c.id, sum, *c.max,
                    day.ToString() + "当日" + c.label.zh + Num(sum) + "学时，超出每日上限" + Num(*c.max) +
                        "学时的" + Num(sum - *c.max) + "学时不计入",
                    day.ToString() + ": " + Num(sum) + " hours of " + c.label.en + ", " +
                        Num(sum - *c.max) + " beyond the daily cap of " + Num(*c.max) + " not counted");
      }
    }
    g = end;
  }
}

}  // namespace

void FillBucketItems(const records::YearTotals& totals, BucketItems& items) {
  for (int c = 0; c < records::kCategoryCount; ++c) {
    for (int f = 0; f < records::kFormCount; ++f) {
      Item& it = items[static_cast<size_t>(records::YearTotals::Index(static_cast<Category>(c), static_cast<Form>(f)))];
      it.category = static_cast<Category>(c);
      it.form = static_cast<Form>(f);
      it.raw = it.converted = it.units = totals.at(it.category, it.form);
    }
  }
}

std::vector<Item> RecordItems(const YearInput& input, Explainer& explain) {
  std::vector<Item> items;
  items.reserve(input.records.size());
  Hours taken_total;
  for (const LearningRecord& r : input.records) {
    if (r.status != records::RecordStatus::kApproved || r.date.year() != input.year) continue;
    Hours raw = r.hours;
    for (const GraceUse& g : input.grace_taken) {
      if (g.record_id != r.id) continue;
      const Hours cut = Min(raw, g.hours);
      raw -= cut;
      taken_total += cut;
    }
    if (raw.IsZero()) continue;
    items.push_back(Item{r.category, r.form, &r, raw, raw, raw, false});
  }
  std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
    if (a.category != b.category) return a.category < b.category;
    return a.record->date < b.record->date;
  });
  if (explain.on() && !taken_total.IsZero()) {
    explain.Add("grace_period", taken_total, Hours(),
                "已计入" + std::to_string(input.year - 1) + "年度的" + Num(taken_total) + "学时不再计入本年度",
                Num(taken_total) + " hours already counted for " + std::to_string(input.year - 1) +
                    " do not count again");
  }
  return items;
}

void ApplyRecordRules(const policy::Policy& policy, std::span<Item> items, Explainer& explain) {
  const policy::Rules& rules = policy.rules();
  for (Item& it : items) it.converted = it.raw;
  if (rules.dedupe_course_code) Dedupe(items, explain);
  // A daily cap bounds the time a person can have spent, so it looks at recorded hours, before
  // lookup tables and rates turn them into credit (a lecturer's 3 hours worth 18 must stay 18).
  for (const Cap& c : rules.caps) {
    if (c.per == CapScope::kDay) DayCap(c, items, explain);
  }
  if (!rules.lookup.empty()) Lookup(rules, items, explain);
  if (!rules.conversions.empty()) Convert(rules, items, explain);
  for (const Cap& c : rules.caps) {
    if (c.per == CapScope::kRecord) RecordCap(c, items, explain);
  }
  for (Item& it : items) it.units = it.converted;
}

void ApplyPeriodCaps(const policy::Policy& policy, Hours required, std::span<Item> items,
                     Explainer& explain) {
  for (const Cap& c : policy.rules().caps) {
    if (c.per != CapScope::kPeriod) continue;
    Hours limit = c.max.value_or(Hours::FromCenti(INT64_MAX));
    if (c.max_share) limit = Min(limit, c.max_share->Of(required));
    const Hours sum = SumSelected(c.selector, items);
    if (sum <= limit) continue;
    Reduce(c.selector, items, sum - limit, false);
    if (explain.on()) {
      explain.Add(c.id, sum, limit,
                  c.label.zh + Num(sum) + "学时，超出上限" + Num(limit) + "学时的" + Num(sum - limit) + "学时不计入",
                  c.label.en + " " + Num(sum) + " hours, " + Num(sum - limit) + " hours beyond the " +
                      Num(limit) + "-hour cap not counted");
    }
  }
}

bool CheckMinimums(const policy::Policy& policy, Hours required, bool waived,
                   std::span<const Item> items, Explainer& unmet) {
  bool met = true;
  for (const policy::Minimum& m : policy.rules().minimums) {
    if (waived && m.waivable) continue;
    Hours need = m.min.value_or(Hours());
    if (m.min_share) need = Max(need, m.min_share->Of(required));
    const Hours have = SumSelected(m.selector, items);
    if (have >= need) continue;
    met = false;
    if (unmet.on()) {
      unmet.Add(m.id, have, need,
                m.label.zh + "应不少于" + Num(need) + "学时，已计入" + Num(have) + "学时",
                m.label.en + " need at least " + Num(need) + " hours, " + Num(have) + " counted");
    }
  }
  return met;
}

Hours SumUnits(std::span<const Item> items) {
  Hours sum;
  for (const Item& it : items) sum += it.units;
  return sum;
}

Hours SumSelected(const policy::Selector& selector, std::span<const Item> items) {
  Hours sum;
  for (const Item& it : items) {
    if (Selected(selector, it)) sum += it.units;
  }
  return sum;
}

}  // namespace jixu::compliance
