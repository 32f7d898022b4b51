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
  Operation password = Takes(Body({{"current_password", Str()}, {"new_password", Str("the security policy's rules (GET /security/policy)")}}),
                             200, Ref("User"));
  password.problems = {429};
  ops["POST /api/v1/auth/password"] = password;

  Operation second = Takes(Body({{"code?", Str("6 digits")}, {"recovery_code?", Str()}}), 200,
                          Obj({{"second_factor", Ref("SecondFactorStep")},
                               {"must_change_password", Bool()},
                               {"recovery_codes_left", Int()},
                               {"user", Ref("User")}}));
  second.problems = {409, 429};
  ops["POST /api/v1/auth/second-factor"] = second;
  ops["GET /api/v1/auth/totp"] = Answers(200, Obj({{"enabled", Bool()}, {"required", Bool()},
                                                   {"demo", Bool()}, {"recovery_codes_left", Int()}}));
  Operation enrol = Answers(200, Obj({{"secret", Str("base32")}, {"otpauth_uri", Str()},
                                      {"qr_svg", Str("the URI as an SVG QR code")}}));
  enrol.problems = {409};
  ops["POST /api/v1/auth/totp/enrol"] = enrol;
  Operation confirm = Takes(Body({{"code", Str("6 digits")}}), 200,
                            Obj({{"recovery_codes", Array(Str())}, {"user", Ref("User")}}));
  confirm.problems = {409, 429};
  ops["POST /api/v1/auth/totp/confirm"] = confirm;
  ops["GET /api/v1/auth/data"] = Answers(200, Ref("OwnData"));
  ops["GET /api/v1/auth/sessions"] = Answers(200, Obj({{"items", Array(Ref("Session"))}}));
  Operation sign_out;
  sign_out.responses[204] = NoContent();
  ops["DELETE /api/v1/auth/sessions/{id}"] = sign_out;
  ops["POST /api/v1/auth/sessions/sign-out-others"] = Answers(200, Obj({{"ended", Int()}}));
  ops["GET /api/v1/security/policy"] = Answers(200, Ref("SecurityPolicy"));
  ops["PUT /api/v1/security/policy"] = Takes(Ref("SecurityPolicy"), 200, Ref("SecurityPolicy"));
  ops["POST /api/v1/users/{id}/unlock"] = Answers(200, Ref("User"));
  Operation factor_reset = Answers(200, Ref("User"));
  factor_reset.problems = {409};
  ops["POST /api/v1/users/{id}/second-factor-reset"] = factor_reset;

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
  Operation audit_export;
  audit_export.query = {{"from", seconds}, {"to", seconds}};
  audit_export.responses[200] = FileContent("text/csv", "the matching entries, UTF-8 with a BOM");
  ops["GET /api/v1/audit/export"] = audit_export;
  ops["GET /api/v1/audit/verify"] = Answers(200, Ref("AuditVerification"));
}

}  // namespace jixu::http::openapi
