#include "core/policy/rule_reader.hpp"

#include <algorithm>

namespace jixu::policy {
namespace {

using records::Category;
using records::Form;

// A readable default name for the hours a selector picks: 公需科目, 自修, 专题“x”.
Label DefaultLabel(const Selector& s) {
  Label l;
  auto add = [&l](std::string_view zh, std::string_view en) {
    if (!l.zh.empty()) { l.zh += "、"; l.en += ", "; }
    l.zh += zh;
    l.en += en;
  };
  for (int c = 0; c < records::kCategoryCount; ++c) {
    if (s.categories >> c & 1u) {
      const auto cat = static_cast<Category>(c);
      add(records::CategoryZh(cat), cat == Category::kPublic ? "public subjects" : "professional subjects");
    }
  }
  for (int f = 0; f < records::kFormCount; ++f) {
    if (s.forms >> f & 1u) add(records::FormZh(static_cast<Form>(f)), records::FormCode(static_cast<Form>(f)));
  }
  if (!s.topic.empty()) add("专题“" + s.topic + "”", "topic \"" + s.topic + "\"");
  if (!s.activity.empty()) add("活动“" + s.activity + "”", "activity \"" + s.activity + "\"");
  if (l.zh.empty()) add("合计", "all forms");
  return l;
}

}  // namespace

bool ValidId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
  });
}

Selector ReadSelector(TableReader& r) {
  Selector s;
  if (auto cats = r.Strings("category")) {
    for (const std::string& c : *cats) {
      if (auto v = records::ParseCategory(c)) {
        s.categories |= static_cast<uint8_t>(1u << static_cast<int>(*v));
      } else {
        r.Fail("category", "policy_bad_value", "未知的科目类别 " + c,
               "unknown category " + c + " (professional|public)");
      }
    }
  }
  if (auto forms = r.Strings("form")) {
    for (const std::string& f : *forms) {
      if (auto v = records::ParseForm(f)) {
        s.forms |= 1u << static_cast<int>(*v);
      } else {
        r.Fail("form", "policy_bad_value", "未知的培训形式 " + f, "unknown form " + f);
      }
    }
  }
  s.topic = r.String("topic").value_or("");
  s.activity = r.String("activity").value_or("");
  return s;
}

Label ReadLabel(TableReader& r, const Selector& s) {
  Label l = DefaultLabel(s);
  if (auto zh = r.String("label_zh")) l.zh = *zh;
  if (auto en = r.String("label_en")) l.en = *en;
  return l;
}

std::string ReadRuleId(TableReader& r) {
  auto id = r.String("id");
  if (!id || !ValidId(*id)) {
    r.Fail("id", "policy_bad_value", "规则须有 id（小写字母、数字、-、_）",
           "every rule needs an id (lower-case letters, digits, -, _)");
    return "";
  }
  return *id;
}

}  // namespace jixu::policy
