#pragma once
// Declaring `jixu` commands with CLI11: the checks every command's options share, so that a bad
// value gets the same clear message (naming the option, the allowed values and what was given)
// wherever it is used. Only the command files (cmd_*.cpp) and cli.cpp include this.
#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <vector>

namespace jixu::cli {

/// A whole number from `min` to `max` (no sign tricks, no trailing text).
CLI::Validator WholeNumber(int64_t min, int64_t max);

/// One of `words`, spelled exactly.
CLI::Validator OneOf(std::vector<std::string> words);

/// --region, --employer and --field: which persons a report covers (storage::PersonFilter).
void AddPersonFilterOptions(CLI::App& command, std::string& region_prefix,
                            std::string& employer_code, std::string& field);

}  // namespace jixu::cli
