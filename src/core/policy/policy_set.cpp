#include "core/policy/policy_set.hpp"

#include <map>

#include <toml++/toml.h>

#include "core/policy/policy_parser.hpp"
#include "core/policy/toml_reader.hpp"

namespace jixu::policy {
namespace {

struct Parsed {
  std::string source;
  toml::table table;
  std::string id;
  std::string extends;
};

// Tables merge key by key; anything else (values, arrays, arrays of tables) in the child
// replaces the base's, so a child restating [[cap]] states all its caps.
void MergeInto(toml::table& base, const toml::table& child) {
  for (const auto& [k, v] : child) {
    toml::node* existing = base.get(k.str());
    if (existing != nullptr && existing->is_table() && v.is_table()) {
      MergeInto(*existing->as_table(), *v.as_table());
    } else {
      base.insert_or_assign(k, v);
    }
  }
}

Error LoadError(const std::string& source, std::string code, const std::string& zh,
                const std::string& en) {
  return MakeError(std::move(code), source, "策略文件 " + source + "：" + zh,
                   "policy file " + source + ": " + en);
}

// Resolves `extends` chains (base first); a cycle or an unknown base is an error.
Result<toml::table> Resolve(const std::map<std::string, const Parsed*>& by_id, const Parsed& p,
                            int depth) {
  constexpr int kMaxDepth = 8;
  if (p.extends.empty()) return p.table;
  auto it = by_id.find(p.extends);
  if (it == by_id.end()) {
    return LoadError(p.source, "policy_unknown_base", "extends 引用的策略 " + p.extends + " 不存在",
                     "extends names unknown policy " + p.extends);
  }
  if (depth > kMaxDepth) {
    return LoadError(p.source, "policy_extends_cycle", "extends 形成循环", "extends forms a cycle");
  }
  Result<toml::table> base = Resolve(by_id, *it->second, depth + 1);
  if (!base) return base;
  toml::table merged = std::move(base).value();
  merged.erase("default");  // being the default is not inherited
  MergeInto(merged, p.table);
  merged.erase("extends");
  return merged;
}

bool Overlap(const Scope& a, const Scope& b) {
  const int a_to = a.to_year == 0 ? 1 << 30 : a.to_year;
  const int b_to = b.to_year == 0 ? 1 << 30 : b.to_year;
  return a.from_year <= b_to && b.from_year <= a_to;
}

std::optional<Error> CheckSet(const std::vector<std::shared_ptr<const Policy>>& policies,
                              const Policy* fallback) {
  for (size_t i = 0; i < policies.size(); ++i) {
    for (size_t j = i + 1; j < policies.size(); ++j) {
      const Policy& a = *policies[i];
      const Policy& b = *policies[j];
      if (a.id() == b.id()) {
        return LoadError(b.source(), "policy_duplicate_id", "策略 id " + a.id() + " 与 " + a.source() + " 重复",
                         "policy id " + a.id() + " is also used by " + a.source());
      }
      const Scope& x = a.scope();
      const Scope& y = b.scope();
      if (&a != fallback && &b != fallback && x.auto_select && y.auto_select && x.region_prefix == y.region_prefix &&
          x.field == y.field && Overlap(x, y)) {
        return LoadError(b.source(), "policy_ambiguous_scope",
                         "与 " + a.id() + " 的适用地区、领域和年度重叠",
                         "its region, field and years overlap those of " + a.id());
      }
    }
  }
  return std::nullopt;
}

}  // namespace

Result<PolicySet> PolicySet::Load(const std::vector<std::pair<std::string, std::string>>& files) {
  std::vector<Parsed> parsed;
  parsed.reserve(files.size());
  for (const auto& [name, text] : files) {
    Result<toml::table> t = ParseTomlText(text, name);
    if (!t) return t.error();
    Parsed p{name, std::move(t).value(), "", ""};
    p.id = p.table["id"].value_or(std::string());
    p.extends = p.table["extends"].value_or(std::string());
    parsed.push_back(std::move(p));
  }
  std::map<std::string, const Parsed*> by_id;
  for (const Parsed& p : parsed) by_id.emplace(p.id, &p);

  PolicySet set;
  for (const Parsed& p : parsed) {
    Result<toml::table> merged = Resolve(by_id, p, 0);
    if (!merged) return merged.error();
    Result<Policy> policy = PolicyBuilder::Build(merged.value(), p.source);
    if (!policy) return policy.error();
    auto shared = std::make_shared<const Policy>(std::move(policy).value());
    if (shared->is_default()) {
      if (set.default_) {
        return LoadError(p.source, "policy_two_defaults", "与 " + set.default_->id() + " 同为默认策略",
                         "both it and " + set.default_->id() + " say default = true");
      }
      set.default_ = shared;
    }
    set.policies_.push_back(std::move(shared));
  }
  if (!set.default_) {
    return MakeError("policy_no_default", "default", "策略集中没有默认策略（default = true）",
                     "no policy in the set says default = true");
  }
  if (auto err = CheckSet(set.policies_, set.default_.get())) return *err;
  return set;
}

const Policy& PolicySet::Select(std::string_view region_code, std::string_view field,
                                int year) const {
  const Policy* best = nullptr;
  auto rank = [](const Scope& s) {
    return static_cast<int>(s.region_prefix.size()) * 2 + (s.field.empty() ? 0 : 1);
  };
  for (const auto& p : policies_) {
    if (p == default_) continue;  // the fallback; any matching policy is more specific
    const Scope& s = p->scope();
    if (!s.auto_select || !s.CoversYear(year)) continue;
    if (region_code.substr(0, s.region_prefix.size()) != s.region_prefix) continue;
    if (!s.field.empty() && s.field != field) continue;
    if (best == nullptr || rank(s) > rank(best->scope())) best = p.get();
  }
  return best != nullptr ? *best : *default_;
}

const Policy* PolicySet::Find(std::string_view id) const {
  for (const auto& p : policies_) {
    if (p->id() == id) return p.get();
  }
  return nullptr;
}

}  // namespace jixu::policy
