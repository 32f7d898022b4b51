// Reminder rules and the words of notices (reminders.hpp).
#include "core/notify/reminders.hpp"

#include <algorithm>
#include <toml++/toml.h>

namespace jixu::notify {

std::string_view RuleKindCode(RuleKind k) {
  switch (k) {
    case RuleKind::kPersonShortfall: return "person_shortfall";
    case RuleKind::kEmployerDigest: return "employer_digest";
    case RuleKind::kReviewOverdue: return "review_overdue";
  }
  return "person_shortfall";
}

namespace {

Error RuleError(std::string_view source, const std::string& where, const std::string& zh,
                const std::string& en) {
  return MakeError("invalid_reminder_rules", where, std::string(source) + ": " + zh,
                   std::string(source) + ": " + en);
}

std::optional<MonthDay> ParseMonthDay(std::string_view s) {
  if (s.size() != 5 || s[2] != '-') return std::nullopt;
  auto digit = [&](size_t i) { return s[i] >= '0' && s[i] <= '9' ? s[i] - '0' : -1; };
  for (size_t i : {0, 1, 3, 4}) {
    if (digit(i) < 0) return std::nullopt;
  }
  MonthDay md{digit(0) * 10 + digit(1), digit(3) * 10 + digit(4)};
  // 2024 is a leap year: 02-29 is accepted and fires on 02-28 in other years (DueTrigger).
  if (md.month < 1 || md.month > 12 || md.day < 1 || md.day > DaysInMonth(2024, md.month)) {
    return std::nullopt;
  }
  return md;
}

std::string Num(Hours h) { return h.ToString(); }

}  // namespace

Result<std::vector<ReminderRule>> ParseReminderRules(std::string_view toml_text,
                                                     std::string_view source) {
  toml::table doc;
  try {
    doc = toml::parse(toml_text, source);
  } catch (const toml::parse_error& e) {
    return RuleError(source, "", std::string("TOML 语法错误：") + std::string(e.description()),
                     std::string("TOML syntax error: ") + std::string(e.description()));
  }
  std::vector<ReminderRule> out;
  const toml::array* rules = doc["rule"].as_array();
  if (rules == nullptr) {
    return RuleError(source, "rule", "缺少 [[rule]] 表", "no [[rule]] tables");
  }
  for (size_t i = 0; i < rules->size(); ++i) {
    const toml::table* t = (*rules)[i].as_table();
    const std::string where = "rule[" + std::to_string(i) + "]";
    if (t == nullptr) return RuleError(source, where, "须为表", "must be a table");
    ReminderRule r;
    r.id = (*t)["id"].value_or(std::string());
    if (r.id.empty() || r.id.size() > 64) {
      return RuleError(source, where + ".id", "id 不能为空且不超过64个字符",
                       "id must be 1 to 64 characters");
    }
    for (const auto& other : out) {
      if (other.id == r.id) {
        return RuleError(source, where + ".id", "规则 id 重复：" + r.id, "duplicate rule id: " + r.id);
      }
    }
    const std::string kind = (*t)["kind"].value_or(std::string());
    if (kind == "person_shortfall") r.kind = RuleKind::kPersonShortfall;
    else if (kind == "employer_digest") r.kind = RuleKind::kEmployerDigest;
    else if (kind == "review_overdue") r.kind = RuleKind::kReviewOverdue;
    else {
      return RuleError(source, where + ".kind",
                       "kind 须为 person_shortfall、employer_digest 或 review_overdue",
                       "kind must be person_shortfall, employer_digest or review_overdue");
    }
    if (r.kind == RuleKind::kReviewOverdue) {
      r.after_days = static_cast<int>((*t)["after_days"].value_or(int64_t{14}));
      if (r.after_days < 1 || r.after_days > 365) {
        return RuleError(source, where + ".after_days", "after_days 须在1到365之间",
                         "after_days must be 1 to 365");
      }
    } else {
      const toml::array* dates = (*t)["dates"].as_array();
      if (dates == nullptr || dates->empty()) {
        return RuleError(source, where + ".dates", "须列出提醒日期（如 \"09-30\"）",
                         "must list trigger dates (e.g. \"09-30\")");
      }
      for (const auto& d : *dates) {
        auto md = ParseMonthDay(d.value_or(std::string()));
        if (!md) {
          return RuleError(source, where + ".dates", "日期须为 MM-DD", "dates must be MM-DD");
        }
        r.dates.push_back(*md);
      }
      r.window_days = static_cast<int>((*t)["window_days"].value_or(int64_t{30}));
      if (r.window_days < 1 || r.window_days > 366) {
        return RuleError(source, where + ".window_days", "window_days 须在1到366之间",
                         "window_days must be 1 to 366");
      }
    }
    out.push_back(std::move(r));
  }
  return out;
}

std::optional<Date> DueTrigger(const ReminderRule& rule, Date today) {
  std::optional<Date> best;
  for (const MonthDay& md : rule.dates) {
    const int day = std::min(md.day, DaysInMonth(today.year(), md.month));
    const Date d = *Date::FromYmd(today.year(), md.month, day);
    if (d > today || today.days() - d.days() >= rule.window_days) continue;
    if (!best || d > *best) best = d;
  }
  return best;
}

NoticeText ShortfallNotice(const compliance::YearResult& r, Date trigger) {
  NoticeText t;
  const std::string date = trigger.ToString();
  const std::string year = std::to_string(r.year);
  t.subject_zh = year + "年度继续教育学时不足提醒";
  t.subject_en = "Continuing education: hours missing for " + year;
  if (r.required_credits) {
    t.body_zh = "截至" + date + "，您" + year + "年度继续教育应修" + Num(*r.required_credits) +
                "学分，已计入" + Num(r.counted_credits.value_or(Hours())) + "学分，尚差" +
                Num(r.shortfall_credits.value_or(Hours())) + "学分。";
    t.body_en = "As of " + date + ", your " + year + " continuing education requires " +
                Num(*r.required_credits) + " credits; " + Num(r.counted_credits.value_or(Hours())) +
                " are counted, " + Num(r.shortfall_credits.value_or(Hours())) + " are missing.";
  } else {
    t.body_zh = "截至" + date + "，您" + year + "年度继续教育应修" + Num(r.required) + "学时，已计入" +
                Num(r.counted_hours) + "学时（专业科目" + Num(r.professional_hours) + "学时，公需科目" +
                Num(r.public_hours) + "学时），尚差" + Num(r.shortfall_hours) + "学时。";
    t.body_en = "As of " + date + ", your " + year + " continuing education requires " +
                Num(r.required) + " hours; " + Num(r.counted_hours) + " are counted (professional " +
                Num(r.professional_hours) + ", public " + Num(r.public_hours) + "), " +
                Num(r.shortfall_hours) + " are missing.";
  }
  // What the rules did to the hours (a cap, a conversion), then every minimum not met.
  for (const compliance::Note& n : r.notes) {
    t.body_zh += "\n- " + n.zh;
    t.body_en += "\n- " + n.en;
  }
  for (const compliance::Note& n : r.unmet) {
    t.body_zh += "\n- " + n.zh;
    t.body_en += "\n- " + n.en;
  }
  t.body_zh += "\n请在年度结束前完成学习并登记学时（政策：" + r.policy_id + "）。";
  t.body_en += "\nPlease complete and record your learning before the year ends (policy: " +
               r.policy_id + ").";
  return t;
}

NoticeText DigestNotice(std::string_view employer_name, int year, Date trigger,
                        const std::vector<DigestLine>& short_staff, size_t total_short,
                        size_t max_lines) {
  NoticeText t;
  const std::string y = std::to_string(year);
  const std::string n = std::to_string(total_short);
  t.subject_zh = std::string(employer_name) + "：" + y + "年度" + n + "名人员学时不足";
  t.subject_en = std::string(employer_name) + ": " + n + " staff short of hours for " + y;
  t.body_zh = "截至" + trigger.ToString() + "，本单位有" + n + "名专业技术人员" + y +
              "年度继续教育学时未达要求：";
  t.body_en = "As of " + trigger.ToString() + ", " + n + " of your staff have not met the " + y +
              " continuing education requirement:";
  std::vector<const DigestLine*> lines;
  for (const auto& l : short_staff) lines.push_back(&l);
  std::stable_sort(lines.begin(), lines.end(), [](const DigestLine* a, const DigestLine* b) {
    return a->shortfall.centi() > b->shortfall.centi();
  });
  for (size_t i = 0; i < lines.size() && i < max_lines; ++i) {
    const DigestLine& l = *lines[i];
    t.body_zh += "\n- " + l.name + "：已计入" + Num(l.counted) + "学时，尚差" + Num(l.shortfall) + "学时";
    t.body_en += "\n- " + l.name + ": " + Num(l.counted) + " hours counted, " + Num(l.shortfall) +
                 " missing";
  }
  if (total_short > std::min(lines.size(), max_lines)) {
    const std::string rest = std::to_string(total_short - std::min(lines.size(), max_lines));
    t.body_zh += "\n……另有" + rest + "人，详见单位达标情况页面。";
    t.body_en += "\n… and " + rest + " more: see the employer's compliance page.";
  }
  return t;
}

NoticeText OverdueNotice(std::string_view person_name, std::string_view record_title,
                         Date declared, int days_waiting, bool authority_stage) {
  NoticeText t;
  const std::string days = std::to_string(days_waiting);
  t.subject_zh = "学时申报待审核已" + days + "天";
  t.subject_en = "A declaration has waited " + days + " days for review";
  t.body_zh = std::string(person_name) + "于" + declared.ToString() + "申报的学时「" +
              std::string(record_title) + "」已等待" + (authority_stage ? "主管部门" : "单位") +
              "审核" + days + "天，请尽快处理。";
  t.body_en = std::string(person_name) + "'s declaration \"" + std::string(record_title) +
              "\" of " + declared.ToString() + " has waited " + days + " days for " +
              (authority_stage ? "the authority's" : "the employer's") + " review.";
  return t;
}

NoticeText UrgeNotice(std::string_view authority, std::string_view subject,
                      std::string_view message) {
  NoticeText t;
  t.subject_zh = "【催办】" + std::string(subject);
  t.subject_en = "[Reminder from the authority] " + std::string(subject);
  t.body_zh = std::string(message) + "\n——" + std::string(authority);
  t.body_en = std::string(message) + "\n— " + std::string(authority);
  return t;
}

}  // namespace jixu::notify
