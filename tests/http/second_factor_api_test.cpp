// The second factor (issue 15 item 2) and the separated administrators (item 3): enrolment and
// sign-in with TOTP, recovery codes, the security administrator's reset, demo accounts that
// skip it, the attempt limits; and every administrator's refusals (三员分立).
#include "http/api_fixture.hpp"
#include "http/second_factor_client.hpp"

namespace jixu::testing {
namespace {

using nlohmann::json;
using storage::Role;

class SecondFactorApi : public ApiSuite {
 protected:
  const char* Name() const override { return "second_factor"; }
  static HttpResponse Login(const std::string& user, const std::string& password) {
    return Send("POST", "/api/v1/auth/login", {{"username", user}, {"password", password}});
  }
  /// A new authority account, made by the system administrator (so not a demo account).
  static void NewAuthority(const std::string& name, const std::string& password) {
    auto r = Send("POST", "/api/v1/users", {{"username", name}, {"password", password},
                                            {"role", "authority"}, {"region_prefix", "11"}}, Token("admin"));
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_FALSE(r.json()["demo"].get<bool>());
  }
  static std::string UserId(const std::string& username) {
    const auto r = Get("/api/v1/users?username=" + username, Token("security"));
    const json page = r.json();  // kept: a range over a temporary's member would dangle
    for (const auto& u : page["items"]) {
      if (u["username"] == username) return u["id"];
    }
    ADD_FAILURE() << "no user " << username << ": " << r.status << " " << r.body;
    return "";
  }
  /// The audit entries of an action, as the audit administrator reads them.
  static json AuditOf(const std::string& action) {
    return Get("/api/v1/audit?action=" + action + "&page_size=200", Token("auditor")).json()["items"];
  }
};

JIXU_INSTANTIATE_FOR_TEST_BACKENDS(SecondFactorApi);

TEST_P(SecondFactorApi, DemoAccountsSkipItAndSaySo) {
  for (const std::string user : {"admin", "security", "auditor", "province", "hr"}) {
    auto r = Login(user, "jixu-" + user + "-2026");
    ASSERT_EQ(r.status, 200) << user << r.body;
    EXPECT_EQ(r.json()["second_factor"], "none") << user;
    EXPECT_TRUE(r.json()["user"]["demo"].get<bool>()) << user;
    EXPECT_EQ(Get("/api/v1/auth/me", r.json()["token"]).status, 200) << user;
  }
}

TEST_P(SecondFactorApi, ANewAuthorityEnrolsThenSignsInWithACodeNeverReused) {
  NewAuthority("auth-totp", "Auth-Totp-2026");
  auto first = Login("auth-totp", "Auth-Totp-2026");
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.json()["second_factor"], "enrol");
  const std::string t = first.json()["token"];
  auto blocked = Get("/api/v1/persons", t);
  EXPECT_EQ(blocked.status, 403);
  EXPECT_EQ(blocked.json()["code"], "second_factor_enrolment_required");
  EXPECT_TRUE(Get("/api/v1/auth/totp", t).json()["required"].get<bool>());

  auto enrol = Send("POST", "/api/v1/auth/totp/enrol", json::object(), t);
  ASSERT_EQ(enrol.status, 200) << enrol.body;
  const std::string secret = enrol.json()["secret"];
  EXPECT_EQ(enrol.json()["otpauth_uri"], "otpauth://totp/jixu:auth-totp?secret=" + secret +
                                             "&issuer=jixu&algorithm=SHA1&digits=6&period=30");
  EXPECT_EQ(enrol.json()["qr_svg"].get<std::string>().rfind("<svg", 0), 0u);
  auto wrong = Send("POST", "/api/v1/auth/totp/confirm", {{"code", "000000"}}, t);
  EXPECT_EQ(wrong.status, 422) << "the session stays, for another try";
  EXPECT_EQ(wrong.json()["code"], "invalid_code");
  Authenticator app(*server_);
  app.Remember("auth-totp", secret);
  auto confirm = Send("POST", "/api/v1/auth/totp/confirm", {{"code", app.NextCode("auth-totp")}}, t);
  ASSERT_EQ(confirm.status, 200) << confirm.body;
  EXPECT_EQ(confirm.json()["recovery_codes"].size(), 10u);
  EXPECT_TRUE(confirm.json()["user"]["second_factor"].get<bool>());
  EXPECT_EQ(Get("/api/v1/persons", t).status, 200) << "the session is complete";
  EXPECT_EQ(Send("POST", "/api/v1/auth/totp/enrol", json::object(), t).json()["code"], "already_enrolled");

  auto second = Login("auth-totp", "Auth-Totp-2026");
  ASSERT_EQ(second.json()["second_factor"], "totp");
  const std::string t2 = second.json()["token"];
  EXPECT_EQ(Get("/api/v1/auth/me", t2).json()["code"], "second_factor_required");
  const std::string code = app.NextCode("auth-totp");
  auto ok = Send("POST", "/api/v1/auth/second-factor", {{"code", code}}, t2);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json()["second_factor"], "none");
  EXPECT_EQ(Get("/api/v1/persons", t2).status, 200);
  EXPECT_EQ(Send("POST", "/api/v1/auth/second-factor", {{"code", code}}, t2).json()["code"], "nothing_pending");

  auto third = Login("auth-totp", "Auth-Totp-2026");
  const std::string t3 = third.json()["token"];
  auto reused = Send("POST", "/api/v1/auth/second-factor", {{"code", code}}, t3);
  EXPECT_EQ(reused.status, 422);
  EXPECT_EQ(reused.json()["code"], "code_reused") << "a code is good for one sign-in";
  EXPECT_EQ(Get("/api/v1/persons", t3).status, 403);
  EXPECT_EQ(AuditOf("user.second_factor_enrol").size(), 1u);
}

TEST_P(SecondFactorApi, EachRecoveryCodeSignsInOnce) {
  NewAuthority("auth-recovery", "Auth-Recovery-2026");
  Authenticator app(*server_);
  auto login = Login("auth-recovery", "Auth-Recovery-2026");
  const json codes = app.Enrol("auth-recovery", login.json()["token"]);
  ASSERT_EQ(codes.size(), 10u);
  auto next = Login("auth-recovery", "Auth-Recovery-2026").json();
  auto used = Send("POST", "/api/v1/auth/second-factor", {{"recovery_code", codes[3]}}, next["token"]);
  ASSERT_EQ(used.status, 200) << used.body;
  EXPECT_EQ(used.json()["recovery_codes_left"], 9);
  auto again = Login("auth-recovery", "Auth-Recovery-2026").json();
  auto refused = Send("POST", "/api/v1/auth/second-factor", {{"recovery_code", codes[3]}}, again["token"]);
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(refused.json()["errors"][0]["field"], "recovery_code");
  EXPECT_EQ(Send("POST", "/api/v1/auth/second-factor", {{"recovery_code", codes[4]}}, again["token"]).status, 200);
  EXPECT_EQ(AuditOf("auth.recovery_code").size(), 2u);
}

TEST_P(SecondFactorApi, TheSecurityAdministratorResetsALostAuthenticator) {
  NewAuthority("auth-lost", "Auth-Lost-2026");
  Authenticator app(*server_);
  const std::string before = app.SignIn("auth-lost", "Auth-Lost-2026");
  ASSERT_NE(before, "");
  const std::string id = UserId("auth-lost");
  auto by_admin = Send("POST", "/api/v1/users/" + id + "/second-factor-reset", json::object(), Token("admin"));
  EXPECT_EQ(by_admin.status, 403);
  EXPECT_EQ(by_admin.json()["code"], "separation_of_duties");
  auto reset = Send("POST", "/api/v1/users/" + id + "/second-factor-reset", json::object(), Token("security"));
  ASSERT_EQ(reset.status, 200) << reset.body;
  EXPECT_FALSE(reset.json()["second_factor"].get<bool>());
  EXPECT_EQ(Get("/api/v1/auth/me", before).status, 401) << "the user's sessions end";
  EXPECT_EQ(Login("auth-lost", "Auth-Lost-2026").json()["second_factor"], "enrol");
  const json audit = AuditOf("user.second_factor_reset");
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0]["actor"], "security");
  const std::string me = Get("/api/v1/auth/me", Token("security")).json()["id"];
  EXPECT_EQ(Send("POST", "/api/v1/users/" + me + "/second-factor-reset", json::object(), Token("security"))
                .json()["code"], "cannot_reset_self");
  EXPECT_EQ(Send("POST", "/api/v1/users/u0000000000000/second-factor-reset", json::object(), Token("security")).status, 404);
}

TEST_P(SecondFactorApi, WrongCodesRunIntoTheLimitAndTheLock) {
  NewAuthority("auth-guess", "Auth-Guess-2026");
  Authenticator app(*server_);
  ASSERT_NE(app.SignIn("auth-guess", "Auth-Guess-2026"), "");
  const std::string t = Login("auth-guess", "Auth-Guess-2026").json()["token"];
  int refused = 0, limited = 0;
  for (int i = 0; i < 12 && limited == 0; ++i) {
    auto r = Send("POST", "/api/v1/auth/second-factor", {{"code", "00000" + std::to_string(i % 10)}}, t);
    if (r.status == 422) ++refused;
    if (r.status == 429) {
      ++limited;
      EXPECT_NE(r.headers["retry-after"], "");
    }
  }
  EXPECT_GE(refused, 5);
  EXPECT_EQ(limited, 1) << "the code attempts are limited like passwords";
  // Five failures locked the account: even the right code is refused until the lock ends …
  EXPECT_EQ(Login("auth-guess", "Auth-Guess-2026").status, 401);
  EXPECT_EQ(AuditOf("auth.lockout").size(), 1u);
  // … or the security administrator unlocks it.
  auto unlock = Send("POST", "/api/v1/users/" + UserId("auth-guess") + "/unlock", json::object(), Token("security"));
  ASSERT_EQ(unlock.status, 200) << unlock.body;
  EXPECT_EQ(Login("auth-guess", "Auth-Guess-2026").status, 200);
  EXPECT_EQ(AuditOf("user.unlock").size(), 1u);
}

TEST_P(SecondFactorApi, ARoleWhoseSettingIsOffSignsInWithThePasswordAlone) {
  const std::string security = Token("security");
  const json policy = Get("/api/v1/security/policy", security).json();
  json off = policy;
  off["second_factor_roles"] = json::array({"admin", "security_admin", "audit_admin"});
  ASSERT_EQ(Send("PUT", "/api/v1/security/policy", off, security).status, 200);
  NewAuthority("auth-off", "Auth-Off-2026");
  EXPECT_EQ(Login("auth-off", "Auth-Off-2026").json()["second_factor"], "none");
  ASSERT_EQ(Send("PUT", "/api/v1/security/policy", policy, security).status, 200);
  EXPECT_EQ(Login("auth-off", "Auth-Off-2026").json()["second_factor"], "enrol");
  auto bad = Send("PUT", "/api/v1/security/policy", {{"second_factor_roles", {"root"}}}, security);
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.json()["errors"][0]["field"], "second_factor_roles");
  EXPECT_EQ(AuditOf("security.policy").size(), 2u);
}

TEST_P(SecondFactorApi, NoAdministratorActsAsAnother) {
  const std::string admin = Token("admin"), security = Token("security"), auditor = Token("auditor");
  const std::string hr = UserId("hr");
  struct Refusal {
    std::string token, method, path, who;
  };
  const std::vector<Refusal> refusals = {
      {admin, "GET", "/api/v1/audit", "审计管理员"},
      {admin, "GET", "/api/v1/audit/export", "审计管理员"},
      {admin, "GET", "/api/v1/audit/verify", "审计管理员"},
      {admin, "GET", "/api/v1/security/policy", "安全管理员"},
      {admin, "POST", "/api/v1/users/" + hr + "/unlock", "安全管理员"},
      {security, "GET", "/api/v1/audit", "审计管理员"},
      {security, "POST", "/api/v1/users", "系统管理员"},
      {security, "PATCH", "/api/v1/users/" + hr, "系统管理员"},
      {security, "POST", "/api/v1/users/" + hr + "/password-reset", "系统管理员"},
      {security, "GET", "/api/v1/persons", "登记业务"},
      {auditor, "GET", "/api/v1/users", "系统管理员"},
      {auditor, "POST", "/api/v1/users/" + hr + "/unlock", "安全管理员"},
      {auditor, "PUT", "/api/v1/security/policy", "安全管理员"},
      {auditor, "GET", "/api/v1/persons", "登记业务"},
      {auditor, "GET", "/api/v1/records", "登记业务"},
  };
  for (const auto& r : refusals) {
    auto a = r.method == "GET" ? Get(r.path, r.token) : Send(r.method, r.path, json::object(), r.token);
    EXPECT_EQ(a.status, 403) << r.method << " " << r.path << a.body;
    EXPECT_EQ(a.json()["code"], "separation_of_duties") << r.path;
    EXPECT_NE(a.json()["message_zh"].get<std::string>().find(r.who), std::string::npos) << a.body;
    EXPECT_NE(a.json()["message_en"].get<std::string>().find("separation of duties"), std::string::npos);
  }
  auto made = Send("POST", "/api/v1/users", {{"username", "sec2"}, {"password", "Security-2026"}, {"role", "security_admin"}}, admin);
  EXPECT_EQ(made.status, 403) << "the separated administrators are made at the console";
  EXPECT_EQ(made.json()["code"], "separated_admin_console_only");
  // What each may do.
  EXPECT_EQ(Get("/api/v1/users", admin).status, 200);
  EXPECT_EQ(Get("/api/v1/users", security).status, 200);
  EXPECT_EQ(Get("/api/v1/security/policy", security).status, 200);
  EXPECT_EQ(Get("/api/v1/auth/sessions", auditor).status, 200) << "one's own account stays open";
}

TEST_P(SecondFactorApi, TheSecurityAndAuditAdministratorsReachNoRouteButTheirOwn) {
  // Every route of the router: those not naming them (and not their own account's) refuse them
  // before any handler runs, whatever the path parameters.
  const std::string security = Token("security"), auditor = Token("auditor");
  int checked = 0;
  const http::Router router = http::BuildRouter();
  for (const auto& route : router.routes()) {
    if (route.is_public || route.tag == "auth") continue;
    std::string path = route.pattern;
    for (size_t open = path.find('{'); open != std::string::npos; open = path.find('{')) {
      path.replace(open, path.find('}', open) - open + 1, "x0000000000000");
    }
    for (const auto& [role, token] : {std::pair{Role::kSecurityAdmin, security}, std::pair{Role::kAuditAdmin, auditor}}) {
      if (std::find(route.roles.begin(), route.roles.end(), role) != route.roles.end()) continue;
      auto r = route.method == "GET" ? Get(path, token) : Send(route.method, path, json::object(), token);
      EXPECT_EQ(r.status, 403) << storage::RoleCode(role) << " " << route.method << " " << route.pattern;
      EXPECT_EQ(r.json()["code"], "separation_of_duties") << route.pattern;
      ++checked;
    }
  }
  EXPECT_GT(checked, 100);
}

TEST_P(SecondFactorApi, TheAuditAdministratorsOwnReadsAndExportsAreAudited) {
  const std::string auditor = Token("auditor");
  ASSERT_EQ(Get("/api/v1/audit?action=user.create", auditor).status, 200);
  HttpClient c(server_->port());
  auto csv = c.Get("/api/v1/audit/export?action=user.create", auditor);
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.headers["content-type"], "text/csv; charset=utf-8");
  EXPECT_NE(csv.body.find("seq,at,actor"), std::string::npos);
  EXPECT_NE(csv.body.find("user.create"), std::string::npos);
  ASSERT_EQ(Get("/api/v1/audit/verify", auditor).json()["ok"], true);
  for (const std::string action : {"audit.read", "audit.export", "audit.verify"}) {
    const json e = AuditOf(action);
    ASSERT_FALSE(e.empty()) << action;
    EXPECT_EQ(e[0]["actor"], "auditor");
    EXPECT_EQ(e[0]["actor_role"], "audit_admin");
  }
  EXPECT_EQ(AuditOf("audit.export")[0]["after"]["action"], "user.create");
}

}  // namespace
}  // namespace jixu::testing
