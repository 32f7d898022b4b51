#include "core/compliance/case_file.hpp"

#include <filesystem>
#include <sstream>
#include <stdexcept>

#include "core/policy/policy_files.hpp"

namespace jixu::testing {
namespace {

std::string Trim(std::string s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

std::vector<std::string> Words(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

class Reader {
 public:
  Reader(std::string path, const std::string& text) : path_(std::move(path)) {
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) lines_.push_back(l);
  }
  [[noreturn]] void Fail(size_t i, const std::string& why) const {
    throw std::runtime_error(path_ + ":" + std::to_string(i + 1) + ": " + why);
  }
  Date ParseDate(size_t i, const std::string& s) const {
    auto d = Date::Parse(s);
    if (!d) Fail(i, "bad date " + s);
    return *d;
  }
  Hours ParseHours(size_t i, const std::string& s) const {
    auto h = Hours::Parse(s);
    if (!h) Fail(i, "bad hours " + s);
    return *h;
  }
  void Run(CaseFile& c);

 private:
  bool IsDirective(size_t i) const { return !lines_[i].empty() && lines_[i][0] == '@'; }
  bool Skip(size_t i) const {
    const std::string t = Trim(lines_[i]);
    return t.empty() || t[0] == '#';
  }
  size_t Policy(size_t i, const std::vector<std::string>& w, CaseFile& c);
  size_t Person(size_t i, CaseFile& c);
  size_t Records(size_t i, CaseFile& c);
  size_t QueryBlock(size_t i, const std::vector<std::string>& w, CaseFile& c);

  std::string path_;
  std::vector<std::string> lines_;
};

size_t Reader::Policy(size_t i, const std::vector<std::string>& w, CaseFile& c) {
  const std::filesystem::path dir = SourceDir() / "policies";
  if (w.size() == 2 && w[1] == "*") {
    for (auto& f : ShippedPolicyFiles()) c.policies.push_back(std::move(f));
    return i + 1;
  }
  if (w.size() == 2) {
    const std::filesystem::path file = dir / (w[1] + ".toml");
    if (!std::filesystem::exists(file)) Fail(i, "no shipped policy " + w[1]);
    c.policies.emplace_back(file.filename().string(), ReadText(file));
    return i + 1;
  }
  std::string text;
  size_t j = i + 1;
  for (; j < lines_.size() && !IsDirective(j); ++j) text += lines_[j] + "\n";
  c.policies.emplace_back("inline-" + std::to_string(c.policies.size() + 1) + ".toml", text);
  return j;
}

size_t Reader::Person(size_t i, CaseFile& c) {
  size_t j = i + 1;
  for (; j < lines_.size() && !IsDirective(j); ++j) {
    if (Skip(j)) continue;
    const auto eq = lines_[j].find('=');
    if (eq == std::string::npos) Fail(j, "expected key = value");
    const std::string key = Trim(lines_[j].substr(0, eq));
    const std::string value = Trim(lines_[j].substr(eq + 1));
    auto& p = c.person;
    if (key == "title") {
      auto t = records::ParseTitleLevel(value);
      if (!t) Fail(j, "bad title " + value);
      p.title_level = *t;
    } else if (key == "joined") {
      p.joined = ParseDate(j, value);
    } else if (key == "region") {
      p.region_code = value;
    } else if (key == "field") {
      p.field = value;
    } else if (key == "roles") {
      std::string roles = value;
      for (char& ch : roles) ch = ch == ',' ? ' ' : ch;
      p.roles = Words(roles);
    } else if (key == "exemption") {
      const auto w = Words(value);
      auto kind = w.empty() ? std::nullopt : records::ParseExemptionKind(w[0]);
      if (!kind || w.size() < 3) Fail(j, "expected exemption = <kind> <from> <to> [unapproved]");
      records::Exemption e;
      e.kind = *kind;
      e.from = ParseDate(j, w[1]);
      e.to = ParseDate(j, w[2]);
      e.approved = !(w.size() > 3 && w[3] == "unapproved");
      p.exemptions.push_back(e);
    } else {
      Fail(j, "unknown person key " + key);
    }
  }
  return j;
}

size_t Reader::Records(size_t i, CaseFile& c) {
  size_t j = i + 1;
  for (; j < lines_.size() && !IsDirective(j); ++j) {
    if (Skip(j)) continue;
    const auto w = Words(lines_[j]);
    if (w.size() < 4) Fail(j, "expected <date> <category> <form> <hours> [key=value ...]");
    records::LearningRecord r;
    r.id = static_cast<int64_t>(c.records.size() + 1);
    r.date = ParseDate(j, w[0]);
    auto cat = records::ParseCategory(w[1]);
    auto form = records::ParseForm(w[2]);
    if (!cat) Fail(j, "bad category " + w[1]);
    if (!form) Fail(j, "bad form " + w[2]);
    r.category = *cat;
    r.form = *form;
    r.hours = ParseHours(j, w[3]);
    for (size_t k = 4; k < w.size(); ++k) {
      const auto eq = w[k].find('=');
      if (eq == std::string::npos) Fail(j, "expected key=value, got " + w[k]);
      const std::string key = w[k].substr(0, eq);
      const std::string value = w[k].substr(eq + 1);
      if (key == "topic") r.topic = value;
      else if (key == "activity") r.activity = value;
      else if (key == "course") r.course_code = value;
      else if (key == "id") r.id = std::stoll(value);
      else if (key == "status") {
        auto s = records::ParseRecordStatus(value);
        if (!s) Fail(j, "bad status " + value);
        r.status = *s;
      } else {
        Fail(j, "unknown record key " + key);
      }
    }
    c.records.push_back(std::move(r));
  }
  return j;
}

size_t Reader::QueryBlock(size_t i, const std::vector<std::string>& w, CaseFile& c) {
  Query q;
  q.line = static_cast<int>(i + 1);
  q.kind = w[0].substr(1);
  for (size_t k = 1; k < w.size(); ++k) {
    const auto eq = w[k].find('=');
    if (eq == std::string::npos) q.args.push_back(w[k]);
    else q.opts[w[k].substr(0, eq)] = w[k].substr(eq + 1);
  }
  size_t j = i + 1;
  while (j < lines_.size() && Skip(j)) ++j;
  if (j >= lines_.size() || Trim(lines_[j]) != "----") Fail(i, "expected ---- after the query");
  for (++j; j < lines_.size() && !IsDirective(j); ++j) {
    if (Skip(j)) continue;
    const std::string& l = lines_[j];
    const auto op = l.find_first_of("=~");
    if (op == std::string::npos) Fail(j, "expected `key = value` or `key ~ text`");
    q.expect.push_back(Expectation{static_cast<int>(j + 1), Trim(l.substr(0, op)), l[op], Trim(l.substr(op + 1))});
  }
  if (q.expect.empty()) Fail(i, "a query needs at least one expectation");
  c.queries.push_back(std::move(q));
  return j;
}

void Reader::Run(CaseFile& c) {
  size_t i = 0;
  while (i < lines_.size()) {
    if (Skip(i)) {
      ++i;
      continue;
    }
    if (!IsDirective(i)) Fail(i, "expected a directive (@policy, @person, @records, @year, …)");
    const auto w = Words(lines_[i]);
    if (w[0] == "@policy") i = Policy(i, w, c);
    else if (w[0] == "@person") i = Person(i, c);
    else if (w[0] == "@records") i = Records(i, c);
    else if (w[0] == "@year" || w[0] == "@span" || w[0] == "@promotion" || w[0] == "@select")
      i = QueryBlock(i, w, c);
    else Fail(i, "unknown directive " + w[0]);
  }
  if (c.policies.empty()) Fail(0, "a case needs at least one @policy");
  if (c.queries.empty()) Fail(0, "a case needs at least one query");
}

}  // namespace

CaseFile ParseCaseFile(const std::string& path, const std::string& text) {
  CaseFile c;
  c.path = path;
  Reader(path, text).Run(c);
  return c;
}

}  // namespace jixu::testing
