#include "app/accounts/security_policy.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "app/crypto.hpp"

namespace jixu::app {
namespace {

using nlohmann::json;
constexpr int64_t kDaySeconds = 86400;
constexpr int kMaxLength = 128;
constexpr int kMaxHistory = 24;
constexpr int kMaxExpiryDays = 3650;

int Classes(std::string_view password) {
  bool lower = false, upper = false, digit = false, other = false;
  for (unsigned char c : password) {
    if (c >= 'a' && c <= 'z') lower = true;
    else if (c >= 'A' && c <= 'Z') upper = true;
    else if (c >= '0' && c <= '9') digit = true;
    else other = true;
  }
  return int{lower} + int{upper} + int{digit} + int{other};
}

/// Characters, not bytes: 密码 is two characters.
int CodePoints(std::string_view s) {
  return static_cast<int>(std::count_if(s.begin(), s.end(), [](unsigned char c) {
    return (c & 0xc0) != 0x80;
  }));
}

}  // namespace

bool SecurityPolicy::RequiresSecondFactor(const storage::User& u) const {
  if (u.demo) return false;
  return std::find(second_factor_roles.begin(), second_factor_roles.end(), u.role) !=
         second_factor_roles.end();
}

bool SecurityPolicy::PasswordExpired(const storage::User& u, int64_t now) const {
  if (u.demo || password.expiry_days <= 0) return false;
  return now >= u.password_changed_at + password.expiry_days * kDaySeconds;
}

SecurityPolicy LoadSecurityPolicy(storage::Store& store) {
  auto text = store.settings().Get(kSecurityPolicyKey);
  return text ? ParseSecurityPolicy(*text) : SecurityPolicy{};
}

std::string SecurityPolicyText(const SecurityPolicy& p) {
  json roles = json::array();
  for (auto r : p.second_factor_roles) roles.push_back(std::string(storage::RoleCode(r)));
  return json{{"password",
               {{"min_length", p.password.min_length},
                {"min_classes", p.password.min_classes},
                {"history", p.password.history},
                {"expiry_days", p.password.expiry_days}}},
              {"second_factor_roles", roles}}
      .dump();
}

SecurityPolicy ParseSecurityPolicy(std::string_view text) {
  const json j = json::parse(text, nullptr, false);
  Errors errors;
  SecurityPolicy p;
  auto number = [&](const json& o, const char* key, int lo, int hi, int& out) {
    if (!o.contains(key)) return;
    const json& v = o[key];
    if (!v.is_number_integer() || v.get<int64_t>() < lo || v.get<int64_t>() > hi) {
      errors.push_back(MakeError("invalid_policy", std::string("password.") + key,
                                 "须为 " + std::to_string(lo) + "–" + std::to_string(hi) + " 的整数",
                                 "must be an integer from " + std::to_string(lo) + " to " +
                                     std::to_string(hi)));
      return;
    }
    out = v.get<int>();
  };
  if (!j.is_object()) throw InvalidInput({MakeError("invalid_policy", "", "安全策略须为JSON对象", "the security policy must be a JSON object")});
  if (j.contains("password")) {
    const json& pw = j["password"];
    if (!pw.is_object()) {
      errors.push_back(MakeError("invalid_policy", "password", "须为对象", "must be an object"));
    } else {
      number(pw, "min_length", 8, kMaxLength, p.password.min_length);
      number(pw, "min_classes", 1, 4, p.password.min_classes);
      number(pw, "history", 0, kMaxHistory, p.password.history);
      number(pw, "expiry_days", 0, kMaxExpiryDays, p.password.expiry_days);
    }
  }
  if (j.contains("second_factor_roles")) {
    const json& roles = j["second_factor_roles"];
    p.second_factor_roles.clear();
    bool ok = roles.is_array();
    for (const auto& r : ok ? roles : json::array()) {
      auto role = r.is_string() ? storage::ParseRole(r.get<std::string>()) : std::nullopt;
      if (!role) ok = false;
      else if (std::find(p.second_factor_roles.begin(), p.second_factor_roles.end(), *role) ==
               p.second_factor_roles.end()) p.second_factor_roles.push_back(*role);
    }
    if (!ok) {
      errors.push_back(MakeError("invalid_policy", "second_factor_roles", "须为角色代码的数组",
                                 "must be an array of role codes"));
    }
  }
  if (!errors.empty()) throw InvalidInput(errors);
  return p;
}

Errors CheckPasswordRules(const PasswordPolicy& p, std::string_view password,
                          const std::string& field) {
  Errors errors;
  const std::string n = std::to_string(p.min_length);
  if (CodePoints(password) < p.min_length) {
    errors.push_back(MakeError("password_too_short", field, "密码规则：至少 " + n + " 个字符",
                               "password rule: at least " + n + " characters"));
  }
  if (Classes(password) < p.min_classes) {
    const std::string k = std::to_string(p.min_classes);
    errors.push_back(MakeError(
        "password_too_simple", field,
        "密码规则：须包含小写字母、大写字母、数字、其他符号中的至少 " + k + " 类",
        "password rule: use at least " + k +
            " of the 4 kinds: lower-case letters, upper-case letters, digits, other characters"));
  }
  return errors;
}

bool ReusesPassword(storage::Store& store, const storage::User& u, std::string_view password,
                    const PasswordPolicy& p) {
  if (p.history <= 0) return false;
  if (!u.password_hash.empty() && VerifyPassword(u.password_hash, password)) return true;
  // The current password counts as one of the last N.
  for (const auto& h : store.users().PasswordHistory(u.id, p.history - 1)) {
    if (VerifyPassword(h, password)) return true;
  }
  return false;
}

}  // namespace jixu::app
