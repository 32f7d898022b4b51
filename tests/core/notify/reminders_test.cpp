// Reminder rules as data and their trigger dates (core/notify/reminders.hpp).
#include "core/notify/reminders.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace jixu::notify {
namespace {

Date D(int y, int m, int d) { return *Date::FromYmd(y, m, d); }

ReminderRule Dated(std::vector<MonthDay> dates, int window) {
  return ReminderRule{"t", RuleKind::kPersonShortfall, std::move(dates), window, 14};
}

TEST(ReminderRules, DueTriggerIsTheLatestDateInsideTheWindow) {
  const auto r = Dated({{9, 30}, {11, 30}}, 30);
  EXPECT_EQ(DueTrigger(r, D(2026, 9, 29)), std::nullopt);
  EXPECT_EQ(DueTrigger(r, D(2026, 9, 30)), D(2026, 9, 30));
  EXPECT_EQ(DueTrigger(r, D(2026, 10, 29)), D(2026, 9, 30));  // day 29 of the window
  EXPECT_EQ(DueTrigger(r, D(2026, 10, 30)), std::nullopt);    // day 30: over
  EXPECT_EQ(DueTrigger(r, D(2026, 12, 1)), D(2026, 11, 30));
  EXPECT_EQ(DueTrigger(r, D(2027, 1, 5)), std::nullopt);      // a new year starts afresh
  // 29 February fires on the 28th in other years.
  EXPECT_EQ(DueTrigger(Dated({{2, 29}}, 5), D(2027, 2, 28)), D(2027, 2, 28));
  EXPECT_EQ(DueTrigger(Dated({{2, 29}}, 5), D(2028, 2, 28)), std::nullopt);
}

TEST(ReminderRules, TheShippedFileParses) {
  std::ifstream in(std::string(JIXU_SOURCE_DIR) + "/data/reminders.toml");
  std::stringstream text;
  text << in.rdbuf();
  auto rules = ParseReminderRules(text.str(), "reminders.toml");
  ASSERT_TRUE(rules) << rules.error().message_en;
  ASSERT_EQ(rules.value().size(), 3u);
  EXPECT_EQ(rules.value()[0].kind, RuleKind::kPersonShortfall);
  EXPECT_EQ(rules.value()[2].kind, RuleKind::kReviewOverdue);
  EXPECT_EQ(rules.value()[2].after_days, 14);
}

TEST(ReminderRules, ErrorsNameTheRuleAndTheKey) {
  auto bad_date = ParseReminderRules("[[rule]]\nid = \"a\"\nkind = \"person_shortfall\"\ndates = [\"13-01\"]\n", "r.toml");
  ASSERT_FALSE(bad_date);
  EXPECT_EQ(bad_date.error().field, "rule[0].dates");
  auto bad_kind = ParseReminderRules("[[rule]]\nid = \"a\"\nkind = \"weekly\"\n", "r.toml");
  ASSERT_FALSE(bad_kind);
  EXPECT_EQ(bad_kind.error().field, "rule[0].kind");
  EXPECT_NE(bad_kind.error().message_zh.find("r.toml"), std::string::npos);
  auto dup = ParseReminderRules(
      "[[rule]]\nid = \"a\"\nkind = \"review_overdue\"\n[[rule]]\nid = \"a\"\nkind = \"review_overdue\"\n", "r.toml");
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().field, "rule[1].id");
  EXPECT_FALSE(ParseReminderRules("[[rule]\n", "r.toml"));
}

TEST(ReminderText, ShortfallNamesWhatIsMissing) {
  compliance::YearResult r;
  r.year = 2026;
  r.policy_id = "national-2015";
  r.required = Hours::FromCenti(9000);
  r.counted_hours = Hours::FromCenti(4000);
  r.professional_hours = Hours::FromCenti(1000);
  r.public_hours = Hours::FromCenti(3000);
  r.shortfall_hours = Hours::FromCenti(5000);
  r.unmet.push_back({"professional_share", {}, {}, "专业科目应不少于60学时，已有10学时", "professional: 10 of 60"});
  const auto t = ShortfallNotice(r, D(2026, 9, 30));
  EXPECT_EQ(t.body_zh.substr(0, t.body_zh.find('\n')),
            "截至2026-09-30，您2026年度继续教育应修90学时，已计入40学时（专业科目10学时，公需科目30学时），尚差50学时。");
  EXPECT_NE(t.body_zh.find("\n- 专业科目应不少于60学时"), std::string::npos);
  EXPECT_NE(t.body_zh.find("national-2015"), std::string::npos);
}

}  // namespace
}  // namespace jixu::notify
