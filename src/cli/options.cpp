#include "cli/options.hpp"

#include <algorithm>
#include <charconv>

namespace jixu::cli {

CLI::Validator WholeNumber(int64_t min, int64_t max) {
  const std::string range = std::to_string(min) + ".." + std::to_string(max);
  return CLI::Validator(
      [min, max](std::string& v) -> std::string {
        int64_t out = 0;
        auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
        if (ec != std::errc() || ptr != v.data() + v.size() || out < min || out > max) {
          return "must be a whole number from " + std::to_string(min) + " to " +
                 std::to_string(max) + ", not '" + v + "'";
        }
        return {};
      },
      range);
}

CLI::Validator OneOf(std::vector<std::string> words) {
  std::string list;
  for (const auto& w : words) list += (list.empty() ? "" : "|") + w;
  return CLI::Validator(
      [words, list](std::string& v) -> std::string {
        if (std::find(words.begin(), words.end(), v) != words.end()) return {};
        return "must be " + list + ", not '" + v + "'";
      },
      list);
}

void AddPersonFilterOptions(CLI::App& command, std::string& region_prefix,
                            std::string& employer_code, std::string& field) {
  command.add_option("--region", region_prefix, "only persons whose region code starts with this");
  command.add_option("--employer", employer_code, "only this employer's persons (credit code)");
  command.add_option("--field", field, "only persons of this professional field");
}

}  // namespace jixu::cli
