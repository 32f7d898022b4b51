#pragma once
// What the sign-in routes share (auth.cpp, accounts/second_factor.cpp): the attempt limits
// and the steps a session may still lack.
#include <string>

#include "http/handlers/common.hpp"

namespace jixu::http {

/// Session.pending values: the step of the sign-in still missing.
inline constexpr std::string_view kPendingNone = "";
inline constexpr std::string_view kPendingTotp = "totp";    ///< the code (or a recovery code)
inline constexpr std::string_view kPendingEnrol = "enrol";  ///< enrolment in TOTP

/// 429 for an attempt over its rate limit, with the seconds to wait in Retry-After.
Response TooManyAttempts(int64_t retry_after);

/// One attempt's tokens (a password or a code): taken from the client address's and the
/// key's buckets before any Argon2 or HMAC work (a refused attempt costs next to nothing),
/// given back when it turns out right, so only failures use up a limit.
class AttemptTokens {
 public:
  AttemptTokens(Api& api, const Request& req, std::string key, int64_t now);
  /// Seconds to wait when the attempt was refused, else 0.
  int64_t retry_after() const { return retry_after_; }
  /// The attempt succeeded: it does not count against either limit.
  void Release();

 private:
  Api& api_;
  std::string address_, key_;
  double now_;
  bool took_address_ = false, took_key_ = false;
  int64_t retry_after_ = 0;
};

/// Counts a failed attempt against the account's lockout (audited when it locks).
void CountFailure(Call& call, int64_t user_id);

/// A session as its owner sees it (accounts/sessions.cpp): never the token or its hash.
json SessionJson(const Call& call, const storage::Session& s);

}  // namespace jixu::http
