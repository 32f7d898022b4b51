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

compliance::YearInput ComplianceService::InputFor(const policy::Policy& policy, int64_t person_id,
                                                  int year, const records::YearTotals& totals) {
  compliance::YearInput input;
  input.year = year;
  input.totals = totals;
  if (policy.NeedsRecords()) {
    for (auto& r : store_.records().ListForPerson(person_id, 0)) {
      if (r.status != records::RecordStatus::kApproved) continue;
      const int y = r.date.year();
      if (y == year) {
        input.records.push_back(std::move(r));
      } else if (y == year + 1) {
        input.grace_records.push_back(std::move(r));
      }
    }
  }
  return input;
}

compliance::YearResult ComplianceService::PersonYear(const storage::PersonFacts& person,
                                                     int year) {
  const policy::Policy& policy = policies_.Select(person.region_code, person.field, year);
  const records::YearTotals totals = store_.summaries().Get(person.person_id, year);
  auto ctx = ContextFor(person, store_.exemptions().ListForPerson(person.person_id));
  return compliance::EvaluateYear(policy, ctx, InputFor(policy, person.person_id, year, totals),
                                  clock_->Today());
}

void ComplianceService::ForEachInYear(
    int year, const storage::PersonFilter& filter, bool /*with_sentences*/,
    const std::function<void(const storage::PersonFacts&, const compliance::YearResult&)>& fn) {
  std::unordered_map<int64_t, std::vector<records::Exemption>> exemptions;
  for (auto& e : store_.exemptions().ListOverlapping(year)) {
    exemptions[e.person_id].push_back(std::move(e));
  }
  const Date today = clock_->Today();
  // Records needed by detail policies are read after the scan: the scan's callback must not call
  // back into the store.
  struct Deferred {
    storage::PersonFacts person;
    records::YearTotals totals;
  };
  std::vector<Deferred> deferred;
  store_.summaries().ForEachInYear(
      year, filter, [&](const storage::PersonFacts& person, const records::YearTotals& totals) {
        const policy::Policy& policy = policies_.Select(person.region_code, person.field, year);
        if (policy.NeedsRecords()) {
          deferred.push_back({person, totals});
          return;
        }
        auto it = exemptions.find(person.person_id);
        auto ctx = ContextFor(person, it == exemptions.end() ? std::vector<records::Exemption>{}
                                                             : it->second);
        compliance::YearInput input;
        input.year = year;
        input.totals = totals;
        fn(person, compliance::EvaluateYear(policy, ctx, input, today));
      });
  for (const Deferred& d : deferred) {
    const policy::Policy& policy = policies_.Select(d.person.region_code, d.person.field, year);
    auto it = exemptions.find(d.person.person_id);
    auto ctx = ContextFor(d.person, it == exemptions.end() ? std::vector<records::Exemption>{}
                                                           : it->second);
    fn(d.person, compliance::EvaluateYear(policy, ctx,
                                          InputFor(policy, d.person.person_id, year, d.totals),
                                          today));
  }
}

std::vector<compliance::YearResult> ComplianceService::PersonSpan(
    const storage::PersonFacts& person, int from, int to) {
  std::vector<compliance::YearResult> out;
  for (int y = from; y <= to; ++y) out.push_back(PersonYear(person, y));
  return out;
}

}  // namespace jixu::app
