// RegionSets lives apart from region.cpp so only this file pays for the toml++ include.
#include <algorithm>
#include <toml++/toml.h>

#include "core/validate/region.hpp"

namespace jixu::validate {
namespace {

Error SetsError(const std::string& zh, const std::string& en) {
  return MakeError(kRegionSetsError, "region_sets", "地区分组配置错误：" + zh,
                   "region_sets: " + en);
}

// "第2个[[set]]" / "set #2": where the problem is when the id is not known yet.
std::string Where(size_t index, const std::string& id) {
  return id.empty() ? "set #" + std::to_string(index + 1) : "set '" + id + "'";
}
std::string WhereZh(size_t index, const std::string& id) {
  return id.empty() ? "第" + std::to_string(index + 1) + "个[[set]]" : "分组“" + id + "”";
}

Result<RegionSets::Set> ParseSet(const toml::table& t, size_t index) {
  RegionSets::Set set;
  const auto id = t["id"].value<std::string>();
  if (!id || id->empty()) {
    return SetsError(WhereZh(index, "") + "缺少字符串 id", Where(index, "") + ": missing string `id`");
  }
  set.id = *id;
  for (auto [key, out] : {std::pair{"name_zh", &set.name_zh}, std::pair{"name_en", &set.name_en}}) {
    const auto v = t[key].value<std::string>();
    if (!v || v->empty()) {
      return SetsError(WhereZh(index, set.id) + "缺少字符串 " + key,
                       Where(index, set.id) + ": missing string `" + key + "`");
    }
    *out = *v;
  }
  const toml::array* provinces = t["provinces"].as_array();
  if (provinces == nullptr) {
    return SetsError(WhereZh(index, set.id) + "缺少数组 provinces",
                     Where(index, set.id) + ": missing array `provinces`");
  }
  for (const toml::node& node : *provinces) {
    const auto p = node.value<std::string>();
    if (!p || !IsProvincePrefix(*p)) {
      const std::string shown = p ? *p : "<非字符串>";
      return SetsError(WhereZh(index, set.id) + "的省级代码“" + shown + "”无效（应为两位数字字符串）",
                       Where(index, set.id) + ": province '" + (p ? *p : "<not a string>") +
                           "' is not a 2-digit province code string");
    }
    if (std::find(set.provinces.begin(), set.provinces.end(), *p) != set.provinces.end()) {
      return SetsError(WhereZh(index, set.id) + "重复列出省级代码" + *p,
                       Where(index, set.id) + ": province " + *p + " listed twice");
    }
    set.provinces.push_back(*p);
  }
  return set;
}

}  // namespace

Result<RegionSets> RegionSets::Parse(std::string_view toml_text) {
  toml::table root;
#if TOML_EXCEPTIONS
  try {
    root = toml::parse(toml_text);
  } catch (const toml::parse_error& e) {
    const std::string line = std::to_string(e.source().begin.line);
    return SetsError("第" + line + "行TOML语法错误：" + std::string(e.description()),
                     "line " + line + ": TOML syntax error: " + std::string(e.description()));
  }
#else
  toml::parse_result parsed = toml::parse(toml_text);
  if (!parsed) {
    const std::string line = std::to_string(parsed.error().source().begin.line);
    const std::string what(parsed.error().description());
    return SetsError("第" + line + "行TOML语法错误：" + what,
                     "line " + line + ": TOML syntax error: " + what);
  }
  root = std::move(parsed).table();
#endif
  const toml::array* sets = root["set"].as_array();
  if (sets == nullptr) {
    return SetsError("缺少 [[set]] 表", "no [[set]] tables");
  }
  RegionSets out;
  for (size_t i = 0; i < sets->size(); ++i) {
    const toml::table* t = (*sets)[i].as_table();
    if (t == nullptr) {
      return SetsError(WhereZh(i, "") + "不是表", Where(i, "") + ": not a table");
    }
    auto set = ParseSet(*t, i);
    if (!set) return set.error();
    if (out.Find(set.value().id) != nullptr) {
      return SetsError("分组 id“" + set.value().id + "”重复",
                       "duplicate set id '" + set.value().id + "'");
    }
    out.sets_.push_back(std::move(set).value());
  }
  return out;
}

std::vector<std::string> RegionSets::SetsOf(std::string_view region_code) const {
  std::vector<std::string> ids;
  if (region_code.size() < 2) return ids;
  const std::string_view prefix = region_code.substr(0, 2);
  for (const Set& s : sets_) {
    if (std::find(s.provinces.begin(), s.provinces.end(), prefix) != s.provinces.end()) {
      ids.push_back(s.id);
    }
  }
  return ids;
}

const RegionSets::Set* RegionSets::Find(std::string_view id) const {
  for (const Set& s : sets_) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

}  // namespace jixu::validate
