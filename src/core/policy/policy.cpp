#include "core/policy/policy.hpp"

#include "core/policy/policy_parser.hpp"
#include "core/policy/toml_reader.hpp"

namespace jixu::policy {

Result<Policy> Policy::Parse(std::string_view toml_text, std::string_view source) {
  Result<toml::table> table = ParseTomlText(toml_text, source);
  if (!table) return table.error();
  return PolicyBuilder::Build(table.value(), source);
}

Hours Policy::ToUnit(Hours h) const {
  if (rules_.unit == Unit::kHours) return h;
  return Fraction{Hours::kScale, rules_.hours_per_credit.centi()}.Of(h);
}

}  // namespace jixu::policy
