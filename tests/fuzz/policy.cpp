// The policy parser: any TOML text through Policy::Parse, and as a second file of a PolicySet
// beside the shipped national-2007 policy (so `extends` and the set's checks are reached).
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>

#include "core/policy/policy.hpp"
#include "core/policy/policy_set.hpp"

namespace {

std::string BasePolicy() {
  std::ifstream in(std::string(JIXU_SOURCE_DIR) + "/policies/national-2007.toml", std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string base = BasePolicy();
  const std::string text(reinterpret_cast<const char*>(data), size);
  (void)jixu::policy::Policy::Parse(text, "fuzz.toml");
  (void)jixu::policy::PolicySet::Load({{"national-2007.toml", base}, {"fuzz.toml", text}});
  return 0;
}
