#include "cli/args.hpp"

#include <charconv>

namespace jixu::cli {

Args::Args(const std::vector<std::string>& argv, const std::set<std::string>& valued,
           const std::set<std::string>& flags) {
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a.size() < 3 || a.rfind("--", 0) != 0) {
      positional_.push_back(a);
      continue;
    }
    std::string name = a.substr(2);
    std::optional<std::string> value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    if (flags.count(name)) {
      if (value) throw UsageError{"option --" + name + " takes no value"};
      values_[name] = "1";
    } else if (valued.count(name)) {
      if (!value) {
        if (i + 1 >= argv.size()) throw UsageError{"option --" + name + " needs a value"};
        value = argv[++i];
      }
      values_[name] = *value;
    } else {
      throw UsageError{"unknown option --" + name};
    }
  }
}

std::optional<std::string> Args::Get(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::string Args::GetOr(const std::string& name, const std::string& fallback) const {
  return Get(name).value_or(fallback);
}

std::optional<int64_t> Args::GetInt(const std::string& name, int64_t min, int64_t max) const {
  auto v = Get(name);
  if (!v) return std::nullopt;
  int64_t out = 0;
  auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
  if (ec != std::errc() || ptr != v->data() + v->size() || out < min || out > max) {
    throw UsageError{"option --" + name + " must be a whole number from " + std::to_string(min) +
                     " to " + std::to_string(max) + ", not '" + *v + "'"};
  }
  return out;
}

}  // namespace jixu::cli
