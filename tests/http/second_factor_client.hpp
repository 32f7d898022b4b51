#pragma once
// Signing in an account whose role needs a second factor, as an authenticator app would: the
// code is computed from the secret at the server's time (the real clock plus the test offset).
// Each accepted code uses up its time step, so the helper remembers the newest step it used
// per account and answers with a later one (the server accepts the next step too).
#include <ctime>
#include <map>
#include <string>

#include "app/accounts/totp.hpp"
#include "http/server_fixture.hpp"

namespace jixu::testing {

class Authenticator {
 public:
  explicit Authenticator(const ServerProcess& server) : server_(server) {}

  void set_clock_offset(int64_t s) {
    offset_ = s;
    server_.SetClockOffset(s);
  }
  int64_t now() const { return std::time(nullptr) + offset_; }

  /// The next code for `user` the server will take (a step not used before).
  std::string NextCode(const std::string& user) {
    const auto key = app::Base32Decode(secrets_.at(user));
    int64_t step = app::TotpStep(now());
    if (auto it = last_step_.find(user); it != last_step_.end() && step <= it->second) {
      step = it->second + 1;
    }
    last_step_[user] = step;
    return app::Hotp(*key, static_cast<uint64_t>(step));
  }
  /// Remembers the secret enrolment returned (and that its confirmation used the current step).
  void Remember(const std::string& user, const std::string& secret) { secrets_[user] = secret; }
  bool Knows(const std::string& user) const { return secrets_.count(user) > 0; }

  /// Enrols `token`'s user (whose session waits for enrolment, or who enrols voluntarily);
  /// returns the recovery codes.
  nlohmann::json Enrol(const std::string& user, const std::string& token) {
    HttpClient c(server_.port());
    auto e = c.Post("/api/v1/auth/totp/enrol", nlohmann::json::object(), token);
    if (e.status != 200) return nlohmann::json();
    Remember(user, e.json()["secret"]);
    last_step_.erase(user);
    auto r = c.Post("/api/v1/auth/totp/confirm", {{"code", NextCode(user)}}, token);
    return r.status == 200 ? r.json()["recovery_codes"] : nlohmann::json();
  }

  /// Signs in with password and (enrolling first if need be) the code; "" on failure.
  std::string SignIn(const std::string& user, const std::string& password) {
    HttpClient c(server_.port());
    auto r = c.Post("/api/v1/auth/login", {{"username", user}, {"password", password}});
    if (r.status != 200) return "";
    const std::string token = r.json()["token"];
    const std::string step = r.json()["second_factor"];
    if (step == "enrol") return Enrol(user, token).is_array() ? token : "";
    if (step == "totp") {
      auto v = c.Post("/api/v1/auth/second-factor", {{"code", NextCode(user)}}, token);
      return v.status == 200 ? token : "";
    }
    return token;
  }

 private:
  const ServerProcess& server_;
  int64_t offset_ = 0;
  std::map<std::string, std::string> secrets_;
  std::map<std::string, int64_t> last_step_;
};

}  // namespace jixu::testing
