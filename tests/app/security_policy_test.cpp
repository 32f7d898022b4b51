// The accounts' security policy: password rules named in both languages, the stored form, the
// second factor per role, expiry (demo accounts exempt).
#include <gtest/gtest.h>

#include "app/accounts/security_policy.hpp"

namespace jixu::app {
namespace {

using storage::Role;

std::vector<std::string> Codes(const Errors& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.code);
  return out;
}

TEST(PasswordRules, Level3DefaultsNeedEightCharactersOfThreeKinds) {
  const PasswordPolicy p;
  EXPECT_TRUE(CheckPasswordRules(p, "jixu-admin-2026", "password").empty()) << "lower, digit, other";
  EXPECT_TRUE(CheckPasswordRules(p, "Abcdefg1", "password").empty());
  EXPECT_EQ(Codes(CheckPasswordRules(p, "Ab1-", "password")), std::vector<std::string>{"password_too_short"});
  EXPECT_EQ(Codes(CheckPasswordRules(p, "password123", "password")),
            std::vector<std::string>{"password_too_simple"});
  EXPECT_EQ(Codes(CheckPasswordRules(p, "abc", "pw")),
            (std::vector<std::string>{"password_too_short", "password_too_simple"}));
  const Errors e = CheckPasswordRules(p, "password123", "new_password");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].field, "new_password");
  EXPECT_NE(e[0].message_zh.find("至少 3 类"), std::string::npos) << e[0].message_zh;
  EXPECT_NE(e[0].message_en.find("at least 3 of the 4 kinds"), std::string::npos) << e[0].message_en;
}

TEST(PasswordRules, LengthCountsCharactersNotBytes) {
  PasswordPolicy p;
  p.min_classes = 1;
  EXPECT_EQ(Codes(CheckPasswordRules(p, "密码密码密码密", "pw")), std::vector<std::string>{"password_too_short"})
      << "7 characters, 21 bytes";
  EXPECT_TRUE(CheckPasswordRules(p, "密码密码密码密码", "pw").empty());
}

TEST(SecurityPolicyData, RoundTripsAndRefusesBadValuesNamingTheField) {
  SecurityPolicy p;
  p.password.min_length = 12;
  p.password.expiry_days = 0;
  p.second_factor_roles = {Role::kAdmin};
  const SecurityPolicy q = ParseSecurityPolicy(SecurityPolicyText(p));
  EXPECT_EQ(q.password.min_length, 12);
  EXPECT_EQ(q.password.expiry_days, 0);
  EXPECT_EQ(q.second_factor_roles, std::vector<Role>{Role::kAdmin});
  EXPECT_EQ(ParseSecurityPolicy("{}").password.min_length, 8) << "absent keys keep the defaults";
  try {
    ParseSecurityPolicy(R"({"password":{"min_length":4,"min_classes":5},"second_factor_roles":["root"]})");
    FAIL() << "accepted";
  } catch (const InvalidInput& e) {
    std::vector<std::string> fields;
    for (const auto& x : e.errors()) fields.push_back(x.field);
    EXPECT_EQ(fields, (std::vector<std::string>{"password.min_length", "password.min_classes",
                                                "second_factor_roles"}));
  }
}

TEST(SecurityPolicyData, SecondFactorByRoleAndNeverForDemoAccounts) {
  const SecurityPolicy p;
  storage::User u;
  for (Role r : {Role::kAdmin, Role::kSecurityAdmin, Role::kAuditAdmin, Role::kAuthority}) {
    u.role = r;
    EXPECT_TRUE(p.RequiresSecondFactor(u)) << storage::RoleCode(r);
  }
  for (Role r : {Role::kPerson, Role::kEmployerAdmin, Role::kProviderAdmin}) {
    u.role = r;
    EXPECT_FALSE(p.RequiresSecondFactor(u)) << storage::RoleCode(r);
  }
  u.role = Role::kAdmin;
  u.demo = true;
  EXPECT_FALSE(p.RequiresSecondFactor(u));
}

TEST(SecurityPolicyData, PasswordsExpireAfterTheDaysExceptDemoAccounts) {
  const SecurityPolicy p;  // 90 days
  storage::User u;
  u.password_changed_at = 1'000'000;
  EXPECT_FALSE(p.PasswordExpired(u, 1'000'000 + 89 * 86400));
  EXPECT_TRUE(p.PasswordExpired(u, 1'000'000 + 90 * 86400));
  u.demo = true;
  EXPECT_FALSE(p.PasswordExpired(u, 1'000'000 + 900 * 86400));
  SecurityPolicy never = p;
  never.password.expiry_days = 0;
  u.demo = false;
  EXPECT_FALSE(never.PasswordExpired(u, 1'000'000 + 900 * 86400));
}

}  // namespace
}  // namespace jixu::app
