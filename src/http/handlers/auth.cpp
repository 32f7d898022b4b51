// Sign-in, sign-out, the current user; and bearer-token authentication of every request.
#include "app/crypto.hpp"
#include "http/handlers/common.hpp"

namespace jixu::http {
namespace {

constexpr size_t kTokenHexLength = 64;  // 256 random bits
constexpr size_t kMinPasswordLength = 8;

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

/// 429 for a sign-in over its rate limit, with the seconds to wait in Retry-After.
Response TooManyAttempts(int64_t retry_after) {
  Response r = ProblemResponse(
      429, {MakeError("too_many_attempts", "username",
                      "登录尝试过于频繁，请 " + std::to_string(retry_after) + " 秒后再试",
                      "too many sign-in attempts; try again in " + std::to_string(retry_after) +
                          " s")});
  r.headers.emplace_back("Retry-After", std::to_string(retry_after));
  return r;
}

/// One sign-in attempt's tokens: taken from the client address's and the username's buckets
/// before any Argon2 work (a refused attempt costs next to nothing), given back when the
/// password turns out right, so only failures use up a limit.
class AttemptTokens {
 public:
  AttemptTokens(Api& api, const Request& req, std::string username, int64_t now)
      : api_(api), address_(req.remote_addr), username_(std::move(username)), now_(now) {
    // An empty address (a transport that does not report it) is not one shared bucket.
    if (!address_.empty()) {
      retry_after_ = api_.login_by_address.Take(address_, now_);
      if (retry_after_ > 0) return;
      took_address_ = true;
    }
    retry_after_ = api_.login_by_user.Take(username_, now_);
    if (retry_after_ > 0) {
      Release();
      return;
    }
    took_user_ = true;
  }
  /// Seconds to wait when the attempt was refused, else 0.
  int64_t retry_after() const { return retry_after_; }
  /// The attempt succeeded: it does not count against either limit.
  void Release() {
    if (took_address_) api_.login_by_address.Refund(address_, now_);
    if (took_user_) api_.login_by_user.Refund(username_, now_);
    took_address_ = took_user_ = false;
  }

 private:
  Api& api_;
  std::string address_, username_;
  double now_;
  bool took_address_ = false, took_user_ = false;
  int64_t retry_after_ = 0;
};

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
    const int64_t uid = user ? user->id : 0;
    const bool count = user && !locked && !verified;
    api.writes.Run([&, uid, count](storage::Store& s) {
      if (!count) return;
      auto after = s.users().RecordFailedLogin(uid, call.now, api.config.lockout_failures,
                                               api.config.lockout_s);
      if (after && after->locked_until > call.now) {
        Audit(s, call, "auth.lockout", "user", api.ids.Encode(kUserId, uid), {}, nullptr,
              json{{"locked_until", IsoTime(after->locked_until)}});
      }
    });
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
  storage::Session session{app::Sha256Hex(token), user->id, call.now, call.now,
                           call.now + api.config.session_absolute_s};
  api.writes.Run([&](storage::Store& s) {
    s.sessions().Create(session);
    s.users().ResetFailedLogins(user->id);
    if (!rehash.empty() && s.users().ReplacePasswordHash(user->id, user->password_hash, rehash)) {
      user->password_hash = rehash;
    }
  });
  api.sessions.Put(session.token_hash, {*user, session, call.now, call.now});
  return JsonResponse(200, json{{"token", token},
                                {"expires_at", IsoTime(session.expires_at)},
                                {"idle_timeout_s", api.config.session_idle_s},
                                {"must_change_password", user->must_change_password},
                                {"user", MeJson(call, *user)}});
}

/// The signed-in user's own password change: the one call a user whose password an
/// administrator reset may make (with me and logout). Needs the current password.
Response ChangePassword(Call& call) {
  const json body = ParseBody(call.req);
  FieldReader f(body);
  auto current = f.Str("current_password", true, 1024);
  auto next = f.Str("new_password", true, 1024);
  if (next && next->size() < kMinPasswordLength) {
    f.Fail("new_password", "weak_password", "新密码至少8位",
           "the new password needs at least 8 characters");
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
  storage::User u = *stored;
  u.password_hash = app::HashPassword(*next, api.config.password_cost);
  u.must_change_password = false;
  api.writes.Run([&](storage::Store& s) {
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
  if (entry->user.must_change_password && !AllowedBeforePasswordChange(call.req)) {
    throw ApiError(403, {MakeError("password_change_required", "password",
                                   "管理员已重置您的密码，请先修改密码",
                                   "an administrator reset your password: change it first")});
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
