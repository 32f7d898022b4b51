#pragma once
// A continuing-education policy, parsed from a TOML file (docs/policies.md). Owned by the policy
// engine; see policy_set.hpp for how one is chosen and core/compliance for how it is evaluated.
#include <optional>
#include <string>
#include <string_view>

#include "core/common/error.hpp"
#include "core/policy/rules.hpp"

namespace jixu::policy {

class Policy {
 public:
  /// Parses one policy file's text; `source` (the file name) prefixes every error's field, e.g.
  /// "national-2007.toml:requirement.totl". Strict: an unknown key is an error. A file using
  /// `extends` can only be parsed through PolicySet::Load, which knows the base.
  static Result<Policy> Parse(std::string_view toml_text, std::string_view source);

  const std::string& id() const { return id_; }
  /// True when some rule needs record-level detail (per-record or per-day caps, mandatory topics,
  /// lookup tables, no-double-counting, grace periods); otherwise the year totals suffice.
  bool NeedsRecords() const { return needs_records_; }

  const std::string& name_zh() const { return name_zh_; }
  const std::string& name_en() const { return name_en_; }
  const std::string& description() const { return description_; }
  const std::string& legal_source() const { return legal_source_; }
  const std::string& source() const { return source_; }  ///< file it came from
  bool is_default() const { return is_default_; }
  const Scope& scope() const { return scope_; }
  const Rules& rules() const { return rules_; }
  const std::optional<Funding>& funding() const { return funding_; }
  bool UsesCredits() const { return rules_.unit == Unit::kCredits; }
  /// Hours expressed in the policy's unit (credits = hours / hours_per_credit, to 0.01).
  Hours ToUnit(Hours h) const;

 private:
  friend class PolicyBuilder;  // the parser fills the fields

  std::string id_;
  std::string name_zh_;
  std::string name_en_;
  std::string description_;
  std::string legal_source_;
  std::string source_;
  bool is_default_ = false;
  bool needs_records_ = false;
  Scope scope_;
  Rules rules_;
  std::optional<Funding> funding_;
};

}  // namespace jixu::policy
