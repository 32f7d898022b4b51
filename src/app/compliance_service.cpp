#include "app/compliance_service.hpp"

#include <algorithm>

namespace jixu::app {

storage::PersonFacts FactsOf(const records::Person& p) {
  storage::PersonFacts f;
  f.person_id = p.id;
  f.id_number = p.id_number;
  f.name = p.name;
  f.employer_code = p.employer_code;
  f.region_code = p.region_code;
  f.field = p.field;
  f.title_level = p.title_level;
  f.title_since = p.title_since;
  f.joined = p.joined;
  return f;
}

compliance::PersonContext ComplianceService::ContextFor(
    const storage::PersonFacts& person, std::vector<records::Exemption> exemptions) const {
  compliance::PersonContext ctx;
  ctx.title_level = person.title_level;
  ctx.field = person.field;
  ctx.region_code = person.region_code;
  ctx.joined = person.joined;
  std::erase_if(exemptions, [](const records::Exemption& e) { return !e.approved; });
  ctx.exemptions = std::move(exemptions);
  return ctx;
}

namespace {

/// Years before the asked one that its result depends on: carry-over and grace periods reach one
/// period back (never chained), cycles and rolling windows their length.
int LookbackYears(const policy::Policy& policy) {
  const auto& rules = policy.rules();
  int years = 0;
  if (rules.carry_over_max > Hours() || rules.grace_months > 0) years = 2;
  years = std::max(years, rules.requirement.cycle_years - 1);
  for (const auto& w : rules.windows) years = std::max(years, w.years - 1);
  return years;
}

}  // namespace

const policy::Policy& ComplianceService::PolicyFor(const storage::PersonFacts& person,
                                                  int year) const {
  return forced_ != nullptr ? *forced_
                            : policies_.Select(person.region_code, person.field, year);
}

compliance::SpanResult ComplianceService::Span(const compliance::PersonContext& ctx,
                                               std::vector<compliance::YearInput> inputs,
                                               bool explain) const {
  const compliance::EvaluateOptions options{.explain = explain};
  return forced_ != nullptr
             ? compliance::EvaluateSpan(*forced_, ctx, std::move(inputs), clock_->Today(), options)
             : compliance::EvaluateSpan(policies_, ctx, std::move(inputs), clock_->Today(),
                                        options);
}

bool ComplianceService::NeedsDetail(const policy::Policy& policy) {
  return policy.NeedsRecords() || LookbackYears(policy) > 0;
}

std::vector<compliance::YearInput> ComplianceService::InputsFor(const policy::Policy& policy,
                                                                int64_t person_id, int from,
                                                                int to) {
  std::vector<compliance::YearInput> inputs;
  for (int y = from; y <= to; ++y) {
    compliance::YearInput in;
    in.year = y;
    in.totals = store_.summaries().Get(person_id, y);
    inputs.push_back(std::move(in));
  }
  if (!policy.NeedsRecords()) return inputs;
  for (auto& r : store_.records().ListForPerson(person_id, 0)) {
    if (r.status != records::RecordStatus::kApproved) continue;
    const int y = r.date.year();
    if (y >= from && y <= to) inputs[static_cast<size_t>(y - from)].records.push_back(r);
    // Early next-year records may count for the previous year under a grace period.
    if (y - 1 >= from && y - 1 <= to) {
      inputs[static_cast<size_t>(y - 1 - from)].grace_records.push_back(std::move(r));
    }
  }
  return inputs;
}

compliance::YearResult ComplianceService::Evaluate(const storage::PersonFacts& person, int year,
                                                   const records::YearTotals& totals,
                                                   const compliance::PersonContext& ctx,
                                                   bool explain) {
  const policy::Policy& policy = PolicyFor(person, year);
  const Date today = clock_->Today();
  if (!NeedsDetail(policy)) {
    compliance::YearInput input;
    input.year = year;
    input.totals = totals;
    return compliance::EvaluateYear(policy, ctx, input, today, {.explain = explain});
  }
  const int from = year - LookbackYears(policy);
  auto span = Span(ctx, InputsFor(policy, person.person_id, from, year), explain);
  return span.years.back();
}

compliance::YearResult ComplianceService::PersonYear(const storage::PersonFacts& person,
                                                     int year) {
  const records::YearTotals totals = store_.summaries().Get(person.person_id, year);
  auto ctx = ContextFor(person, store_.exemptions().ListForPerson(person.person_id));
  return Evaluate(person, year, totals, ctx, true);
}

void ComplianceService::ForEachInYear(
    int year, const storage::PersonFilter& filter, bool with_sentences,
    const std::function<void(const storage::PersonFacts&, const compliance::YearResult&)>& fn) {
  Scan(year, filter, with_sentences,
       [&](const storage::PersonFacts& p, const records::YearTotals&,
           const compliance::YearResult& r) { fn(p, r); });
}

void ComplianceService::ForEachInYearWithTotals(int year, const storage::PersonFilter& filter,
                                                const TotalsFn& fn) {
  Scan(year, filter, false, fn);
}

void ComplianceService::EvaluateInYear(int year, const std::vector<storage::PersonFacts>& persons,
                                       const TotalsFn& fn) {
  const Date first = YearStart(year), last = YearEnd(year);
  for (const storage::PersonFacts& person : persons) {
    // What Scan hands this person: the approved exemptions overlapping the year
    // (ExemptionRepository::ListOverlapping).
    auto exemptions = store_.exemptions().ListForPerson(person.person_id);
    std::erase_if(exemptions, [&](const records::Exemption& e) {
      return !e.approved || e.from > last || e.to < first;
    });
    const records::YearTotals totals = store_.summaries().Get(person.person_id, year);
    fn(person, totals,
       Evaluate(person, year, totals, ContextFor(person, std::move(exemptions)), false));
  }
}

void ComplianceService::Scan(int year, const storage::PersonFilter& filter, bool with_sentences,
                             const TotalsFn& fn) {
  std::unordered_map<int64_t, std::vector<records::Exemption>> exemptions;
  for (auto& e : store_.exemptions().ListOverlapping(year)) {
    exemptions[e.person_id].push_back(std::move(e));
  }
  auto context = [&](const storage::PersonFacts& person) {
    auto it = exemptions.find(person.person_id);
    return ContextFor(person, it == exemptions.end() ? std::vector<records::Exemption>{}
                                                     : it->second);
  };
  // Persons under a policy that needs records or earlier years are evaluated after the scan (its
  // callback must not call back into the store), then merged back into id order.
  struct Pending {
    storage::PersonFacts person;
    records::YearTotals totals;
  };
  std::vector<Pending> detail;
  struct Done {
    storage::PersonFacts person;
    records::YearTotals totals;
    compliance::YearResult result;
  };
  std::vector<Done> simple_after;
  store_.summaries().ForEachInYear(
      year, filter, [&](const storage::PersonFacts& person, const records::YearTotals& totals) {
        const policy::Policy& policy = PolicyFor(person, year);
        if (NeedsDetail(policy)) {
          detail.push_back({person, totals});
        } else if (!detail.empty()) {
          simple_after.push_back({person, totals, Evaluate(person, year, totals, context(person),
                                                           with_sentences)});
        } else {
          fn(person, totals, Evaluate(person, year, totals, context(person), with_sentences));
        }
      });
  // Merge the deferred detail results with the simple ones that followed the first of them.
  size_t s = 0;
  for (const Pending& d : detail) {
    while (s < simple_after.size() && simple_after[s].person.person_id < d.person.person_id) {
      fn(simple_after[s].person, simple_after[s].totals, simple_after[s].result);
      ++s;
    }
    fn(d.person, d.totals, Evaluate(d.person, year, d.totals, context(d.person), with_sentences));
  }
  for (; s < simple_after.size(); ++s) {
    fn(simple_after[s].person, simple_after[s].totals, simple_after[s].result);
  }
}

std::vector<compliance::YearResult> ComplianceService::PersonSpan(
    const storage::PersonFacts& person, int from, int to) {
  const policy::Policy& policy = PolicyFor(person, to);
  auto ctx = ContextFor(person, store_.exemptions().ListForPerson(person.person_id));
  const int start = from - LookbackYears(policy);
  auto span = Span(ctx, InputsFor(policy, person.person_id, start, to), true);
  std::vector<compliance::YearResult> out;
  for (auto& y : span.years) {
    if (y.year >= from) out.push_back(std::move(y));
  }
  return out;
}

compliance::PromotionResult ComplianceService::Promotion(const storage::PersonFacts& person,
                                                         int apply_year) {
  compliance::PromotionQuery q;
  q.apply_year = apply_year;
  q.since = person.title_since.value_or(YearStart(apply_year));  // callers check it is set
  const policy::Policy& policy = PolicyFor(person, apply_year);
  auto ctx = ContextFor(person, store_.exemptions().ListForPerson(person.person_id));
  const int from = q.since.year() - LookbackYears(policy);
  auto inputs = InputsFor(policy, person.person_id, from, apply_year - 1);
  return forced_ != nullptr
             ? compliance::CheckPromotion(*forced_, ctx, q, std::move(inputs), clock_->Today())
             : compliance::CheckPromotion(policies_, ctx, q, std::move(inputs), clock_->Today());
}

}  // namespace jixu::app
