#pragma once
// The rules of one policy, as parsed from its TOML file (docs/policies.md describes every key).
// Every amount is stored in HOURS even when the file speaks in credits (学分制): the parser
// multiplies credits by hours_per_credit, which is exact, so the engine has one unit and credits
// are derived only for display. Plain values; the engine (core/compliance) interprets them.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/common/hours.hpp"
#include "core/policy/fraction.hpp"
#include "core/records/types.hpp"

namespace jixu::policy {

enum class Unit : uint8_t { kHours, kCredits };

/// Which hours a rule looks at. Empty parts match anything.
struct Selector {
  uint8_t categories = 0;  ///< bit per records::Category; 0 = any
  uint32_t forms = 0;      ///< bit per records::Form; 0 = any
  std::string topic;       ///< a record's topic tag, exact; "" = any
  std::string activity;    ///< a record's activity key, exact, or a prefix ending in '*'

  bool NeedsRecords() const { return !topic.empty() || !activity.empty(); }
  bool IsCategoryOnly() const { return forms == 0 && !NeedsRecords(); }
  bool MatchesBucket(records::Category c, records::Form f) const {
    return (categories == 0 || (categories >> static_cast<int>(c) & 1u)) &&
           (forms == 0 || (forms >> static_cast<int>(f) & 1u));
  }
  /// `r` is null for a totals bucket, which never matches a topic or activity selector.
  bool Matches(records::Category c, records::Form f, const records::LearningRecord* r) const;
};

/// How a rule names its hours in sentences, e.g. 公需科目 / public subjects.
struct Label {
  std::string zh;
  std::string en;
};

/// Counts the selected hours at `rate` (self-study counts half).
struct Conversion {
  std::string id;
  Selector selector;
  Fraction rate;
  Label label;
};

enum class CapScope : uint8_t { kRecord, kDay, kPeriod };

/// At most `max` (or `max_share` of the required total) of the selected hours count.
struct Cap {
  std::string id;
  Selector selector;
  CapScope per = CapScope::kPeriod;
  std::optional<Hours> max;
  std::optional<Fraction> max_share;
  Label label;
};

/// At least `min` (or `min_share` of the required total) must come from the selected hours;
/// a mandatory topic is a minimum on a topic selector.
struct Minimum {
  std::string id;
  Selector selector;
  std::optional<Hours> min;
  std::optional<Fraction> min_share;
  bool waivable = true;  ///< false: still applies when a new entrant's total is waived
  Label label;
};

/// activity key -> fixed hours per record, or hours per recorded hour (lecturers 2 credits/h).
struct LookupEntry {
  std::string key;
  std::optional<Hours> fixed;
  std::optional<Fraction> per_hour;
};

/// N hours over the last K years (rolling), optionally of selected hours only.
struct Window {
  std::string id;
  int years = 0;
  Hours min;
  Selector selector;
  Label label;
};

struct Requirement {
  Hours total;                                  ///< per period (a year, or a whole cycle)
  std::array<std::optional<Hours>, 5> by_title;  ///< indexed by records::TitleLevel; replaces total
  std::vector<std::pair<std::string, Hours>> role_extra;  ///< role -> hours added
  int cycle_years = 1;
  int first_cycle_year = 0;  ///< cycles start at first_cycle_year + k * cycle_years
  Hours min_per_year;        ///< cycle policies: each year's own minimum
};

enum class ExemptionAction : uint8_t { kNone, kExempt, kProRata };

/// What an approved exemption of one kind does to the year it overlaps.
struct ExemptionRule {
  ExemptionAction action = ExemptionAction::kNone;
  int min_days = 1;  ///< kExempt: covering fewer days reduces pro rata instead
};

struct Rules {
  Unit unit = Unit::kHours;
  Hours hours_per_credit = Hours::FromWhole(1);
  Requirement requirement;
  std::vector<LookupEntry> lookup;
  bool dedupe_course_code = false;
  std::vector<Conversion> conversions;
  std::vector<Cap> caps;  ///< in evaluation order: record, day, period by form, period by category
  std::vector<Minimum> minimums;
  std::vector<Window> windows;
  Hours carry_over_max;  ///< zero: carry-over forbidden
  int grace_months = 0;
  bool pro_rata_new_entrants = false;
  int waive_from_month = 0;  ///< joined in this month or later: total waived; 0 = never
  std::array<ExemptionRule, 6> exemptions{};  ///< indexed by records::ExemptionKind
  /// Forms whose declared records the authority approves after the employer ([review]
  /// authority_forms); other declarations count once the employer approves them.
  std::vector<records::Form> authority_review_forms;
  /// What one person may declare ([review] max_hours_per_day, indexed by records::Form): the
  /// hours of a form on one day, summed over that day's declarations; unset = no daily limit.
  std::array<std::optional<Hours>, records::kFormCount> declare_max_per_day{};
  /// Forms whose declarations must come with evidence ([review] evidence_forms).
  std::vector<records::Form> evidence_forms;
  bool NeedsEvidence(records::Form f) const;

  const LookupEntry* FindLookup(std::string_view activity) const;
  bool IsCycle() const { return requirement.cycle_years > 1; }
};

/// Where and when a policy applies when chosen automatically (PolicySet::Select).
struct Scope {
  std::string region_prefix;  ///< GB/T 2260 prefix: "" national, "51" province, "5101" city
  std::string field;          ///< professional series / industry; "" = every field
  int from_year = 0;          ///< 0 = since always
  int to_year = 0;            ///< 0 = open-ended
  bool auto_select = true;    ///< false: chosen only by id

  bool CoversYear(int y) const {
    return (from_year == 0 || y >= from_year) && (to_year == 0 || y <= to_year);
  }
};

/// Employer education fund rates (Art. 21, 财建〔2006〕317号).
struct Funding {
  double employer_rate = 0.015;
  double high_skill_rate = 0.025;
};

}  // namespace jixu::policy
