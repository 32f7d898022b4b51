// The second factor (issue 15): enrolment in TOTP with a QR code and recovery codes, and the
// sign-in's second step. A session whose role requires it is usable for these routes only
// until the step is done (auth.cpp, Authenticate).
#include "app/accounts/security_policy.hpp"
#include "app/accounts/totp.hpp"
#include "certs/qr_svg.hpp"
#include "http/handlers/accounts/sign_in.hpp"

namespace jixu::http {
namespace {

constexpr std::string_view kIssuer = "jixu";

/// 422, not 401: the session stays valid for another try (a 401 would end it in the UI).
[[noreturn]] void ThrowWrongCode(const char* field) {
  throw ApiError(422, {MakeError("invalid_code", field, "验证码不正确或已过期",
                                 "the code is wrong or has expired")});
}

/// The session is done with its sign-in: the cache forgets it, so the next request reads the
/// cleared step from the database.
void CompleteSignIn(Call& call, storage::Store& s) {
  s.sessions().SetPending(call.caller.token_hash, kPendingNone);
  s.users().ResetFailedLogins(call.caller.user.id);
}

Response Status(Call& call) {
  const storage::User& u = call.caller.user;
  const auto policy = app::LoadSecurityPolicy(call.store);
  return JsonResponse(200, json{{"enabled", u.totp_enabled},
                                {"required", policy.RequiresSecondFactor(u)},
                                {"demo", u.demo},
                                {"recovery_codes_left", call.store.users().UnusedRecoveryCodes(u.id)}});
}

/// A new (unconfirmed) secret: shown once as a QR code and as text. An enrolled user must
/// first have it reset by a security administrator.
Response Enrol(Call& call) {
  const storage::User& u = call.caller.user;
  if (call.store.users().Totp(u.id).enabled) {
    ThrowConflict("already_enrolled", "已绑定验证器；如需更换，请联系安全管理员重置",
                  "an authenticator is already enrolled; a security administrator can reset it");
  }
  const std::string secret = app::NewTotpSecret();
  const std::string uri = app::OtpauthUri(kIssuer, u.username, secret);
  call.api.writes.Run([&](storage::Store& s) { s.users().SetTotp(u.id, secret, false); });
  return JsonResponse(200, json{{"secret", secret}, {"otpauth_uri", uri},
                                {"qr_svg", certs::QrSvg(uri)}});
}

/// A first code confirms the secret: the factor is on, ten recovery codes are shown once, and a
/// session that was waiting for enrolment is complete.
Response Confirm(Call& call) {
  const json body = ParseBody(call.req);
  FieldReader f(body);
  auto code = f.Str("code", true, 16);
  f.Finish();
  const storage::User& u = call.caller.user;
  AttemptTokens tokens(call.api, call.req, "totp:" + u.username, call.now);
  if (tokens.retry_after() > 0) return TooManyAttempts(tokens.retry_after());
  const storage::TotpState t = call.store.users().Totp(u.id);
  if (t.secret.empty() || t.enabled) {
    ThrowConflict("nothing_to_confirm", "没有待确认的验证器，请先开始绑定",
                  "there is no authenticator to confirm; start the enrolment first");
  }
  auto key = app::Base32Decode(t.secret);
  auto step = key ? app::MatchTotp(*key, *code, call.now) : std::nullopt;
  if (!step) ThrowWrongCode("code");
  tokens.Release();
  const std::vector<std::string> codes = app::NewRecoveryCodes();
  std::vector<std::string> hashes;
  for (const auto& c : codes) hashes.push_back(app::RecoveryCodeHash(c));
  call.api.writes.Run([&](storage::Store& s) {
    s.users().SetTotp(u.id, t.secret, true);
    s.users().UseTotpStep(u.id, *step);
    s.users().ReplaceRecoveryCodes(u.id, hashes);
    if (call.caller.pending == kPendingEnrol) CompleteSignIn(call, s);
    Audit(s, call, "user.second_factor_enrol", "user", call.api.ids.Encode(kUserId, u.id),
          {u.region_prefix, u.industry, u.employer_code, u.provider_code}, nullptr,
          json{{"second_factor", "totp"}});
  });
  call.api.sessions.EraseUser(u.id);
  storage::User after = u;
  after.totp_enabled = true;
  return JsonResponse(200, json{{"recovery_codes", codes}, {"user", UserJson(call.api, after)}});
}

/// The second step of a sign-in: a TOTP code (never one of a step already used), or one of the
/// recovery codes (each once). Failures count towards the account's lockout and the attempt
/// limits like wrong passwords do.
Response Verify(Call& call) {
  const json body = ParseBody(call.req);
  FieldReader f(body);
  auto code = f.Str("code", false, 16);
  auto recovery = f.Str("recovery_code", false, 32);
  if (!code && !recovery) {
    f.Fail("code", "required", "请输入验证码或恢复码", "give the code or a recovery code");
  }
  f.Finish();
  const storage::User& u = call.caller.user;
  if (call.caller.pending != kPendingTotp) {
    ThrowConflict("nothing_pending", "此会话无需输入验证码", "this session needs no code");
  }
  AttemptTokens tokens(call.api, call.req, "totp:" + u.username, call.now);
  if (tokens.retry_after() > 0) return TooManyAttempts(tokens.retry_after());
  auto fresh = call.store.users().FindById(u.id);
  if (!fresh || fresh->disabled || fresh->locked_until > call.now) ThrowWrongCode(code ? "code" : "recovery_code");
  bool ok = false;
  bool reused = false;
  call.api.writes.Run([&](storage::Store& s) {
    if (code) {
      const storage::TotpState t = s.users().Totp(u.id);
      auto key = app::Base32Decode(t.secret);
      auto step = key && t.enabled ? app::MatchTotp(*key, *code, call.now) : std::nullopt;
      if (step) {
        ok = s.users().UseTotpStep(u.id, *step);
        reused = !ok;
      }
    } else {
      ok = s.users().UseRecoveryCode(u.id, app::RecoveryCodeHash(*recovery), call.now);
      if (ok) {
        Audit(s, call, "auth.recovery_code", "user", call.api.ids.Encode(kUserId, u.id),
              {u.region_prefix, u.industry, u.employer_code, u.provider_code}, nullptr,
              json{{"recovery_codes_left", s.users().UnusedRecoveryCodes(u.id)}});
      }
    }
    if (ok) CompleteSignIn(call, s);
  });
  if (!ok) {
    CountFailure(call, u.id);
    if (reused) {
      throw ApiError(422, {MakeError("code_reused", "code",
                                     "此验证码已使用过，请等待验证器显示下一个验证码",
                                     "this code was used already; wait for the next one")});
    }
    ThrowWrongCode(code ? "code" : "recovery_code");
  }
  tokens.Release();
  call.api.sessions.Erase(call.caller.token_hash);
  return JsonResponse(200, json{{"second_factor", "none"},
                                {"must_change_password", fresh->must_change_password},
                                {"recovery_codes_left", call.store.users().UnusedRecoveryCodes(u.id)},
                                {"user", UserJson(call.api, *fresh)}});
}

}  // namespace

void AddSecondFactorRoutes(Router& r) {
  r.Add({"GET", "/api/v1/auth/totp", Status, "auth", "one's own second factor: enrolled, required"});
  r.Add({"POST", "/api/v1/auth/totp/enrol", Enrol, "auth",
         "start enrolling an authenticator app: a new secret, as text and a QR code"});
  r.Add({"POST", "/api/v1/auth/totp/confirm", Confirm, "auth",
         "confirm the enrolment with a first code: {code} → ten recovery codes, shown once",
         false, {}, {}, "json"});
  r.Add({"POST", "/api/v1/auth/second-factor", Verify, "auth",
         "the sign-in's second step: {code} or {recovery_code}", false, {}, {}, "json"});
}

}  // namespace jixu::http
