// A user's own sessions (issue 15): where and when they are signed in, and signing out of one
// or of all the others.
#include "app/crypto.hpp"
#include "http/handlers/accounts/sign_in.hpp"

namespace jixu::http {
namespace {

constexpr size_t kSessionIdLength = 24;

/// A session's id on the page: derived from the token's hash, so it names the session without
/// revealing what authenticates it.
std::string PublicId(const std::string& token_hash) {
  return app::Sha256Hex("jixu-session:" + token_hash).substr(0, kSessionIdLength);
}

}  // namespace

json SessionJson(const Call& call, const storage::Session& s) {
  const bool current = s.token_hash == call.caller.token_hash;
  return json{{"id", PublicId(s.token_hash)},
              {"user_agent", s.user_agent},
              {"address", s.address},
              {"created_at", IsoTime(s.created_at)},
              {"last_seen", IsoTime(current ? call.now : s.last_seen)},
              {"expires_at", IsoTime(s.expires_at)},
              {"current", current}};
}

namespace {

Response List(Call& call) {
  json items = json::array();
  for (const auto& s : call.store.sessions().ListForUser(call.caller.user.id)) {
    // Expired sessions wait for the purge; they are no longer signed in.
    const bool ended = s.expires_at <= call.now || call.now - s.last_seen >= call.api.config.session_idle_s;
    if (ended && s.token_hash != call.caller.token_hash) continue;
    items.push_back(SessionJson(call, s));
  }
  return JsonResponse(200, json{{"items", items}});
}

Response SignOutOne(Call& call) {
  const std::string& id = call.req.Param("id");
  std::string hash;
  for (const auto& s : call.store.sessions().ListForUser(call.caller.user.id)) {
    if (PublicId(s.token_hash) == id) hash = s.token_hash;
  }
  if (hash.empty()) ThrowNotFound();  // not one of the caller's sessions
  call.api.sessions.Erase(hash);
  call.api.writes.Run([&](storage::Store& s) { s.sessions().Delete(hash); });
  return Response::Json(204, "");
}

Response SignOutOthers(Call& call) {
  int64_t ended = 0;
  const storage::User& u = call.caller.user;
  call.api.writes.Run([&](storage::Store& s) {
    ended = s.sessions().DeleteForUser(u.id, call.caller.token_hash);
  });
  // This process's cache forgets them at once (others within session_cache_s).
  call.api.sessions.EraseUser(u.id);
  return JsonResponse(200, json{{"ended", ended}});
}

}  // namespace

void AddSessionRoutes(Router& r) {
  r.Add({"GET", "/api/v1/auth/sessions", List, "auth",
         "one's own active sessions: device, address, started, last seen"});
  r.Add({"DELETE", "/api/v1/auth/sessions/{id}", SignOutOne, "auth", "sign one of one's sessions out"});
  r.Add({"POST", "/api/v1/auth/sessions/sign-out-others", SignOutOthers, "auth",
         "sign out every session of one's own but this one"});
}

}  // namespace jixu::http
