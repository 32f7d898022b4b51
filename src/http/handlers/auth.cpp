// Sign-in, sign-out, the current user; and bearer-token authentication of every request.
#include "app/crypto.hpp"
#include "http/handlers/common.hpp"

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

Response Login(Call& call) {
  const json body = ParseBody(call.req);
  FieldReader f(body);
  auto username = f.Str("username", true, 100);
  auto password = f.Str("password", true, 1024);
  f.Finish();
  Api& api = call.api;
  auto user = call.store.users().FindByName(*username);
  // Verify against a fixed hash when the user is unknown: the same Argon2id work either way.
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
  const std::string token = app::RandomHex(kTokenHexLength / 2);
  storage::Session session{app::Sha256Hex(token), user->id, call.now, call.now,
                           call.now + api.config.session_absolute_s};
  api.writes.Run([&](storage::Store& s) {
    s.sessions().Create(session);
    s.users().ResetFailedLogins(user->id);
  });
  api.sessions.Put(session.token_hash, {*user, session, call.now, call.now});
  return JsonResponse(200, json{{"token", token},
                                {"expires_at", IsoTime(session.expires_at)},
                                {"idle_timeout_s", api.config.session_idle_s},
                                {"user", MeJson(call, *user)}});
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
}

void AddAuthRoutes(Router& r) {
  r.Add({"POST", "/api/v1/auth/login", Login, "auth",
         "sign in: {username, password} → {token, expires_at, user}", true, {}, {}, "json"});
  r.Add({"POST", "/api/v1/auth/logout", Logout, "auth", "end this session"});
  r.Add({"GET", "/api/v1/auth/me", Me, "auth", "the signed-in user and their scope"});
}

}  // namespace jixu::http
