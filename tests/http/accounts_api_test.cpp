// The password policy (issue 15 item 4: length, classes, history, expiry; demo accounts
// exempt from expiry) and a user's own sessions with sign-out of one or all others.
#include "http/api_fixture.hpp"

namespace jixu::testing {
namespace {

using nlohmann::json;

constexpr int64_t kDay = 86400;

class AccountsApi : public ApiSuite {
 protected:
  const char* Name() const override { return "accounts"; }
  static HttpResponse Login(const std::string& user, const std::string& password) {
    return Send("POST", "/api/v1/auth/login", {{"username", user}, {"password", password}});
  }
  static HttpResponse NewProviderAdmin(const std::string& name, const std::string& password) {
    const json provider = Get("/api/v1/auth/me", Token("provider")).json();
    return Send("POST", "/api/v1/users", {{"username", name}, {"password", password},
                                          {"role", "provider_admin"},
                                          {"provider_code", provider["provider_code"]}}, Token("admin"));
  }
  static HttpResponse Change(const std::string& token, const std::string& from, const std::string& to) {
    return Send("POST", "/api/v1/auth/password", {{"current_password", from}, {"new_password", to}}, token);
  }
};

JIXU_INSTANTIATE_FOR_TEST_BACKENDS(AccountsApi);

TEST_P(AccountsApi, ANewPasswordBreakingARuleIsRefusedNamingTheRule) {
  auto simple = NewProviderAdmin("pw-simple", "password123");
  ASSERT_EQ(simple.status, 422) << simple.body;
  EXPECT_EQ(simple.json()["errors"][0]["code"], "password_too_simple");
  EXPECT_EQ(simple.json()["errors"][0]["field"], "password");
  EXPECT_NE(simple.json()["errors"][0]["message_zh"].get<std::string>().find("密码规则"), std::string::npos);
  EXPECT_NE(simple.json()["errors"][0]["message_en"].get<std::string>().find("password rule"), std::string::npos);
  auto short_one = NewProviderAdmin("pw-short", "Ab1-");
  EXPECT_EQ(short_one.json()["errors"][0]["code"], "password_too_short");
  ASSERT_EQ(NewProviderAdmin("pw-user", "Pw-User-2026").status, 201);
  const std::string t = Login("pw-user", "Pw-User-2026").json()["token"];
  EXPECT_EQ(Change(t, "Pw-User-2026", "lowercaseonly").json()["errors"][0]["code"], "password_too_simple");
}

TEST_P(AccountsApi, TheLastFivePasswordsMayNotComeBack) {
  ASSERT_EQ(NewProviderAdmin("pw-history", "History-0-pass").status, 201);
  std::string token = Login("pw-history", "History-0-pass").json()["token"];
  std::string current = "History-0-pass";
  for (int i = 1; i <= 4; ++i) {
    const std::string next = "History-" + std::to_string(i) + "-pass";
    auto r = Change(token, current, next);
    ASSERT_EQ(r.status, 200) << r.body;
    current = next;
  }
  // Passwords 0–4 are the last five: each is refused, naming the rule.
  for (int i = 0; i < 4; ++i) {
    auto r = Change(token, current, "History-" + std::to_string(i) + "-pass");
    EXPECT_EQ(r.status, 422) << i;
    EXPECT_EQ(r.json()["errors"][0]["code"], "password_reused") << i;
    EXPECT_NE(r.json()["errors"][0]["message_zh"].get<std::string>().find("最近 5 次"), std::string::npos);
  }
  ASSERT_EQ(Change(token, current, "History-5-pass").status, 200);
  EXPECT_EQ(Change(token, "History-5-pass", "History-0-pass").status, 200)
      << "the sixth password back may be used again";
}

TEST_P(AccountsApi, AnExpiredPasswordMustBeChangedButDemoAccountsNeverExpire) {
  ASSERT_EQ(NewProviderAdmin("pw-expiry", "Expiry-Old-2026").status, 201);
  server_->SetClockOffset(91 * kDay);
  auto login = Login("pw-expiry", "Expiry-Old-2026");
  auto demo = Login("provider", "jixu-provider-2026");
  server_->SetClockOffset(0);
  ASSERT_EQ(login.status, 200) << login.body;
  EXPECT_TRUE(login.json()["password_expired"].get<bool>());
  EXPECT_TRUE(login.json()["must_change_password"].get<bool>());
  const std::string t = login.json()["token"];
  auto blocked = Get("/api/v1/courses?mine=true", t);
  EXPECT_EQ(blocked.status, 403);
  EXPECT_EQ(blocked.json()["code"], "password_change_required");
  EXPECT_NE(blocked.json()["message_zh"].get<std::string>().find("过期"), std::string::npos);
  ASSERT_EQ(Change(t, "Expiry-Old-2026", "Expiry-New-2026").status, 200);
  EXPECT_FALSE(Login("pw-expiry", "Expiry-New-2026").json()["password_expired"].get<bool>());
  ASSERT_EQ(demo.status, 200);
  EXPECT_FALSE(demo.json()["password_expired"].get<bool>()) << "demo accounts are exempt";
  EXPECT_FALSE(demo.json()["must_change_password"].get<bool>());
}

TEST_P(AccountsApi, AUserListsTheirSessionsAndSignsOutOneOrAllOthers) {
  const std::string a = Token("person1"), b = Token("person1"), c = Token("person1");
  const json list = Get("/api/v1/auth/sessions", a).json()["items"];
  ASSERT_GE(list.size(), 3u);
  std::string current, other;
  for (const auto& s : list) {
    EXPECT_EQ(s["address"], "127.0.0.1");
    if (s["current"].get<bool>()) current = s["id"];
    else if (other.empty()) other = s["id"];
  }
  ASSERT_NE(current, "");
  EXPECT_EQ(list.dump().find(a), std::string::npos) << "no token in the list";
  // Someone else's session is not found.
  const std::string stranger = Token("person2");
  EXPECT_EQ(Send("DELETE", "/api/v1/auth/sessions/" + other, json::object(), stranger).status, 404);
  EXPECT_EQ(Send("DELETE", "/api/v1/auth/sessions/" + other, json::object(), a).status, 204);
  const int alive = (Get("/api/v1/auth/me", b).status == 200) + (Get("/api/v1/auth/me", c).status == 200);
  EXPECT_EQ(alive, 1) << "exactly the one signed out has ended";
  auto others = Send("POST", "/api/v1/auth/sessions/sign-out-others", json::object(), a);
  ASSERT_EQ(others.status, 200) << others.body;
  EXPECT_GE(others.json()["ended"].get<int>(), 1);
  EXPECT_EQ(Get("/api/v1/auth/me", b).status, 401);
  EXPECT_EQ(Get("/api/v1/auth/me", c).status, 401);
  EXPECT_EQ(Get("/api/v1/auth/me", a).status, 200) << "this session goes on";
  EXPECT_EQ(Get("/api/v1/auth/me", stranger).status, 200) << "another user's sessions are untouched";
  EXPECT_EQ(Get("/api/v1/auth/sessions", a).json()["items"].size(), 1u);
}

TEST_P(AccountsApi, APersonDownloadsEverythingHeldAboutThemselves) {
  const std::string t = Token("person1");
  auto r = Get("/api/v1/auth/data", t);
  ASSERT_EQ(r.status, 200) << r.body;
  const json d = r.json();
  EXPECT_EQ(d["account"]["username"], "person1");
  const std::string person = PersonIdOf(t);
  EXPECT_EQ(d["person"]["id"], person);
  EXPECT_EQ(d["person"]["id_number"].get<std::string>().find('*'), std::string::npos) << "their own, in full";
  const json records = Get("/api/v1/persons/" + person + "/records?page_size=200", t).json();
  EXPECT_EQ(d["records"].size(), records["total"].get<size_t>()) << "every record of theirs";
  EXPECT_GE(d["sessions"].size(), 1u);
  EXPECT_EQ(d.dump().find(t), std::string::npos) << "no token";
  // Someone else's data is never in it; an account without a person has only the account.
  const json hr = Get("/api/v1/auth/data", Token("hr")).json();
  EXPECT_TRUE(hr["person"].is_null());
  EXPECT_FALSE(hr.contains("records"));
  EXPECT_EQ(Get("/api/v1/auth/data").status, 401);
}

}  // namespace
}  // namespace jixu::testing
