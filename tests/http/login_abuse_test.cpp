// Login abuse (issue 9): the per-username rate limit answers 429 with Retry-After before any
// password work, for right and wrong passwords alike, and refills with time; a hash made at
// another Argon2 cost is replaced at the next sign-in. The server runs with a small username
// burst; the per-address limit keeps its default, so these tests hold whether or not the
// transport reports the client's address.
#include "app/crypto.hpp"
#include "http/api_fixture.hpp"

namespace jixu::testing {
namespace {

using nlohmann::json;

class LoginAbuse : public ApiSuite {
 protected:
  const char* Name() const override { return "login-abuse"; }
  std::string ServeFlags() const override {
    return "--login-user-burst 3 --login-user-per-minute 1";
  }
  static HttpResponse Login(const std::string& user, const std::string& password) {
    return Send("POST", "/api/v1/auth/login", {{"username", user}, {"password", password}});
  }
  static std::string StoredHash(const std::string& user) {
    return server_->db().QueryText("SELECT password_hash FROM users WHERE username = '" + user + "'");
  }
  void TearDown() override {
    if (server_ != nullptr) server_->SetClockOffset(0);
  }
};

JIXU_INSTANTIATE_FOR_TEST_BACKENDS(LoginAbuse);

TEST_P(LoginAbuse, TheFourthRapidAttemptOnAUsernameIs429EvenWithTheRightPassword) {
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Login("person2", "wrong-pass").status, 401) << i + 1;
  auto refused = Login("person2", "wrong-pass");
  ASSERT_EQ(refused.status, 429);
  EXPECT_EQ(refused.headers["content-type"], "application/problem+json");
  const int64_t wait = std::stoll(refused.headers["retry-after"]);
  EXPECT_GE(wait, 1);
  EXPECT_LE(wait, 60) << "one token a minute";
  const json p = refused.json();
  EXPECT_EQ(p["code"], "too_many_attempts");
  EXPECT_NE(p["message_zh"].get<std::string>().find("登录尝试过于频繁"), std::string::npos);
  EXPECT_NE(p["message_en"].get<std::string>().find("too many sign-in attempts"), std::string::npos);
  EXPECT_EQ(Login("person2", "jixu-person2-2026").status, 429) << "the right password waits too";
  // Refused attempts do no work: were these counted, the 5-failure lockout would now hold.
  for (int i = 0; i < 5; ++i) EXPECT_EQ(Login("person2", "wrong-pass").status, 429);
  EXPECT_NE(server_->LoginDemo("city"), "") << "the limit is per username";

  server_->SetClockOffset(61);
  auto after = Login("person2", "jixu-person2-2026");
  EXPECT_EQ(after.status, 200) << "one token back after a minute; not locked: " << after.body;
}

TEST_P(LoginAbuse, SuccessfulSignInsDoNotUseUpTheLimit) {
  for (int i = 0; i < 6; ++i) ASSERT_NE(server_->LoginDemo("province"), "") << "sign-in " << i + 1;
}

TEST_P(LoginAbuse, UnknownUsernamesAreLimitedAlike) {
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Login("nobody-at-all", "whatever1").status, 401);
  EXPECT_EQ(Login("nobody-at-all", "whatever1").status, 429)
      << "the limit does not tell which usernames exist";
}

TEST_P(LoginAbuse, ASignInReplacesAHashOfAnotherCostWithTheConfiguredOne) {
  // `jixu demo` hashed at the default cost; this server is configured for 1 pass over 8 MiB.
  const std::string configured = "m=8192,t=1,p=1";
  const std::string before = StoredHash("hr");
  ASSERT_EQ(app::HashParameters(before), "m=32768,t=3,p=1");
  EXPECT_EQ(Login("hr", "wrong-pass").status, 401);
  EXPECT_EQ(StoredHash("hr"), before) << "a failed attempt rehashes nothing";
  ASSERT_EQ(Login("hr", "jixu-hr-2026").status, 200);
  const std::string after = StoredHash("hr");
  EXPECT_EQ(app::HashParameters(after), configured);
  EXPECT_NE(after, before);
  EXPECT_EQ(Login("hr", "jixu-hr-2026").status, 200) << "the new hash holds the same password";
  EXPECT_EQ(StoredHash("hr"), after) << "a hash of the configured cost is left alone";
}

}  // namespace
}  // namespace jixu::testing
