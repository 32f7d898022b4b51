#pragma once
// A small, strict command-line parser: `--name value`, `--name=value` and boolean `--flag`.
// Unknown options are errors (a typo must not silently change what a command does).
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace jixu::cli {

struct UsageError {
  std::string message;
};

class Args {
 public:
  /// `valued` options take a value, `flags` don't. Throws UsageError.
  Args(const std::vector<std::string>& argv, const std::set<std::string>& valued,
       const std::set<std::string>& flags);

  const std::vector<std::string>& positional() const { return positional_; }
  std::optional<std::string> Get(const std::string& name) const;
  std::string GetOr(const std::string& name, const std::string& fallback) const;
  bool Has(const std::string& name) const { return values_.count(name) > 0; }
  /// Integer option; throws UsageError naming the option when it is not a number in range.
  std::optional<int64_t> GetInt(const std::string& name, int64_t min, int64_t max) const;

 private:
  std::vector<std::string> positional_;
  std::map<std::string, std::string> values_;
};

}  // namespace jixu::cli
