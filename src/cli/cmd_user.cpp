// `jixu user add` (provisioning; the password on stdin).
#include <iostream>
#include <string>
#include <unistd.h>

#include "app/audit_log.hpp"
#include "app/users.hpp"
#include "cli/commands.hpp"
#include "cli/options.hpp"

namespace jixu::cli {
namespace {

std::string CliActor() {
  const char* u = std::getenv("USER");
  return std::string("cli:") + (u != nullptr ? u : "unknown");
}

int CreateUser(const Env& env, app::NewUser n) {
  std::getline(std::cin, n.password);
  if (!n.password.empty() && n.password.back() == '\r') n.password.pop_back();
  auto store = storage::OpenStore(env.store);
  const int64_t now = env.clock->NowUnixSeconds();
  storage::User u = app::PrepareUser(*store, n, app::PasswordCost{}, now);
  auto uow = store->Begin();
  auto id = store->users().Create(u);
  if (!id) {
    env.err << "jixu: 用户名已存在 / username taken: " << n.username << '\n';
    return kExitInvalidInput;
  }
  storage::AuditEntry e;
  e.at = now;
  e.actor = CliActor();
  e.actor_role = "cli";
  e.action = "user.create";
  e.entity = "user";
  e.entity_id = n.username;
  e.region_code = u.region_prefix;
  e.industry = u.industry;
  e.employer_code = u.employer_code;
  e.provider_code = u.provider_code;
  e.after_json = "{\"username\":\"" + u.username + "\",\"role\":\"" + n.role + "\"}";
  app::AppendAudit(*store, env.AuditKeyForWriting(*store), e);
  uow->Commit();
  env.out << "用户已创建 / user created: " << n.username << " (" << n.role << ")\n";
  return kExitOk;
}

}  // namespace

void AddUser(CommandSet& set) {
  CLI::App* user = set.root().add_subcommand("user", "账户 / accounts");
  auto n = std::make_shared<app::NewUser>();
  CLI::App* c = user->add_subcommand(
      "add", "新建账户 / create an account; the password is the first line of stdin");
  c->add_option("NAME", n->username, "the username")->required();
  // Not required here: a missing role or scope is listed with every other bad field (exit 3).
  c->add_option("--role", n->role,
                 "person, employer_admin, provider_admin, authority, admin (system administrator), "
                 "security_admin or audit_admin");
  c->add_option("--person", n->person_id_number, "role person: the person's ID number");
  c->add_option("--employer", n->employer_code, "role employer_admin: the employer's credit code");
  c->add_option("--provider", n->provider_code, "role provider_admin: the provider's code");
  c->add_option("--region", n->region_prefix, "role authority: region code prefix (none: national)");
  c->add_option("--industry", n->industry, "role authority: industry");
  c->add_option("--display-name", n->display_name, "name shown in the UI");
  set.Add(c, [n](const Env& env) { return CreateUser(env, *n); });
  user->require_subcommand(0, 1);  // one subcommand; a missing one is named by Main
}

}  // namespace jixu::cli
