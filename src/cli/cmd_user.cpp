// `jixu user add` (provisioning; the password on stdin).
#include <iostream>
#include <string>
#include <unistd.h>

#include "app/audit_log.hpp"
#include "app/users.hpp"
#include "cli/args.hpp"
#include "cli/commands.hpp"

namespace jixu::cli {
namespace {

std::string CliActor() {
  const char* u = std::getenv("USER");
  return std::string("cli:") + (u != nullptr ? u : "unknown");
}

}  // namespace

int RunUser(const Env& env, const Argv& argv) {
  Args args(argv, {"role", "person", "employer", "provider", "region", "industry", "display-name"}, {});
  if (args.positional().size() != 2 || args.positional()[0] != "add") {
    throw UsageError{"usage: jixu user add NAME --role ROLE [--person ID_NUMBER|--employer CODE|"
                     "--provider CODE|--region PREFIX|--industry X] (password on stdin)"};
  }
  app::NewUser n;
  n.username = args.positional()[1];
  n.role = args.GetOr("role", "");
  n.person_id_number = args.GetOr("person", "");
  n.employer_code = args.GetOr("employer", "");
  n.provider_code = args.GetOr("provider", "");
  n.region_prefix = args.GetOr("region", "");
  n.industry = args.GetOr("industry", "");
  n.display_name = args.GetOr("display-name", "");
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

}  // namespace jixu::cli
