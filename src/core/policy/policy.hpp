#pragma once
// A continuing-education policy, parsed from a TOML file (docs/policies.md). Owned by the policy
// engine; see policy_set.hpp for how one is chosen.
#include <string>
#include <string_view>

#include "core/common/error.hpp"

namespace jixu::policy {

class Policy {
 public:
  /// Parses one policy file's text; `source` (the file name) prefixes every error's field.
  static Result<Policy> Parse(std::string_view toml_text, std::string_view source);

  const std::string& id() const { return id_; }
  /// True when some rule needs record-level detail (per-record or per-day caps, mandatory topics,
  /// lookup tables, no-double-counting, grace periods); otherwise the year totals suffice.
  bool NeedsRecords() const { return needs_records_; }

 private:
  std::string id_;
  bool needs_records_ = false;
};

}  // namespace jixu::policy
