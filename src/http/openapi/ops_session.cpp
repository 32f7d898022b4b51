// Operations of health, sign-in, user accounts, policies and the audit log.
#include "http/openapi/schema.hpp"

namespace jixu::http::openapi {

void AddSessionOperations(Operations& ops) {
  ops["GET /healthz"] = Answers(200, Obj({{"status", Enum({"ok"})}}));
  ops["GET /readyz"] = Answers(200, Obj({{"status", Enum({"ready"})}, {"backend", Enum({"sqlite", "postgresql"})}}));
  ops["GET /api/v1/openapi.json"] = Answers(200, json{{"type", "object"}, {"description", "this document"}});

  Operation login = Takes(Body({{"username", Str()}, {"password", Str()}}), 200, Ref("LoginResult"));
  login.problems = {429};
  ops["POST /api/v1/auth/login"] = login;
  Operation logout;
  logout.responses[204] = NoContent();
  ops["POST /api/v1/auth/logout"] = logout;
  ops["GET /api/v1/auth/me"] = Answers(200, Ref("User"));
  Operation password = Takes(Body({{"current_password", Str()}, {"new_password", Str("at least 8 characters")}}),
                             200, Ref("User"));
  password.problems = {429};
  ops["POST /api/v1/auth/password"] = password;

  Operation users = Answers(200, ListOf(Ref("UserListItem")));
  users.query = {{"role", Ref("Role")}};
  ops["GET /api/v1/users"] = users;
  Operation create = Takes(Body({{"username", Str()},
                                 {"password", Str()},
                                 {"role", Ref("Role")},
                                 {"display_name?", Str()},
                                 {"person_id_number?", Str("the person of a person account")},
                                 {"employer_code?", Str()},
                                 {"provider_code?", Str()},
                                 {"region_prefix?", RegionCode()},
                                 {"industry?", Str()}}),
                           201, Ref("User"));
  create.problems = {409};
  ops["POST /api/v1/users"] = create;
  Operation update = Takes(Body({{"disabled?", Bool()}, {"display_name?", Str()},
                                 {"password?", Str("a new password; its owner must change it")}}),
                           200, Ref("User"));
  update.problems = {409};
  ops["PATCH /api/v1/users/{id}"] = update;
  Operation reset = Answers(200, Obj({{"user", Ref("User")}, {"temporary_password", Str("shown once")}}));
  reset.problems = {409};
  ops["POST /api/v1/users/{id}/password-reset"] = reset;

  ops["GET /api/v1/policies"] = Answers(200, ListOf(Ref("Policy")));
  ops["GET /api/v1/policies/{id}"] = Answers(200, Ref("Policy"));

  Operation audit = Answers(200, ListOf(Ref("AuditEntry")));
  const json seconds = {{"type", "integer"}, {"description", "unix seconds"}};
  audit.query = {{"from", seconds}, {"to", seconds}};
  ops["GET /api/v1/audit"] = audit;
  ops["GET /api/v1/audit/verify"] = Answers(200, Ref("AuditVerification"));
}

}  // namespace jixu::http::openapi
