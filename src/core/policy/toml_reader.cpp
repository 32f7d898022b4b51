#include "core/policy/toml_reader.hpp"

#include <cmath>

namespace jixu::policy {

TableReader::TableReader(const toml::table& table, std::string source, std::string path,
                         Errors* errors)
    : table_(table), source_(std::move(source)), path_(std::move(path)), errors_(errors) {}

std::string TableReader::PathOf(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

std::string TableReader::Where(std::string_view key) const {
  const toml::node* n = table_.get(key);
  const auto& src = n != nullptr ? n->source() : table_.source();
  return std::to_string(src.begin.line);
}

void TableReader::Fail(std::string_view key, std::string code, const std::string& zh,
                       const std::string& en) {
  const std::string where = source_ + ":" + PathOf(key);
  const std::string line = Where(key);
  errors_->push_back(MakeError(std::move(code), where,
                               "策略文件 " + source_ + " 第" + line + "行 " + PathOf(key) + "：" + zh,
                               "policy file " + source_ + " line " + line + ", " + PathOf(key) +
                                   ": " + en));
}

void TableReader::WrongType(std::string_view key, std::string_view zh, std::string_view en) {
  Fail(key, "policy_bad_value", "应为" + std::string(zh), "expected " + std::string(en));
}

const toml::node* TableReader::Get(std::string_view key) {
  known_.insert(std::string(key));
  return table_.get(key);
}

std::optional<std::string> TableReader::String(std::string_view key) {
  const toml::node* n = Get(key);
  if (n == nullptr) return std::nullopt;
  if (!n->is_string()) {
    WrongType(key, "字符串", "a string");
    return std::nullopt;
  }
  return std::string(*n->value<std::string_view>());
}

std::optional<int64_t> TableReader::Int(std::string_view key, int64_t min, int64_t max) {
  const toml::node* n = Get(key);
  if (n == nullptr) return std::nullopt;
  if (!n->is_integer()) {
    WrongType(key, "整数", "an integer");
    return std::nullopt;
  }
  const int64_t v = *n->value<int64_t>();
  if (v < min || v > max) {
    Fail(key, "policy_bad_value",
         "取值应在" + std::to_string(min) + "到" + std::to_string(max) + "之间",
         "must be between " + std::to_string(min) + " and " + std::to_string(max));
    return std::nullopt;
  }
  return v;
}

std::optional<bool> TableReader::Bool(std::string_view key) {
  const toml::node* n = Get(key);
  if (n == nullptr) return std::nullopt;
  if (!n->is_boolean()) {
    WrongType(key, "true 或 false", "true or false");
    return std::nullopt;
  }
  return *n->value<bool>();
}

std::optional<double> TableReader::Number(std::string_view key) {
  const toml::node* n = Get(key);
  if (n == nullptr) return std::nullopt;
  if (!n->is_number()) {
    WrongType(key, "数值", "a number");
    return std::nullopt;
  }
  return *n->value<double>();
}

std::optional<Hours> TableReader::Amount(std::string_view key, Hours scale) {
  const std::optional<double> v = Number(key);
  if (!v) return std::nullopt;
  constexpr double kMax = 1e6;
  const double centi = *v * Hours::kScale;
  if (!(*v >= 0) || *v > kMax || std::fabs(centi - std::round(centi)) > 1e-6) {
    Fail(key, "policy_bad_value", "应为不小于0、最多两位小数的数值",
         "must be a non-negative number with at most two decimals");
    return std::nullopt;
  }
  const int64_t c = static_cast<int64_t>(std::llround(centi));
  return Hours::FromCenti(c * scale.centi() / Hours::kScale);
}

std::optional<Fraction> TableReader::Ratio(std::string_view key) {
  const toml::node* n = Get(key);
  if (n == nullptr) return std::nullopt;
  std::optional<Fraction> f;
  if (n->is_string()) {
    f = Fraction::Parse(*n->value<std::string_view>());
  } else if (n->is_number()) {
    f = Fraction::FromDouble(*n->value<double>());
  }
  if (!f) {
    Fail(key, "policy_bad_value", "应为分数（如 \"1/3\"）或不小于0的小数（如 0.5）",
         "expected a fraction such as \"1/3\" or a non-negative decimal such as 0.5");
  }
  return f;
}

std::optional<std::vector<std::string>> TableReader::Strings(std::string_view key) {
  const toml::node* n = Get(key);
  if (n == nullptr) return std::nullopt;
  std::vector<std::string> out;
  if (n->is_string()) {
    out.emplace_back(*n->value<std::string_view>());
    return out;
  }
  if (const toml::array* a = n->as_array()) {
    for (const toml::node& e : *a) {
      if (!e.is_string()) {
        WrongType(key, "字符串或字符串数组", "a string or an array of strings");
        return std::nullopt;
      }
      out.emplace_back(*e.value<std::string_view>());
    }
    return out;
  }
  WrongType(key, "字符串或字符串数组", "a string or an array of strings");
  return std::nullopt;
}

const toml::table* TableReader::Table(std::string_view key) {
  const toml::node* n = Get(key);
  if (n == nullptr) return nullptr;
  if (!n->is_table()) {
    WrongType(key, "表（[" + PathOf(key) + "]）", "a table ([" + PathOf(key) + "])");
    return nullptr;
  }
  return n->as_table();
}

std::vector<const toml::table*> TableReader::Tables(std::string_view key) {
  std::vector<const toml::table*> out;
  const toml::node* n = Get(key);
  if (n == nullptr) return out;
  const toml::array* a = n->as_array();
  if (a == nullptr || !a->is_array_of_tables()) {
    WrongType(key, "表数组（[[" + PathOf(key) + "]]）", "an array of tables ([[" + PathOf(key) + "]])");
    return out;
  }
  for (const toml::node& e : *a) out.push_back(e.as_table());
  return out;
}

void TableReader::Finish() {
  if (accept_all_) return;
  for (const auto& [k, v] : table_) {
    if (known_.find(k.str()) == known_.end()) {
      Fail(k.str(), "policy_unknown_key", "未知的键 " + PathOf(k.str()),
           "unknown key " + PathOf(k.str()));
    }
  }
}

Result<toml::table> ParseTomlText(std::string_view text, std::string_view source) {
  try {
    return toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    const std::string line = std::to_string(e.source().begin.line);
    const std::string desc(e.description());
    return MakeError("policy_syntax", std::string(source) + ":" + line,
                     "策略文件 " + std::string(source) + " 第" + line + "行 TOML 语法错误：" + desc,
                     "policy file " + std::string(source) + " line " + line +
                         ": TOML syntax error: " + desc);
  }
}

}  // namespace jixu::policy
