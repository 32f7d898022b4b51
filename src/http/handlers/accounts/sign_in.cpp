#include "http/handlers/accounts/sign_in.hpp"

namespace jixu::http {

Response TooManyAttempts(int64_t retry_after) {
  Response r = ProblemResponse(
      429, {MakeError("too_many_attempts", "username",
                      "登录尝试过于频繁，请 " + std::to_string(retry_after) + " 秒后再试",
                      "too many sign-in attempts; try again in " + std::to_string(retry_after) +
                          " s")});
  r.headers.emplace_back("Retry-After", std::to_string(retry_after));
  return r;
}

AttemptTokens::AttemptTokens(Api& api, const Request& req, std::string key, int64_t now)
    : api_(api), address_(req.remote_addr), key_(std::move(key)), now_(now) {
  // An empty address (a transport that does not report it) is not one shared bucket.
  if (!address_.empty()) {
    retry_after_ = api_.login_by_address.Take(address_, now_);
    if (retry_after_ > 0) return;
    took_address_ = true;
  }
  retry_after_ = api_.login_by_user.Take(key_, now_);
  if (retry_after_ > 0) {
    Release();
    return;
  }
  took_key_ = true;
}

void AttemptTokens::Release() {
  if (took_address_) api_.login_by_address.Refund(address_, now_);
  if (took_key_) api_.login_by_user.Refund(key_, now_);
  took_address_ = took_key_ = false;
}

void CountFailure(Call& call, int64_t user_id) {
  Api& api = call.api;
  api.writes.Run([&](storage::Store& s) {
    auto after = s.users().RecordFailedLogin(user_id, call.now, api.config.lockout_failures,
                                             api.config.lockout_s);
    if (after && after->locked_until > call.now) {
      Audit(s, call, "auth.lockout", "user", api.ids.Encode(kUserId, user_id), {}, nullptr,
            json{{"locked_until", IsoTime(after->locked_until)}});
    }
  });
}

}  // namespace jixu::http
