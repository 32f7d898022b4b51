// The security administrator's routes (三员分立, issue 15): the accounts' security policy
// (password rules, which roles need a second factor), unlocking an account, and resetting a
// user's second factor. Each is audited; the system and audit administrators may do none.
#include "app/accounts/security_policy.hpp"
#include "http/handlers/accounts/sign_in.hpp"

namespace jixu::http {
namespace {

const std::vector<Role> kSecurityAdmin = {Role::kSecurityAdmin};

json PolicyJson(const app::SecurityPolicy& p) { return json::parse(app::SecurityPolicyText(p)); }

Response GetPolicy(Call& call) {
  return JsonResponse(200, PolicyJson(app::LoadSecurityPolicy(call.store)));
}

Response PutPolicy(Call& call) {
  const json body = ParseBody(call.req);
  app::SecurityPolicy next = app::ParseSecurityPolicy(body.dump());
  const std::string text = app::SecurityPolicyText(next);
  call.api.writes.Run([&](storage::Store& s) {
    const app::SecurityPolicy before = app::LoadSecurityPolicy(s);
    s.settings().Put(app::kSecurityPolicyKey, text);
    Audit(s, call, "security.policy", "settings", std::string(app::kSecurityPolicyKey), {},
          PolicyJson(before), PolicyJson(next));
  });
  return JsonResponse(200, PolicyJson(next));
}

storage::User LoadUser(Call& call) {
  const int64_t id = call.api.ids.Decode(kUserId, call.req.Param("id"));
  auto u = id ? call.store.users().FindById(id) : std::nullopt;
  if (!u) ThrowNotFound();
  return *u;
}

Response Unlock(Call& call) {
  const storage::User u = LoadUser(call);
  call.api.writes.Run([&](storage::Store& s) {
    s.users().Unlock(u.id);
    Audit(s, call, "user.unlock", "user", call.api.ids.Encode(kUserId, u.id),
          {u.region_prefix, u.industry, u.employer_code, u.provider_code},
          json{{"locked_until", u.locked_until > 0 ? json(IsoTime(u.locked_until)) : json(nullptr)}},
          json{{"locked_until", nullptr}});
  });
  call.api.login_by_user.Refund(u.username, call.now);
  return JsonResponse(200, UserJson(call.api, u));
}

/// The user lost their authenticator: the factor and the recovery codes are removed and every
/// session ends; the next sign-in enrols again (if the role requires it).
Response ResetSecondFactor(Call& call) {
  storage::User u = LoadUser(call);
  if (u.id == call.caller.user.id) {
    ThrowConflict("cannot_reset_self", "不能重置自己的两步验证，请由另一位安全管理员操作",
                  "you cannot reset your own second factor; ask another security administrator");
  }
  call.api.writes.Run([&](storage::Store& s) {
    s.users().SetTotp(u.id, "", false);
    s.users().ReplaceRecoveryCodes(u.id, {});
    s.sessions().DeleteForUser(u.id, "");
    Audit(s, call, "user.second_factor_reset", "user", call.api.ids.Encode(kUserId, u.id),
          {u.region_prefix, u.industry, u.employer_code, u.provider_code},
          json{{"second_factor", u.totp_enabled}}, json{{"second_factor", false}});
  });
  call.api.sessions.EraseUser(u.id);
  u.totp_enabled = false;
  return JsonResponse(200, UserJson(call.api, u));
}

}  // namespace

void AddSecurityRoutes(Router& r) {
  r.Add({"GET", "/api/v1/security/policy", GetPolicy, "security",
         "the accounts' security policy: password rules, roles with a second factor", false,
         kSecurityAdmin});
  r.Add({"PUT", "/api/v1/security/policy", PutPolicy, "security",
         "change the accounts' security policy", false, kSecurityAdmin, {}, "json"});
  r.Add({"POST", "/api/v1/users/{id}/unlock", Unlock, "security",
         "end an account's lock after failed sign-ins", false, kSecurityAdmin});
  r.Add({"POST", "/api/v1/users/{id}/second-factor-reset", ResetSecondFactor, "security",
         "remove a user's second factor (lost authenticator); they enrol again", false,
         kSecurityAdmin});
}

}  // namespace jixu::http
