#pragma once
// The set of policies a deployment knows, loaded from TOML text (policies/*.toml) by the caller,
// and the choice of the policy in force for a person's jurisdiction and a year.
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/common/error.hpp"
#include "core/policy/policy.hpp"

namespace jixu::policy {

class PolicySet {
 public:
  /// Parses every (file name, TOML text) pair; all-or-nothing, errors name the file and key.
  /// A file may `extends = "<id>"` another of the set: its tables are merged over the base's
  /// (arrays of tables such as [[cap]] replace the base's wholesale). Exactly one policy must say
  /// `default = true`; ids must be unique; two auto-selected policies with the same jurisdiction
  /// and overlapping years are an error (the choice would be arbitrary).
  static Result<PolicySet> Load(const std::vector<std::pair<std::string, std::string>>& files);

  /// The policy in force: among auto-selectable policies whose scope covers the region (prefix),
  /// the field (or every field) and `year`, the longest region prefix wins, then a field-specific
  /// one over an all-field one; falls back to the default (national-2007), whose own [scope]
  /// is not consulted: it is the fallback for every year.
  const Policy& Select(std::string_view region_code, std::string_view field, int year) const;
  const Policy* Find(std::string_view id) const;
  const Policy& default_policy() const { return *default_; }
  const std::vector<std::shared_ptr<const Policy>>& all() const { return policies_; }

 private:
  std::vector<std::shared_ptr<const Policy>> policies_;
  std::shared_ptr<const Policy> default_;
};

}  // namespace jixu::policy
