#pragma once
// Builds a Policy from a parsed TOML table. Internal to the policy engine: Policy::Parse and
// PolicySet::Load (which first merges a file with the base it `extends`) call it.
#include <string_view>

#include <toml++/toml.h>

#include "core/common/error.hpp"
#include "core/policy/policy.hpp"

namespace jixu::policy {

class PolicyBuilder {
 public:
  static Result<Policy> Build(const toml::table& table, std::string_view source);
};

}  // namespace jixu::policy
