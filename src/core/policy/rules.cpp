#include "core/policy/rules.hpp"

#include <algorithm>

namespace jixu::policy {

bool Selector::Matches(records::Category c, records::Form f,
                       const records::LearningRecord* r) const {
  if (!MatchesBucket(c, f)) return false;
  if (!NeedsRecords()) return true;
  if (r == nullptr) return false;
  if (!topic.empty() && r->topic != topic) return false;
  if (activity.empty()) return true;
  if (activity.back() == '*') {
    const std::string_view prefix(activity.data(), activity.size() - 1);
    return std::string_view(r->activity).substr(0, prefix.size()) == prefix;
  }
  return r->activity == activity;
}

const LookupEntry* Rules::FindLookup(std::string_view activity) const {
  if (activity.empty()) return nullptr;
  for (const LookupEntry& e : lookup) {
    if (e.key == activity) return &e;
  }
  return nullptr;
}

bool Rules::NeedsEvidence(records::Form f) const {
  return std::find(evidence_forms.begin(), evidence_forms.end(), f) != evidence_forms.end();
}

}  // namespace jixu::policy
