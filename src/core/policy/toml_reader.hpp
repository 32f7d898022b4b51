#pragma once
// Strict reading of one TOML table: every getter marks its key as known, and Finish() reports
// any key nobody asked for, so a typo in a policy file ("totl") stops loading instead of being
// silently ignored. Errors carry "<file>:<key path>" in their field and the line in the message.
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "core/common/error.hpp"
#include "core/common/hours.hpp"
#include "core/policy/fraction.hpp"

namespace jixu::policy {

class TableReader {
 public:
  TableReader(const toml::table& table, std::string source, std::string path, Errors* errors);

  std::optional<std::string> String(std::string_view key);
  std::optional<int64_t> Int(std::string_view key, int64_t min, int64_t max);
  std::optional<bool> Bool(std::string_view key);
  std::optional<double> Number(std::string_view key);
  /// A non-negative number with at most two decimals; `scale` (hours per credit) multiplies it.
  std::optional<Hours> Amount(std::string_view key, Hours scale = Hours::FromWhole(1));
  /// "1/3", "2/3" or a number such as 0.5.
  std::optional<Fraction> Ratio(std::string_view key);
  /// A string or an array of strings.
  std::optional<std::vector<std::string>> Strings(std::string_view key);
  const toml::table* Table(std::string_view key);
  /// An array of tables ([[cap]]); empty when absent.
  std::vector<const toml::table*> Tables(std::string_view key);
  /// Marks every key as known; for tables whose keys are data (the lookup table).
  void AcceptAll() { accept_all_ = true; }

  /// Reports unknown keys. Call once after all getters.
  void Finish();

  void Fail(std::string_view key, std::string code, const std::string& zh, const std::string& en);
  std::string PathOf(std::string_view key) const;
  const std::string& source() const { return source_; }
  const std::string& path() const { return path_; }
  Errors* errors() const { return errors_; }
  const toml::table& table() const { return table_; }

 private:
  const toml::node* Get(std::string_view key);
  std::string Where(std::string_view key) const;
  void WrongType(std::string_view key, std::string_view expected_zh, std::string_view expected_en);

  const toml::table& table_;
  std::string source_;
  std::string path_;
  Errors* errors_;
  std::set<std::string, std::less<>> known_;
  bool accept_all_ = false;
};

/// Parses TOML text; a syntax error becomes an Error naming the file and line.
Result<toml::table> ParseTomlText(std::string_view text, std::string_view source);

}  // namespace jixu::policy
