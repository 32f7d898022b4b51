#pragma once
// Reminders and notices (issue 13 item 3): the rules, as data (data/reminders.toml), and the
// words of every notice, in Chinese and English. Pure: the runner (app/notify/) hands in the
// date it runs for, so a test can move a fake clock across the trigger dates.
//
// A rule fires once per (rule, period, recipient): the period of a dated rule is its trigger
// date ("2026-09-30"), of an overdue-review rule the declaration ("record:<id>"). The notices
// table keeps that key unique, so a run repeated on the same day, or the next day inside the
// rule's window, sends nothing twice.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/date.hpp"
#include "core/common/error.hpp"
#include "core/compliance/engine.hpp"

namespace jixu::notify {

enum class RuleKind : uint8_t {
  kPersonShortfall,  ///< a person short of hours on a trigger date gets what is missing
  kEmployerDigest,   ///< an employer (its admins) gets the list of its staff who are short
  kReviewOverdue,    ///< a declaration waiting longer than after_days reminds its reviewer
};
std::string_view RuleKindCode(RuleKind k);  ///< "person_shortfall", "employer_digest", "review_overdue"

struct MonthDay {
  int month = 0;
  int day = 0;
};

struct ReminderRule {
  std::string id;
  RuleKind kind = RuleKind::kPersonShortfall;
  std::vector<MonthDay> dates;  ///< dated kinds: trigger dates in every year
  /// Dated kinds: a run this many days after a trigger date still sends (a missed run catches up).
  int window_days = 30;
  int after_days = 14;  ///< review_overdue: days a declaration may wait
};

/// Parses the rules file (TOML, `[[rule]]` tables). Errors name the rule and the key.
Result<std::vector<ReminderRule>> ParseReminderRules(std::string_view toml_text,
                                                     std::string_view source);

/// The trigger date a dated rule fires for on `today`: the latest of its dates in today's year
/// that is not after today and at most window_days before it; nullopt otherwise.
std::optional<Date> DueTrigger(const ReminderRule& rule, Date today);

/// The words of one notice.
struct NoticeText {
  std::string subject_zh;
  std::string body_zh;
  std::string subject_en;
  std::string body_en;
};

/// What a person short of hours on `trigger` is told: required, counted, missing (hours, or
/// credits under a credit policy), what the rules did to the hours (public hours beyond the cap,
/// conversions), and every minimum not met (public/professional shares, mandatory topics) as the
/// engine explained it. `result` must be explained (EvaluateYear with
/// explain = true).
NoticeText ShortfallNotice(const compliance::YearResult& result, Date trigger);

/// One line of an employer's digest.
struct DigestLine {
  std::string name;
  Hours counted;
  Hours shortfall;
};

/// An employer's digest: how many staff are short on `trigger` and who (the first `max_lines`,
/// most missing first; the rest counted).
NoticeText DigestNotice(std::string_view employer_name, int year, Date trigger,
                        const std::vector<DigestLine>& short_staff, size_t total_short,
                        size_t max_lines = 50);

/// A reviewer's reminder of a declaration waiting since `declared`.
NoticeText OverdueNotice(std::string_view person_name, std::string_view record_title,
                         Date declared, int days_waiting, bool authority_stage);

/// 催办: an authority's notice to an employer, its own words framed with who sent it.
NoticeText UrgeNotice(std::string_view authority, std::string_view subject,
                      std::string_view message);

}  // namespace jixu::notify
