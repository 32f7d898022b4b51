#pragma once
// The accounts' security policy (issue 15, GB/T 22239 §8.1.4 level 3): the password rules
// (length, character classes, history, expiry) and the roles that must sign in with a second
// factor. Kept as data in settings.security_policy, changed by the security administrator;
// absent, the level-3 defaults below hold.
#include <string>
#include <string_view>
#include <vector>

#include "core/common/error.hpp"
#include "core/storage/store.hpp"

namespace jixu::app {

struct PasswordPolicy {
  int min_length = 8;
  int min_classes = 3;   ///< of 4: lower-case, upper-case, digits, other characters
  int history = 5;       ///< a new password may not be any of the last N
  int expiry_days = 90;  ///< 0: never expires; demo accounts never expire
};

struct SecurityPolicy {
  PasswordPolicy password;
  /// Roles whose accounts sign in with a second factor (demo accounts excepted).
  std::vector<storage::Role> second_factor_roles = {
      storage::Role::kAuthority, storage::Role::kAdmin, storage::Role::kSecurityAdmin,
      storage::Role::kAuditAdmin};

  bool RequiresSecondFactor(const storage::User& u) const;
  bool PasswordExpired(const storage::User& u, int64_t now) const;
};

constexpr std::string_view kSecurityPolicyKey = "security_policy";

/// The stored policy, or the defaults.
SecurityPolicy LoadSecurityPolicy(storage::Store& store);
/// The stored form (JSON).
std::string SecurityPolicyText(const SecurityPolicy& p);
/// Parses the stored form; throws InvalidInput naming each bad field.
SecurityPolicy ParseSecurityPolicy(std::string_view text);

/// Every rule `password` breaks, each naming the rule, under `field`.
Errors CheckPasswordRules(const PasswordPolicy& p, std::string_view password,
                          const std::string& field);
/// Whether `password` is the current one or one of the last `p.history` ones.
bool ReusesPassword(storage::Store& store, const storage::User& u, std::string_view password,
                    const PasswordPolicy& p);

}  // namespace jixu::app
