#include "app/demo_users.hpp"

#include "app/audit_log.hpp"
#include "app/users.hpp"

namespace jixu::app {

std::vector<DemoLogin> AddDemoUsers(storage::Store& store, const AuditKey& audit_key,
                                    int64_t now, const PasswordCost& cost) {
  // The employer of the first person, so that the employer's admin has staff to manage.
  auto first = store.queries().Persons({}, {0, 1});
  auto providers = store.queries().Providers({}, {0, 1});
  if (first.items.empty() || providers.items.empty()) return {};
  auto found = store.employers().FindByCode(first.items.front().employer_code);
  if (!found) return {};
  const records::Employer employer = *found;
  storage::PersonQuery staff;
  staff.employer_code = employer.code;
  auto persons = store.queries().Persons(staff, {0, 2});
  if (persons.items.size() < 2) {
    // A small demo's employer may have one person: the second demo person works elsewhere.
    for (const auto& p : store.queries().Persons({}, {0, 3}).items) {
      if (persons.items.size() < 2 && p.id != persons.items.front().id) persons.items.push_back(p);
    }
  }
  // Authorities over the first person's place, so that every demo account sees person1.
  const std::string& home = first.items.front().region_code;
  const std::string province = home.substr(0, 2);
  const std::string city = home.substr(0, 4);
  std::vector<std::pair<NewUser, std::string>> plan = {
      {{"admin", "jixu-admin-2026", "admin", "系统管理员"}, "系统管理员 / system administrator"},
      {{"security", "jixu-security-2026", "security_admin", "安全管理员"}, "安全管理员 / security administrator"},
      {{"auditor", "jixu-auditor-2026", "audit_admin", "审计管理员"}, "审计管理员 / audit administrator"},
      {{"province", "jixu-province-2026", "authority", "省级主管部门", "", "", "", province}, "区划 " + province},
      {{"city", "jixu-city-2026", "authority", "市级主管部门", "", "", "", city}, "区划 " + city},
      {{"hr", "jixu-hr-2026", "employer_admin", employer.name + " 人事", "", employer.code}, employer.name},
      {{"provider", "jixu-provider-2026", "provider_admin", providers.items.front().name, "", "",
        providers.items.front().code}, providers.items.front().name},
  };
  for (size_t i = 0; i < persons.items.size(); ++i) {
    const std::string name = "person" + std::to_string(i + 1);
    NewUser n{name, "jixu-" + name + "-2026", "person", persons.items[i].name};
    n.person_id_number = persons.items[i].id_number;
    plan.push_back({n, persons.items[i].name});
  }
  std::vector<DemoLogin> out;
  auto uow = store.Begin();
  for (auto& [n, scope] : plan) {
    n.demo = true;  // no second factor, no expiry: the printed logins keep working
    storage::User u = PrepareUser(store, n, cost, now);
    if (!store.users().Create(u)) continue;  // already there (demo run twice)
    storage::AuditEntry e;
    e.at = now;
    e.actor = "cli:demo";
    e.actor_role = "cli";
    e.action = "user.create";
    e.entity = "user";
    e.entity_id = u.username;
    e.region_code = u.region_prefix;
    e.employer_code = u.employer_code;
    e.provider_code = u.provider_code;
    e.after_json = "{\"username\":\"" + u.username + "\",\"role\":\"" + n.role + "\",\"demo\":true}";
    AppendAudit(store, audit_key, e);
    out.push_back({n.username, n.password, n.role, scope});
  }
  uow->Commit();
  return out;
}

}  // namespace jixu::app
