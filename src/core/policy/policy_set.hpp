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
  static Result<PolicySet> Load(const std::vector<std::pair<std::string, std::string>>& files);

  /// The policy in force: the most specific jurisdiction match (region prefix, then industry/field)
  /// whose years cover `year`; falls back to the default (national-2007).
  const Policy& Select(std::string_view region_code, std::string_view field, int year) const;
  const Policy* Find(std::string_view id) const;
  const std::vector<std::shared_ptr<const Policy>>& all() const { return policies_; }

 private:
  std::vector<std::shared_ptr<const Policy>> policies_;
  std::shared_ptr<const Policy> default_;
};

}  // namespace jixu::policy
