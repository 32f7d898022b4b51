#include "app/users.hpp"

#include <algorithm>
#include <cctype>

#include "app/accounts/security_policy.hpp"
#include "core/common/error.hpp"

namespace jixu::app {

storage::User PrepareUser(storage::Store& store, const NewUser& n, const PasswordCost& cost,
                          int64_t now) {
  Errors errors;
  auto fail = [&](const char* field, const char* code, std::string zh, std::string en) {
    errors.push_back(MakeError(code, field, std::move(zh), std::move(en)));
  };
  storage::User u;
  u.username = n.username;
  u.display_name = n.display_name.empty() ? n.username : n.display_name;
  u.created_at = now;
  u.password_changed_at = now;
  u.demo = n.demo;
  const bool name_ok = !n.username.empty() && n.username.size() <= 64 &&
                       std::all_of(n.username.begin(), n.username.end(), [](unsigned char c) {
                         return std::isalnum(c) || c == '_' || c == '-' || c == '.';
                       });
  if (!name_ok) fail("username", "invalid_username", "用户名须为1–64位字母、数字、_-.", "the username must be 1–64 letters, digits, _ - .");
  for (auto& e : CheckPasswordRules(LoadSecurityPolicy(store).password, n.password, "password")) {
    errors.push_back(std::move(e));
  }
  auto role = storage::ParseRole(n.role);
  if (!role) {
    fail("role", "invalid_role",
         "角色须为 person、employer_admin、provider_admin、authority、admin、security_admin 或 audit_admin",
         "role must be person, employer_admin, provider_admin, authority, admin, security_admin or audit_admin");
  } else {
    u.role = *role;
    switch (*role) {
      case storage::Role::kPerson:
        if (auto p = store.persons().FindByIdNumber(n.person_id_number)) u.person_id = p->id;
        else fail("person", "unknown_person", "须指定已登记人员的身份证号", "give the ID number of a registered person");
        break;
      case storage::Role::kEmployerAdmin:
        if (store.employers().FindByCode(n.employer_code)) u.employer_code = n.employer_code;
        else fail("employer", "unknown_employer", "须指定已登记单位的代码", "give the code of a registered employer");
        break;
      case storage::Role::kProviderAdmin:
        if (store.providers().FindByCode(n.provider_code)) u.provider_code = n.provider_code;
        else fail("provider", "unknown_provider", "须指定已登记机构的代码", "give the code of a registered provider");
        break;
      case storage::Role::kAuthority:
        if (n.region_prefix.size() > 6 ||
            !std::all_of(n.region_prefix.begin(), n.region_prefix.end(), ::isdigit)) {
          fail("region", "invalid_region_prefix", "区划前缀须为0–6位数字", "the region prefix must be 0–6 digits");
        }
        u.region_prefix = n.region_prefix;
        u.industry = n.industry;
        break;
      case storage::Role::kAdmin:
      case storage::Role::kSecurityAdmin:
      case storage::Role::kAuditAdmin: break;
    }
  }
  if (!errors.empty()) throw InvalidInput(errors);
  u.password_hash = HashPassword(n.password, cost);
  return u;
}

}  // namespace jixu::app
