#pragma once
// Reading the parts every rule table shares: its id, its selector (category, form, topic,
// activity) and its label. Internal to the policy parser.
#include <string>
#include <string_view>

#include "core/policy/rules.hpp"
#include "core/policy/toml_reader.hpp"

namespace jixu::policy {

/// Lower-case letters, digits, '-', '_' and '.', at most 64 characters.
bool ValidId(std::string_view id);
Selector ReadSelector(TableReader& r);
/// label_zh / label_en, defaulting to a name built from the selector (公需科目, 自修 …).
Label ReadLabel(TableReader& r, const Selector& s);
std::string ReadRuleId(TableReader& r);

}  // namespace jixu::policy
