#include "core/policy/policy_parser.hpp"

#include <algorithm>

#include "core/policy/rule_reader.hpp"
#include "core/policy/toml_reader.hpp"

namespace jixu::policy {
namespace {

constexpr int kMaxYear = 2200;

// Reads the tables of one policy file into Scope, Rules and Funding; errors accumulate.
class Parser {
 public:
  Parser(const toml::table& t, std::string_view source, Errors* errors)
      : top_(t, std::string(source), "", errors), errors_(errors) {}

  void Run(Scope& scope, Rules& rules, std::optional<Funding>& funding);
  TableReader& top() { return top_; }

 private:
  TableReader Sub(TableReader& parent, const toml::table& t, std::string_view key) {
    return TableReader(t, parent.source(), parent.PathOf(key), errors_);
  }
  void ReadScope(Scope& scope);
  void ReadRequirement(Rules& rules);
  void ReadConditional(TableReader& r, Requirement& q);
  void ReadLookup(Rules& rules);
  void ReadRuleArrays(Rules& rules);
  void ReadCap(TableReader& r, Rules& rules);
  void ReadMinimum(TableReader& r, Rules& rules);
  void ReadPeriodic(Rules& rules);
  void ReadExemptions(Rules& rules);
  void ReadFunding(std::optional<Funding>& funding);
  void ReadReview(Rules& rules);

  TableReader top_;
  Errors* errors_;
  Hours scale_ = Hours::FromWhole(1);  // hours per unit of the file's amounts
};

void Parser::ReadScope(Scope& scope) {
  const toml::table* t = top_.Table("scope");
  if (t == nullptr) return;
  TableReader r = Sub(top_, *t, "scope");
  scope.region_prefix = r.String("region_prefix").value_or("");
  if (scope.region_prefix.size() > 6 ||
      !std::all_of(scope.region_prefix.begin(), scope.region_prefix.end(),
                   [](char c) { return c >= '0' && c <= '9'; })) {
    r.Fail("region_prefix", "policy_bad_value", "应为0到6位数字的行政区划代码前缀",
           "must be a GB/T 2260 prefix of 0 to 6 digits");
  }
  scope.field = r.String("field").value_or("");
  scope.from_year = static_cast<int>(r.Int("from_year", 0, kMaxYear).value_or(0));
  scope.to_year = static_cast<int>(r.Int("to_year", 0, kMaxYear).value_or(0));
  scope.auto_select = r.Bool("auto_select").value_or(true);
  if (scope.to_year != 0 && scope.to_year < scope.from_year) {
    r.Fail("to_year", "policy_bad_value", "结束年份早于起始年份", "to_year is before from_year");
  }
  r.Finish();
}

void Parser::ReadRequirement(Rules& rules) {
  const toml::table* t = top_.Table("requirement");
  if (t == nullptr) {
    top_.Fail("requirement", "policy_missing_key", "缺少 [requirement] 表",
              "missing the [requirement] table");
    return;
  }
  TableReader r = Sub(top_, *t, "requirement");
  const std::string unit = r.String("unit").value_or("hours");
  if (unit == "credits") {
    rules.unit = Unit::kCredits;
    auto hpc = r.Amount("hours_per_credit");
    if (!hpc || hpc->IsZero()) {
      r.Fail("hours_per_credit", "policy_bad_value", "学分制须给出大于0的 hours_per_credit",
             "a credit policy needs hours_per_credit > 0");
    } else {
      rules.hours_per_credit = *hpc;
      scale_ = *hpc;
    }
  } else if (unit == "hours") {
    if (r.Amount("hours_per_credit")) {
      r.Fail("hours_per_credit", "policy_bad_value", "仅在 unit = \"credits\" 时使用",
             "only used with unit = \"credits\"");
    }
  } else {
    r.Fail("unit", "policy_bad_value", "应为 \"hours\" 或 \"credits\"", "must be \"hours\" or \"credits\"");
  }
  Requirement& q = rules.requirement;
  if (auto total = r.Amount("total", scale_)) {
    q.total = *total;
  } else {
    r.Fail("total", "policy_missing_key", "缺少 total（每周期应修）", "missing total (required per period)");
  }
  q.cycle_years = static_cast<int>(r.Int("cycle_years", 1, 10).value_or(1));
  q.first_cycle_year = static_cast<int>(r.Int("first_cycle_year", 1900, kMaxYear).value_or(0));
  q.min_per_year = r.Amount("min_per_year", scale_).value_or(Hours());
  if (q.cycle_years > 1 && q.first_cycle_year == 0) {
    r.Fail("first_cycle_year", "policy_missing_key", "多年周期须给出 first_cycle_year",
           "a multi-year cycle needs first_cycle_year");
  }
  ReadConditional(r, q);
  r.Finish();
}

// [requirement.by_title] replaces the total per title level; [requirement.by_role] adds to it.
void Parser::ReadConditional(TableReader& r, Requirement& q) {
  if (const toml::table* bt = r.Table("by_title")) {
    TableReader b = Sub(r, *bt, "by_title");
    for (const auto& [k, v] : *bt) {
      auto level = records::ParseTitleLevel(k.str());
      auto amount = b.Amount(k.str(), scale_);
      if (!level) {
        b.Fail(k.str(), "policy_bad_value", "未知的职称级别", "unknown title level");
      } else if (amount) {
        q.by_title[static_cast<size_t>(*level)] = *amount;
      }
    }
    b.Finish();
  }
  if (const toml::table* rt = r.Table("by_role")) {
    TableReader b = Sub(r, *rt, "by_role");
    for (const auto& [k, v] : *rt) {
      if (auto amount = b.Amount(k.str(), scale_)) q.role_extra.emplace_back(std::string(k.str()), *amount);
    }
    b.Finish();
  }
}

void Parser::ReadLookup(Rules& rules) {
  const toml::table* t = top_.Table("lookup");
  if (t == nullptr) return;
  TableReader r = Sub(top_, *t, "lookup");
  for (const auto& [k, v] : *t) {
    LookupEntry e;
    e.key = std::string(k.str());
    if (v.is_number()) {
      e.fixed = r.Amount(e.key, scale_);
    } else if (const toml::table* et = v.as_table()) {
      TableReader er = Sub(r, *et, e.key);
      r.Table(e.key);  // marks the key known
      e.fixed = er.Amount("hours", scale_);
      if (auto f = er.Ratio("per_hour")) e.per_hour = Fraction{f->num * scale_.centi(), f->den * Hours::kScale};
      if (e.fixed.has_value() == e.per_hour.has_value()) {
        er.Fail("hours", "policy_bad_value", "须且仅须给出 hours 或 per_hour 之一",
                "give exactly one of hours or per_hour");
      }
      er.Finish();
    } else {
      r.Fail(e.key, "policy_bad_value", "应为数值或 { hours = N } / { per_hour = R }",
             "expected a number, { hours = N } or { per_hour = R }");
    }
    rules.lookup.push_back(std::move(e));
  }
  r.Finish();
}

void Parser::ReadCap(TableReader& r, Rules& rules) {
  Cap c;
  c.id = ReadRuleId(r);
  c.selector = ReadSelector(r);
  const std::string per = r.String("per").value_or("period");
  if (per == "record") c.per = CapScope::kRecord;
  else if (per == "day") c.per = CapScope::kDay;
  else if (per != "period") {
    r.Fail("per", "policy_bad_value", "应为 record、day 或 period", "must be record, day or period");
  }
  c.max = r.Amount("max", scale_);
  // max_hours: always hours, for credit policies whose cap is set in hours (10 h a day).
  if (auto hours = r.Amount("max_hours")) {
    if (c.max) r.Fail("max_hours", "policy_bad_value", "max 与 max_hours 只能给出一个", "give max or max_hours, not both");
    c.max = hours;
  }
  c.max_share = r.Ratio("max_share");
  if (!c.max && !c.max_share) {
    r.Fail("max", "policy_missing_key", "上限须给出 max 或 max_share", "a cap needs max or max_share");
  }
  if (c.per != CapScope::kPeriod && c.max_share) {
    r.Fail("max_share", "policy_bad_value", "按记录或按日的上限只能用 max", "record and day caps take max only");
  }
  c.label = ReadLabel(r, c.selector);
  rules.caps.push_back(std::move(c));
}

void Parser::ReadMinimum(TableReader& r, Rules& rules) {
  Minimum m;
  m.id = ReadRuleId(r);
  m.selector = ReadSelector(r);
  m.min = r.Amount("min", scale_);
  if (auto hours = r.Amount("min_hours")) {
    if (m.min) r.Fail("min_hours", "policy_bad_value", "min 与 min_hours 只能给出一个", "give min or min_hours, not both");
    m.min = hours;
  }
  m.min_share = r.Ratio("min_share");
  m.waivable = r.Bool("waivable").value_or(true);
  if (!m.min && !m.min_share) {
    r.Fail("min", "policy_missing_key", "下限须给出 min 或 min_share", "a minimum needs min or min_share");
  }
  m.label = ReadLabel(r, m.selector);
  rules.minimums.push_back(std::move(m));
}

// Caps run record → day → period by form/topic → period by category (POLICY-RULES.md order).
int CapStage(const Cap& c) {
  if (c.per == CapScope::kRecord) return 0;
  if (c.per == CapScope::kDay) return 1;
  return c.selector.IsCategoryOnly() ? 3 : 2;
}

void Parser::ReadRuleArrays(Rules& rules) {
  for (const toml::table* t : top_.Tables("conversion")) {
    TableReader r = Sub(top_, *t, "conversion");
    Conversion c;
    c.id = ReadRuleId(r);
    c.selector = ReadSelector(r);
    if (auto rate = r.Ratio("rate")) c.rate = *rate;
    else r.Fail("rate", "policy_missing_key", "折算须给出 rate", "a conversion needs rate");
    c.label = ReadLabel(r, c.selector);
    rules.conversions.push_back(std::move(c));
    r.Finish();
  }
  for (const toml::table* t : top_.Tables("cap")) {
    TableReader r = Sub(top_, *t, "cap");
    ReadCap(r, rules);
    r.Finish();
  }
  std::stable_sort(rules.caps.begin(), rules.caps.end(),
                   [](const Cap& a, const Cap& b) { return CapStage(a) < CapStage(b); });
  for (const toml::table* t : top_.Tables("minimum")) {
    TableReader r = Sub(top_, *t, "minimum");
    ReadMinimum(r, rules);
    r.Finish();
  }
  for (const toml::table* t : top_.Tables("window")) {
    TableReader r = Sub(top_, *t, "window");
    Window w;
    w.id = ReadRuleId(r);
    w.selector = ReadSelector(r);
    w.years = static_cast<int>(r.Int("years", 1, 20).value_or(0));
    if (auto min = r.Amount("min", scale_)) w.min = *min;
    else r.Fail("min", "policy_missing_key", "滚动周期须给出 min", "a window needs min");
    if (w.years == 0) r.Fail("years", "policy_missing_key", "滚动周期须给出 years", "a window needs years");
    w.label = ReadLabel(r, w.selector);
    rules.windows.push_back(std::move(w));
    r.Finish();
  }
}

void Parser::ReadPeriodic(Rules& rules) {
  if (const toml::table* t = top_.Table("carry_over")) {
    TableReader r = Sub(top_, *t, "carry_over");
    rules.carry_over_max = r.Amount("max", scale_).value_or(Hours());
    r.Finish();
  }
  if (const toml::table* t = top_.Table("grace")) {
    TableReader r = Sub(top_, *t, "grace");
    rules.grace_months = static_cast<int>(r.Int("months", 0, 11).value_or(0));
    r.Finish();
  }
  if (const toml::table* t = top_.Table("new_entrants")) {
    TableReader r = Sub(top_, *t, "new_entrants");
    rules.pro_rata_new_entrants = r.Bool("pro_rata").value_or(false);
    rules.waive_from_month = static_cast<int>(r.Int("waive_from_month", 0, 12).value_or(0));
    r.Finish();
  }
  if (const toml::table* t = top_.Table("dedupe")) {
    TableReader r = Sub(top_, *t, "dedupe");
    rules.dedupe_course_code = r.Bool("course_code").value_or(false);
    r.Finish();
  }
  if (rules.IsCycle() && !rules.carry_over_max.IsZero()) {
    top_.Fail("carry_over", "policy_bad_value", "多年周期策略不支持结转",
              "carry-over is not supported with multi-year cycles");
  }
}

void Parser::ReadExemptions(Rules& rules) {
  const toml::table* t = top_.Table("exemptions");
  if (t == nullptr) return;
  TableReader r = Sub(top_, *t, "exemptions");
  for (const auto& [k, v] : *t) {
    const std::string key(k.str());
    auto kind = records::ParseExemptionKind(key);
    if (!kind) {
      r.Fail(key, "policy_unknown_key", "未知的免修类型", "unknown exemption kind");
      continue;
    }
    ExemptionRule& e = rules.exemptions[static_cast<size_t>(*kind)];
    std::string action;
    if (v.is_string()) {
      action = *r.String(key);
    } else if (const toml::table* et = r.Table(key)) {
      TableReader er = Sub(r, *et, key);
      action = er.String("action").value_or("");
      e.min_days = static_cast<int>(er.Int("min_days", 1, 366).value_or(1));
      er.Finish();
    }
    if (action == "exempt") e.action = ExemptionAction::kExempt;
    else if (action == "pro_rata") e.action = ExemptionAction::kProRata;
    else if (action == "none") e.action = ExemptionAction::kNone;
    else r.Fail(key, "policy_bad_value", "action 应为 exempt、pro_rata 或 none",
                "action must be exempt, pro_rata or none");
  }
  r.Finish();
}

void Parser::ReadFunding(std::optional<Funding>& funding) {
  const toml::table* t = top_.Table("funding");
  if (t == nullptr) return;
  TableReader r = Sub(top_, *t, "funding");
  Funding f;
  f.employer_rate = r.Number("employer_rate").value_or(f.employer_rate);
  f.high_skill_rate = r.Number("high_skill_rate").value_or(f.high_skill_rate);
  // A rate above 10% of payroll is the seed's lost decimal point (15% for 1.5%), not a policy.
  constexpr double kMaxRate = 0.1;
  for (auto [key, v] : {std::pair{"employer_rate", f.employer_rate}, {"high_skill_rate", f.high_skill_rate}}) {
    if (!(v > 0) || v > kMaxRate) {
      r.Fail(key, "policy_bad_value", "应为0到0.1之间的比例（1.5% 写作 0.015）",
             "must be a share between 0 and 0.1 (write 1.5% as 0.015)");
    }
  }
  funding = f;
  r.Finish();
}

void Parser::ReadReview(Rules& rules) {
  const toml::table* t = top_.Table("review");
  if (t == nullptr) return;
  TableReader r = Sub(top_, *t, "review");
  auto forms = [&r](const char* key, std::vector<records::Form>& out) {
    for (const std::string& code : r.Strings(key).value_or(std::vector<std::string>{})) {
      if (auto form = records::ParseForm(code)) {
        out.push_back(*form);
      } else {
        r.Fail(key, "policy_bad_value", "未知的培训形式：" + code, "unknown form: " + code);
      }
    }
  };
  forms("authority_forms", rules.authority_review_forms);
  forms("evidence_forms", rules.evidence_forms);
  // Always hours, even in a credit policy: a day has hours, not credits.
  if (const toml::table* daily = r.Table("max_hours_per_day")) {
    TableReader d = Sub(r, *daily, "max_hours_per_day");
    constexpr int64_t kHoursInADay = 24;
    for (const auto& [k, v] : *daily) {
      const std::string key(k.str());
      auto form = records::ParseForm(key);
      auto hours = d.Amount(key);
      if (!form) {
        d.Fail(key, "policy_unknown_key", "未知的培训形式：" + key, "unknown form: " + key);
      } else if (hours && (hours->IsZero() || *hours > Hours::FromWhole(kHoursInADay))) {
        d.Fail(key, "policy_bad_value", "每日学时上限须大于0且不超过24", "a daily maximum is more than 0 and at most 24 hours");
      } else if (hours) {
        rules.declare_max_per_day[static_cast<size_t>(*form)] = *hours;
      }
    }
    d.Finish();
  }
  r.Finish();
}

void Parser::Run(Scope& scope, Rules& rules, std::optional<Funding>& funding) {
  ReadScope(scope);
  ReadRequirement(rules);  // first: it sets the unit every later amount is read in
  ReadLookup(rules);
  ReadRuleArrays(rules);
  ReadPeriodic(rules);
  ReadExemptions(rules);
  ReadFunding(funding);
  ReadReview(rules);
}

bool ComputeNeedsRecords(const Rules& rules) {
  auto any_selector = [](const auto& list) {
    return std::any_of(list.begin(), list.end(),
                       [](const auto& rule) { return rule.selector.NeedsRecords(); });
  };
  const bool record_caps = std::any_of(rules.caps.begin(), rules.caps.end(),
                                       [](const Cap& c) { return c.per != CapScope::kPeriod; });
  return record_caps || !rules.lookup.empty() || rules.dedupe_course_code ||
         rules.grace_months > 0 || any_selector(rules.caps) || any_selector(rules.minimums) ||
         any_selector(rules.conversions) || any_selector(rules.windows);
}

}  // namespace

Result<Policy> PolicyBuilder::Build(const toml::table& table, std::string_view source) {
  Errors errors;
  Policy p;
  p.source_ = std::string(source);
  Parser parser(table, source, &errors);
  TableReader& top = parser.top();
  p.id_ = top.String("id").value_or("");
  if (!ValidId(p.id_)) {
    top.Fail("id", "policy_bad_value", "策略须有 id（小写字母、数字、-、_、.）",
             "a policy needs an id (lower-case letters, digits, -, _, .)");
  }
  p.name_zh_ = top.String("name_zh").value_or(p.id_);
  p.name_en_ = top.String("name_en").value_or(p.id_);
  p.description_ = top.String("description").value_or("");
  p.legal_source_ = top.String("legal_source").value_or("");
  p.is_default_ = top.Bool("default").value_or(false);
  if (top.String("extends")) {
    top.Fail("extends", "policy_bad_value", "extends 只能通过策略集加载（PolicySet::Load）解析",
             "extends is resolved only when loading a policy set (PolicySet::Load)");
  }
  parser.Run(p.scope_, p.rules_, p.funding_);
  top.Finish();
  if (!errors.empty()) {
    // A misspelt key also makes the real key look missing; the misspelling is the cause.
    std::stable_partition(errors.begin(), errors.end(),
                          [](const Error& e) { return e.code == "policy_unknown_key"; });
    Error first = errors.front();
    if (errors.size() > 1) {
      first.message_zh += "（另有" + std::to_string(errors.size() - 1) + "处错误）";
      first.message_en += " (and " + std::to_string(errors.size() - 1) + " more)";
    }
    return first;
  }
  p.needs_records_ = ComputeNeedsRecords(p.rules_);
  return p;
}

}  // namespace jixu::policy
