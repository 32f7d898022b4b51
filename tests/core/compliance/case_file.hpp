#pragma once
// The rule-case format (tests/policy_cases/*.case; docs/policies.md "Adding a case"):
//
//   # comment
//   @policy national-2007        a shipped policy (policies/<id>.toml); "@policy *" = all of them
//   @policy                      an inline policy: TOML lines up to the next '@' line
//   @person                      key = value lines: title, joined, roles, region, field,
//                                exemption = <kind> <from> <to> [unapproved]
//   @records                     one per line: <date> <category> <form> <hours> [key=value ...]
//                                keys: topic activity course status id
//   @year 2024 as_of=2025-01-31 [carry_in=10]     EvaluateYear
//   @span 2022 2024 as_of=2025-06-30              EvaluateSpan
//   @promotion 2025 title_since=2020-06-01 as_of=…  (or licence=…)  CheckPromotion
//   @select region=510104 field=卫生 year=2024      PolicySet::Select
//   ----                         then expectations: `key = value` (hours compare as numbers),
//                                `key ~ substring`, `note = rule`, `no_note = rule`, `unmet = rule`
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/compliance/engine.hpp"

namespace jixu::testing {

struct Expectation {
  int line = 0;
  std::string key;
  char op = '=';  ///< '=' equal, '~' contains
  std::string value;
};

struct Query {
  int line = 0;
  std::string kind;                          ///< year, span, promotion, select
  std::vector<std::string> args;             ///< positional arguments
  std::map<std::string, std::string> opts;   ///< key=value arguments
  std::vector<Expectation> expect;
};

struct CaseFile {
  std::string path;
  std::vector<std::pair<std::string, std::string>> policies;  ///< (file name, TOML text)
  compliance::PersonContext person;
  std::vector<records::LearningRecord> records;
  std::vector<Query> queries;
};

/// Parses a case file; throws std::runtime_error("<file>:<line>: <reason>") on a malformed one.
CaseFile ParseCaseFile(const std::string& path, const std::string& text);

}  // namespace jixu::testing
