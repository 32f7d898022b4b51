// One driver for every rule case in tests/policy_cases/*.case (format: case_file.hpp and
// docs/policies.md). Each file is one named test; adding a case needs no C++.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>

#include "core/compliance/case_file.hpp"
#include "core/compliance/engine.hpp"
#include "core/compliance/promotion.hpp"
#include "core/compliance/span.hpp"
#include "core/policy/policy_files.hpp"
#include "core/policy/policy_set.hpp"

namespace jixu::testing {
namespace {

using compliance::PeriodResult;
using compliance::YearInput;
using compliance::YearResult;
using Facts = std::map<std::string, std::string>;

std::vector<std::string> CaseFiles() {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(SourceDir() / "tests/policy_cases")) {
    if (e.path().extension() == ".case") out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

template <typename T>
std::string Join(const std::vector<T>& v, std::string (*f)(const T&)) {
  std::string s;
  for (const T& x : v) s += (s.empty() ? "" : ",") + f(x);
  return s;
}
std::string RuleOf(const compliance::Note& n) { return n.rule; }
std::string IntOf(const int& i) { return std::to_string(i); }

void AddPeriod(const std::string& prefix, const PeriodResult& p, Facts& f) {
  f[prefix + "status"] = compliance::StatusCode(p.status);
  f[prefix + "required"] = p.required.ToString();
  f[prefix + "counted"] = p.counted.ToString();
  f[prefix + "shortfall"] = p.shortfall.ToString();
  f[prefix + "from"] = std::to_string(p.from_year);
  f[prefix + "notes"] = Join(p.notes, RuleOf);
  f[prefix + "unmet"] = Join(p.unmet, RuleOf);
  f[prefix + "zh"] = p.sentence_zh;
  f[prefix + "en"] = p.sentence_en;
  if (p.counted_credits) f[prefix + "counted_credits"] = p.counted_credits->ToString();
}

void AddYear(const std::string& prefix, const YearResult& r, Facts& f) {
  f[prefix + "status"] = compliance::StatusCode(r.status);
  f[prefix + "policy"] = r.policy_id;
  f[prefix + "required"] = r.required.ToString();
  f[prefix + "counted"] = r.counted_hours.ToString();
  f[prefix + "shortfall"] = r.shortfall_hours.ToString();
  f[prefix + "professional_hours"] = r.professional_hours.ToString();
  f[prefix + "public_hours"] = r.public_hours.ToString();
  f[prefix + "carry_in"] = r.carry_in.ToString();
  f[prefix + "carry_out"] = r.carry_out.ToString();
  Hours grace;
  for (const auto& g : r.grace_used) grace += g.hours;
  f[prefix + "grace_used"] = grace.ToString();
  f[prefix + "notes"] = Join(r.notes, RuleOf);
  f[prefix + "unmet"] = Join(r.unmet, RuleOf);
  f[prefix + "zh"] = r.sentence_zh;
  f[prefix + "en"] = r.sentence_en;
  if (r.required_credits) f[prefix + "required_credits"] = r.required_credits->ToString();
  if (r.counted_credits) f[prefix + "counted_credits"] = r.counted_credits->ToString();
  if (r.shortfall_credits) f[prefix + "shortfall_credits"] = r.shortfall_credits->ToString();
}

bool SameValue(const std::string& actual, const std::string& expected) {
  if (actual == expected) return true;
  auto a = Hours::Parse(actual);
  auto e = Hours::Parse(expected);
  return a && e && *a == *e;
}

bool InList(const std::string& list, const std::string& item) {
  std::string padded = "," + list + ",";
  return padded.find("," + item + ",") != std::string::npos;
}

void Check(const CaseFile& c, const Query& q, const Facts& f) {
  for (const Expectation& e : q.expect) {
    const std::string where = c.path + ":" + std::to_string(e.line);
    const auto dot = e.key.rfind('.');
    const std::string prefix = dot == std::string::npos ? "" : e.key.substr(0, dot + 1);
    const std::string leaf = dot == std::string::npos ? e.key : e.key.substr(dot + 1);
    if (leaf == "note" || leaf == "no_note" || leaf == "unmet" || leaf == "no_unmet") {
      const std::string list_key = prefix + (leaf.find("note") != std::string::npos ? "notes" : "unmet");
      auto it = f.find(list_key);
      if (it == f.end()) {
        ADD_FAILURE() << where << ": no result for " << list_key;
        continue;
      }
      const bool want = leaf.rfind("no_", 0) != 0;
      EXPECT_EQ(InList(it->second, e.value), want)
          << where << ": " << list_key << " is [" << it->second << "], expected " << e.key << " " << e.value;
      continue;
    }
    auto it = f.find(e.key);
    if (it == f.end()) {
      ADD_FAILURE() << where << ": the result has no `" << e.key << "`";
      continue;
    }
    if (e.op == '~') {
      EXPECT_NE(it->second.find(e.value), std::string::npos)
          << where << ": `" << e.key << "` is \"" << it->second << "\", expected it to contain \"" << e.value << "\"";
    } else {
      EXPECT_TRUE(SameValue(it->second, e.value))
          << where << ": `" << e.key << "` is \"" << it->second << "\", expected \"" << e.value << "\"";
    }
  }
}

class Runner {
 public:
  explicit Runner(const CaseFile& c) : c_(c) {
    if (c.policies.size() == 1) {
      auto p = policy::Policy::Parse(c.policies[0].second, c.policies[0].first);
      if (!p.ok()) throw std::runtime_error(c.path + ": " + p.error().message_en);
      single_ = std::move(p).value();
    } else {
      auto s = policy::PolicySet::Load(c.policies);
      if (!s.ok()) throw std::runtime_error(c.path + ": " + s.error().message_en);
      set_ = std::move(s).value();
    }
  }

  Facts Run(const Query& q) {
    Facts f;
    if (q.kind == "year") Year(q, f);
    else if (q.kind == "span") Span(q, f);
    else if (q.kind == "promotion") Promotion(q, f);
    else if (q.kind == "select") Select(q, f);
    return f;
  }

 private:
  Date Opt(const Query& q, const std::string& key) const {
    auto it = q.opts.find(key);
    if (it == q.opts.end()) throw std::runtime_error(c_.path + ":" + std::to_string(q.line) + ": needs " + key + "=");
    auto d = Date::Parse(it->second);
    if (!d) throw std::runtime_error(c_.path + ":" + std::to_string(q.line) + ": bad date " + it->second);
    return *d;
  }
  int Arg(const Query& q, size_t i) const {
    if (q.args.size() <= i) throw std::runtime_error(c_.path + ":" + std::to_string(q.line) + ": missing year");
    return std::stoi(q.args[i]);
  }

  YearInput Input(int year) const {
    YearInput in;
    in.year = year;
    for (const auto& r : c_.records) {
      if (r.date.year() == year) {
        in.totals.Apply(r, +1);
        in.records.push_back(r);
      } else if (r.date.year() == year + 1) {
        in.grace_records.push_back(r);
      }
    }
    return in;
  }

  const policy::Policy& PolicyFor(int year) const {
    return single_ ? *single_ : set_->Select(c_.person.region_code, c_.person.field, year);
  }

  void Year(const Query& q, Facts& f) {
    const int year = Arg(q, 0);
    YearInput in = Input(year);
    if (auto it = q.opts.find("carry_in"); it != q.opts.end()) in.carry_in = *Hours::Parse(it->second);
    const Date as_of = Opt(q, "as_of");
    const YearResult r = compliance::EvaluateYear(PolicyFor(year), c_.person, in, as_of);
    AddYear("", r, f);
    // Bulk mode must reach the same numbers without the text.
    const YearResult quiet = compliance::EvaluateYear(PolicyFor(year), c_.person, in, as_of, {.explain = false});
    EXPECT_EQ(quiet.counted_hours, r.counted_hours) << c_.path << ": bulk mode differs";
    EXPECT_EQ(quiet.status, r.status) << c_.path << ": bulk mode differs";
    EXPECT_EQ(quiet.carry_out, r.carry_out) << c_.path << ": bulk mode differs";
    EXPECT_TRUE(quiet.notes.empty() && quiet.sentence_zh.empty());
  }

  void AddSpan(const compliance::SpanResult& s, Facts& f) {
    f["status"] = compliance::StatusCode(s.status);
    f["periods"] = std::to_string(s.periods.size());
    for (const auto& y : s.years) AddYear(std::to_string(y.year) + ".", y, f);
    for (const auto& p : s.periods) AddPeriod("period." + p.rule + "." + std::to_string(p.to_year) + ".", p, f);
  }

  void Span(const Query& q, Facts& f) {
    std::vector<YearInput> years;
    for (int y = Arg(q, 0); y <= Arg(q, 1); ++y) years.push_back(Input(y));
    const Date as_of = Opt(q, "as_of");
    AddSpan(single_ ? compliance::EvaluateSpan(*single_, c_.person, years, as_of)
                    : compliance::EvaluateSpan(*set_, c_.person, years, as_of),
            f);
  }

  void Promotion(const Query& q, Facts& f) {
    compliance::PromotionQuery pq;
    pq.apply_year = Arg(q, 0);
    const bool licence = q.opts.count("licence") > 0;
    pq.basis = licence ? compliance::EligibilityBasis::kLicence : compliance::EligibilityBasis::kTitle;
    pq.since = Opt(q, licence ? "licence" : "title_since");
    std::vector<YearInput> years;
    int lo = pq.since.year();
    int hi = pq.apply_year;
    for (const auto& r : c_.records) lo = std::min(lo, r.date.year()), hi = std::max(hi, r.date.year());
    for (int y = lo; y <= hi; ++y) years.push_back(Input(y));
    const Date as_of = Opt(q, "as_of");
    const auto r = single_ ? compliance::CheckPromotion(*single_, c_.person, pq, years, as_of)
                           : compliance::CheckPromotion(*set_, c_.person, pq, years, as_of);
    f["eligible"] = r.eligible ? "true" : "false";
    f["from"] = std::to_string(r.from_year);
    f["to"] = std::to_string(r.to_year);
    f["blocking"] = Join(r.blocking_years, IntOf);
    f["zh"] = r.sentence_zh;
    f["en"] = r.sentence_en;
    f["years"] = std::to_string(r.years.size());
    for (const auto& y : r.years) AddYear(std::to_string(y.year) + ".", y, f);
    for (const auto& p : r.periods) AddPeriod("period." + p.rule + "." + std::to_string(p.to_year) + ".", p, f);
  }

  void Select(const Query& q, Facts& f) {
    if (!set_) throw std::runtime_error(c_.path + ": @select needs several policies");
    auto get = [&q](const char* k) {
      auto it = q.opts.find(k);
      return it == q.opts.end() ? std::string() : it->second;
    };
    f["policy"] = set_->Select(get("region"), get("field"), std::stoi(get("year"))).id();
  }

  const CaseFile& c_;
  std::optional<policy::Policy> single_;
  std::optional<policy::PolicySet> set_;
};

class PolicyCase : public ::testing::TestWithParam<std::string> {};

TEST_P(PolicyCase, MatchesExpectations) {
  const std::string path = GetParam();
  const CaseFile c = ParseCaseFile(path, ReadText(path));
  Runner runner(c);
  for (const Query& q : c.queries) {
    SCOPED_TRACE(path + ":" + std::to_string(q.line) + " @" + q.kind);
    Check(c, q, runner.Run(q));
  }
}

std::string CaseName(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = std::filesystem::path(info.param).stem().string();
  for (char& ch : name) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Cases, PolicyCase, ::testing::ValuesIn(CaseFiles()), CaseName);

TEST(PolicyCases, ThereAreAtLeastForty) { EXPECT_GE(CaseFiles().size(), 40u); }

}  // namespace
}  // namespace jixu::testing
