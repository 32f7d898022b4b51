#include "app/what_if/what_if.hpp"

#include <algorithm>
#include <sstream>

#include <toml++/toml.h>

#include "core/policy/toml_reader.hpp"

namespace jixu::app {

Result<std::shared_ptr<const policy::Policy>> CandidatePolicy(const DataFiles& data,
                                                              std::string_view toml_text) {
  constexpr const char* kSource = "candidate.toml";
  Result<toml::table> parsed = policy::ParseTomlText(toml_text, kSource);
  if (!parsed) return parsed.error();
  toml::table table = std::move(parsed).value();
  // Never the default and never chosen for anyone by itself: it is only ever forced.
  table.erase("default");
  if (toml::table* scope = table["scope"].as_table()) {
    scope->insert_or_assign("auto_select", false);
  } else {
    table.insert_or_assign("scope", toml::table{{"auto_select", false}});
  }
  std::string id = table["id"].value_or(std::string());
  // No id: named after the policy it extends ("national-2007-candidate").
  if (id.empty()) id = table["extends"].value_or(std::string("policy"));
  if (data.policies.Find(id) != nullptr) id += "-candidate";
  table.insert_or_assign("id", id);
  std::ostringstream text;
  text << table;
  auto all = data.policy_files;
  all.emplace_back(kSource, text.str());
  Result<policy::PolicySet> set = policy::PolicySet::Load(all);
  if (!set) return set.error();
  // The set owns the policy: the pointer shares the set's lifetime.
  auto owner = std::make_shared<policy::PolicySet>(std::move(set).value());
  const policy::Policy* p = owner->Find(id);
  if (p == nullptr) {
    return MakeError("policy_missing_key", "id", "候选策略没有 id", "the candidate policy has no id");
  }
  return std::shared_ptr<const policy::Policy>(owner, p);
}

namespace {

struct Before {
  int64_t person_id;
  compliance::Status status;
  Hours counted;
  Hours required;
  uint16_t policy;  ///< index into the policy ids seen
};

bool Compliant(compliance::Status s) { return s == compliance::Status::kCompliant; }

void Count(WhatIfTally& t, compliance::Status before, compliance::Status after) {
  ++t.persons;
  if (Compliant(before)) ++t.compliant_before;
  if (Compliant(after)) ++t.compliant_after;
  if (before == compliance::Status::kExempt) ++t.exempt_before;
  if (after == compliance::Status::kExempt) ++t.exempt_after;
  if (before != after) ++t.changed;
  if (!Compliant(before) && Compliant(after)) ++t.to_compliant;
  if (Compliant(before) && !Compliant(after)) ++t.from_compliant;
}

}  // namespace

WhatIfResult RunWhatIf(ComplianceService& in_force, ComplianceService& candidate, int year,
                       const storage::PersonFilter& filter, size_t region_len, size_t max_flips) {
  std::vector<Before> before;
  std::vector<std::string> policy_ids;
  in_force.ForEachInYear(year, filter, false,
                         [&](const storage::PersonFacts& p, const compliance::YearResult& r) {
                           auto it = std::find(policy_ids.begin(), policy_ids.end(), r.policy_id);
                           if (it == policy_ids.end()) it = policy_ids.insert(it, r.policy_id);
                           before.push_back({p.person_id, r.status, r.counted_hours, r.required,
                                             static_cast<uint16_t>(it - policy_ids.begin())});
                         });
  WhatIfResult out;
  size_t cursor = 0;
  candidate.ForEachInYear(year, filter, false,
                          [&](const storage::PersonFacts& p, const compliance::YearResult& r) {
    // Both scans run in person id order; a person only one of them saw is skipped.
    while (cursor < before.size() && before[cursor].person_id < p.person_id) ++cursor;
    if (cursor == before.size() || before[cursor].person_id != p.person_id) return;
    const Before& b = before[cursor++];
    const compliance::Status after = r.status;
    ++out.before[std::string(compliance::StatusCode(b.status))];
    ++out.after[std::string(compliance::StatusCode(after))];
    ++out.policies_before[policy_ids[b.policy]];
    Count(out.total, b.status, after);
    Count(out.by_region[p.region_code.substr(0, std::min(region_len, p.region_code.size()))], b.status, after);
    Count(out.by_field[p.field], b.status, after);
    Count(out.by_title_level[std::string(records::TitleLevelCode(p.title_level))], b.status, after);
    Count(out.by_employer[p.employer_code], b.status, after);
    if (b.status != after && out.flips.size() < max_flips) {
      out.flips.push_back({p, b.status, after, b.counted, r.counted_hours, b.required, r.required,
                           policy_ids[b.policy]});
    }
  });
  return out;
}

}  // namespace jixu::app
