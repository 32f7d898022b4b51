// Sign-in, sign-out, the current user; and bearer-token authentication of every request.
#include "app/accounts/security_policy.hpp"
#include "app/crypto.hpp"
#include "http/handlers/accounts/sign_in.hpp"

namespace jixu::http {
namespace {

constexpr size_t kTokenHexLength = 64;  // 256 random bits

[[noreturn]] void ThrowBadCredentials() {
  // One answer for unknown user, wrong password, locked and disabled accounts alike.
  throw ApiError(401, {MakeError("invalid_credentials", "password",
                                 "用户名或密码错误，或账户已被暂时锁定",
                                 "wrong username or password, or the account is locked for now")});
}

json MeJson(const Call& call, const storage::User& u) {
  json j = UserJson(call.api, u);
  return j;
}

constexpr size_t kMaxUserAgent = 300;

/// The user agent as the sessions page shows it (bounded; control characters dropped).
std::string UserAgentOf(const Request& req) {
  const std::string* ua = req.Header("user-agent");
  std::string out;
  if (ua == nullptr) return out;
  for (unsigned char c : *ua) {
    if (out.size() >= kMaxUserAgent) break;
    if (c >= 0x20 && c != 0x7f) out += static_cast<char>(c);
  }
  return out;
}

Response Login(Call& call) {
  const json body = ParseBody(call.req);
  FieldReader f(body);
  auto username = f.Str("username", true, 100);
  auto password = f.Str("password", true, 1024);
  f.Finish();
  Api& api = call.api;
  AttemptTokens tokens(api, call.req, *username, call.now);
  if (tokens.retry_after() > 0) return TooManyAttempts(tokens.retry_after());
  auto user = call.store.users().FindByName(*username);
  // Verify against a hash of the same cost when the user is unknown: the same Argon2id work
  // either way.
  const bool verified =
      app::VerifyPassword(user ? user->password_hash : api.dummy_password_hash, *password);
  const bool locked = user && user->locked_until > call.now;
  if (!user || user->disabled || locked || !verified) {
    if (user && !locked && !verified) CountFailure(call, user->id);
    ThrowBadCredentials();
  }
  tokens.Release();
  // A hash of another cost (an older default, a demo, a changed --argon2-* option) is
  // replaced now that the password is known, so every account costs what the dummy does.
  std::string rehash;
  if (app::NeedsRehash(user->password_hash, api.config.password_cost)) {
    rehash = app::HashPassword(*password, api.config.password_cost);
  }
  const std::string token = app::RandomHex(kTokenHexLength / 2);
  const app::SecurityPolicy policy = app::LoadSecurityPolicy(call.store);
  storage::Session session{app::Sha256Hex(token), user->id, call.now, call.now,
                           call.now + api.config.session_absolute_s};
  session.user_agent = UserAgentOf(call.req);
  session.address = call.req.remote_addr;
  // A required second factor: the session is usable for that step only until it is done.
  if (policy.RequiresSecondFactor(*user)) {
    session.pending = user->totp_enabled ? kPendingTotp : kPendingEnrol;
  }
  // An expired password is changed first, as after an administrator's reset.
  const bool expired = policy.PasswordExpired(*user, call.now);
  if (expired) user->must_change_password = true;
  api.writes.Run([&](storage::Store& s) {
    s.sessions().Create(session);
    // With a second factor to come, failures restart only once it is done: a known password
    // does not wipe out the count of wrong codes.
    if (session.pending.empty()) s.users().ResetFailedLogins(user->id);
    if (!rehash.empty() && s.users().ReplacePasswordHash(user->id, user->password_hash, rehash)) {
      user->password_hash = rehash;
    }
    if (expired) s.users().Update(*user);
  });
  api.sessions.Put(session.token_hash, {*user, session, call.now, call.now});
  return JsonResponse(200, json{{"token", token},
                                {"expires_at", IsoTime(session.expires_at)},
                                {"idle_timeout_s", api.config.session_idle_s},
                                {"must_change_password", user->must_change_password},
                                {"password_expired", expired},
                                {"second_factor", session.pending.empty() ? std::string("none")
                                                                          : session.pending},
                                {"user", MeJson(call, *user)}});
}

/// The signed-in user's own password change: the one call a user whose password an
/// administrator reset may make (with me and logout). Needs the current password.
Response ChangePassword(Call& call) {
  const json body = ParseBody(call.req);
  FieldReader f(body);
  auto current = f.Str("current_password", true, 1024);
  auto next = f.Str("new_password", true, 1024);
  const app::SecurityPolicy policy = app::LoadSecurityPolicy(call.store);
  Errors rules = next ? app::CheckPasswordRules(policy.password, *next, "new_password") : Errors{};
  if (!rules.empty()) {
    for (auto& e : rules) f.Fail("new_password", e.code, e.message_zh, e.message_en);
  } else if (next && current && *next == *current) {
    f.Fail("new_password", "same_password", "新密码不能与当前密码相同",
           "the new password must differ from the current one");
  }
  f.Finish();
  Api& api = call.api;
  const storage::User& me = call.caller.user;
  AttemptTokens tokens(api, call.req, me.username, call.now);
  if (tokens.retry_after() > 0) return TooManyAttempts(tokens.retry_after());
  auto stored = call.store.users().FindById(me.id);
  if (!stored || !app::VerifyPassword(stored->password_hash, *current)) {
    throw ApiError(422, {MakeError("wrong_password", "current_password", "当前密码不正确",
                                   "the current password is wrong")});
  }
  tokens.Release();
  if (app::ReusesPassword(call.store, *stored, *next, policy.password)) {
    const std::string n = std::to_string(policy.password.history);
    throw ApiError(422, {MakeError("password_reused", "new_password",
                                   "密码规则：不能与最近 " + n + " 次使用过的密码相同",
                                   "password rule: it may not be any of your last " + n +
                                       " passwords")});
  }
  storage::User u = *stored;
  u.password_hash = app::HashPassword(*next, api.config.password_cost);
  u.must_change_password = false;
  u.password_changed_at = call.now;
  api.writes.Run([&](storage::Store& s) {
    s.users().AddPasswordHistory(u.id, stored->password_hash, call.now,
                                 std::max(policy.password.history - 1, 0));
    s.users().Update(u);
    // Other sessions (perhaps whoever made the reset necessary) end; this one goes on.
    s.sessions().DeleteForUser(u.id, call.caller.token_hash);
    Audit(s, call, "user.password_change", "user", api.ids.Encode(kUserId, u.id),
          {u.region_prefix, u.industry, u.employer_code, u.provider_code}, nullptr, nullptr);
  });
  api.sessions.EraseUser(u.id);
  return JsonResponse(200, MeJson(call, u));
}

/// Routes a user who must change their password may still call.
bool AllowedBeforePasswordChange(const Request& req) {
  return req.route == "/api/v1/auth/password" || req.route == "/api/v1/auth/me" ||
         req.route == "/api/v1/auth/logout" || req.route == "/api/v1/auth/login";
}

/// Routes a session lacking its second factor may call: the step itself, and signing out.
bool AllowedBeforeSecondFactor(const Request& req, std::string_view pending) {
  if (req.route == "/api/v1/auth/logout" || req.route == "/api/v1/auth/login") return true;
  if (pending == kPendingTotp) return req.route == "/api/v1/auth/second-factor";
  return req.route == "/api/v1/auth/me" || req.route == "/api/v1/auth/totp" ||
         req.route == "/api/v1/auth/totp/enrol" || req.route == "/api/v1/auth/totp/confirm";
}

Response Logout(Call& call) {
  const std::string hash = call.caller.token_hash;
  call.api.sessions.Erase(hash);
  call.api.writes.Run([&](storage::Store& s) { s.sessions().Delete(hash); });
  return Response::Json(204, "");
}

Response Me(Call& call) { return JsonResponse(200, MeJson(call, call.caller.user)); }

}  // namespace

void Authenticate(Call& call) {
  const std::string* h = call.req.Header("authorization");
  if (h == nullptr) return;
  if (h->size() != 7 + kTokenHexLength || h->compare(0, 7, "Bearer ") != 0) ThrowUnauthorized();
  Api& api = call.api;
  const std::string hash = app::Sha256Hex(std::string_view(*h).substr(7));
  auto entry = api.sessions.Get(hash);
  if (!entry || call.now - entry->checked_at >= api.config.session_cache_s) {
    auto session = call.store.sessions().Find(hash);
    auto user = session ? call.store.users().FindById(session->user_id) : std::nullopt;
    if (!session || !user || user->disabled) {
      api.sessions.Erase(hash);
      ThrowUnauthorized();
    }
    const int64_t active = entry ? entry->active_at : session->last_seen;
    if (entry) session->last_seen = std::max(session->last_seen, entry->session.last_seen);
    entry = SessionCache::Entry{*user, *session, call.now, active};
  }
  auto& s = entry->session;  // s.last_seen: what the database holds (written at most once a minute)
  const int64_t last_active = std::max(s.last_seen, entry->active_at);
  if (call.now >= s.expires_at || call.now - last_active >= api.config.session_idle_s) {
    api.sessions.Erase(hash);
    api.writes.Post([hash](storage::Store& st) { st.sessions().Delete(hash); });
    ThrowUnauthorized();
  }
  if (call.now - s.last_seen >= api.config.touch_interval_s) {
    // At most one write per session per interval: the hot read path stays write-free.
    const int64_t now = call.now;
    api.writes.Post([hash, now](storage::Store& st) { st.sessions().Touch(hash, now); });
    s.last_seen = now;
  }
  entry->active_at = call.now;
  api.sessions.Put(hash, *entry);
  call.caller.authenticated = true;
  call.caller.user = entry->user;
  call.caller.scope = ScopeOf(entry->user);
  call.caller.token_hash = hash;
  call.caller.pending = s.pending;
  if (!s.pending.empty() && !AllowedBeforeSecondFactor(call.req, s.pending)) {
    throw ApiError(403, {s.pending == kPendingTotp
                             ? MakeError("second_factor_required", "code",
                                         "请先输入动态验证码完成登录",
                                         "enter the code from your authenticator app first")
                             : MakeError("second_factor_enrolment_required", "code",
                                         "您的角色须使用两步验证：请先绑定验证器",
                                         "your role signs in with a second factor: enrol an "
                                         "authenticator app first")});
  }
  if (entry->user.must_change_password && !AllowedBeforePasswordChange(call.req)) {
    throw ApiError(403, {MakeError("password_change_required", "password",
                                   "请先修改密码（管理员已重置，或密码已过期）",
                                   "change your password first (an administrator reset it, or "
                                   "it expired)")});
  }
}

void AddAuthRoutes(Router& r) {
  r.Add({"POST", "/api/v1/auth/login", Login, "auth",
         "sign in: {username, password} → {token, expires_at, user}", true, {}, {}, "json"});
  r.Add({"POST", "/api/v1/auth/logout", Logout, "auth", "end this session"});
  r.Add({"GET", "/api/v1/auth/me", Me, "auth", "the signed-in user and their scope"});
  r.Add({"POST", "/api/v1/auth/password", ChangePassword, "auth",
         "change one's own password: {current_password, new_password}", false, {}, {}, "json"});
}

}  // namespace jixu::http
