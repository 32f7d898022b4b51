// Account administration (issue 10): nobody disables themselves, the last administrator stays,
// and an administrator's password reset makes the user choose a new password before anything
// else.
#include "http/api_fixture.hpp"
#include "http/second_factor_client.hpp"

namespace jixu::testing {
namespace {

using nlohmann::json;

class UsersApi : public ApiSuite {
 protected:
  const char* Name() const override { return "users"; }
  static HttpResponse Login(const std::string& user, const std::string& password) {
    return Send("POST", "/api/v1/auth/login", {{"username", user}, {"password", password}});
  }
  static std::string UserId(const std::string& admin, const std::string& username) {
    auto r = Get("/api/v1/users?username=" + username, admin).json();
    for (const auto& u : r["items"]) {
      if (u["username"] == username) return u["id"];
    }
    ADD_FAILURE() << "no user " << username;
    return "";
  }
};

JIXU_INSTANTIATE_FOR_TEST_BACKENDS(UsersApi);

TEST_P(UsersApi, NobodyDisablesTheirOwnAccount) {
  const auto admin = Token("admin");
  const std::string me = Get("/api/v1/auth/me", admin).json()["id"];
  auto r = Send("PATCH", "/api/v1/users/" + me, {{"disabled", true}}, admin);
  ASSERT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(r.json()["code"], "cannot_change_self");
  EXPECT_NE(r.json()["message_zh"].get<std::string>().find("不能停用"), std::string::npos);
  EXPECT_NE(r.json()["message_en"].get<std::string>().find("cannot disable"), std::string::npos);
  EXPECT_EQ(Get("/api/v1/users", admin).status, 200) << "still an administrator";
  EXPECT_NE(server_->LoginDemo("admin"), "") << "and can still sign in";
  EXPECT_EQ(Send("PATCH", "/api/v1/users/" + me, {{"display_name", "系统管理员"}}, admin).status, 200)
      << "other changes to one's own row are fine";
}

TEST_P(UsersApi, AnotherAdministratorMayBeDisabledAndEnabled) {
  const auto admin = Token("admin");
  ASSERT_EQ(Send("POST", "/api/v1/users", {{"username", "admin2"}, {"password", "second-admin-1"}, {"role", "admin"}}, admin).status, 201);
  const std::string second = UserId(admin, "admin2");
  // Not a demo account: it enrols in the second factor at its first sign-in.
  Authenticator app(*server_);
  const auto token2 = app.SignIn("admin2", "second-admin-1");
  ASSERT_NE(token2, "");
  EXPECT_EQ(Send("PATCH", "/api/v1/users/" + second, {{"disabled", true}}, token2).json()["code"],
            "cannot_change_self");
  EXPECT_EQ(Send("PATCH", "/api/v1/users/" + second, {{"disabled", true}}, admin).status, 200);
  EXPECT_EQ(Get("/api/v1/users", token2).status, 401) << "a disabled account's session ends";
  EXPECT_EQ(Send("PATCH", "/api/v1/users/" + second, {{"disabled", false}}, admin).status, 200);
}

TEST_P(UsersApi, AResetPasswordMustBeChangedBeforeAnythingElse) {
  const auto admin = Token("admin");
  const auto old_session = Token("hr");
  const std::string hr = UserId(admin, "hr");
  EXPECT_EQ(Send("POST", "/api/v1/users/" + hr + "/password-reset", json::object(), old_session).status, 403)
      << "only administrators reset passwords";
  auto reset = Send("POST", "/api/v1/users/" + hr + "/password-reset", json::object(), admin);
  ASSERT_EQ(reset.status, 200) << reset.body;
  const std::string temporary = reset.json()["temporary_password"];
  EXPECT_EQ(temporary.size(), 12u);
  EXPECT_TRUE(reset.json()["user"]["must_change_password"].get<bool>());
  EXPECT_EQ(Get("/api/v1/auth/me", old_session).status, 401) << "the user's sessions end";
  EXPECT_EQ(Login("hr", "jixu-hr-2026").status, 401) << "the old password is gone";

  auto login = Login("hr", temporary);
  ASSERT_EQ(login.status, 200);
  EXPECT_TRUE(login.json()["must_change_password"].get<bool>());
  const std::string t = login.json()["token"];
  auto blocked = Get("/api/v1/persons", t);
  EXPECT_EQ(blocked.status, 403);
  EXPECT_EQ(blocked.json()["code"], "password_change_required");
  EXPECT_EQ(Get("/api/v1/auth/me", t).status, 200) << "me stays open, for the UI";

  auto wrong = Send("POST", "/api/v1/auth/password", {{"current_password", "not-it-at-all"}, {"new_password", "hr-new-pass-1"}}, t);
  EXPECT_EQ(wrong.status, 422);
  EXPECT_EQ(wrong.json()["errors"][0]["field"], "current_password");
  auto weak = Send("POST", "/api/v1/auth/password", {{"current_password", temporary}, {"new_password", "short"}}, t);
  EXPECT_EQ(weak.status, 422);
  EXPECT_EQ(weak.json()["errors"][0]["field"], "new_password");
  auto same = Send("POST", "/api/v1/auth/password", {{"current_password", temporary}, {"new_password", temporary}}, t);
  EXPECT_EQ(same.json()["errors"][0]["code"], "same_password");
  auto changed = Send("POST", "/api/v1/auth/password", {{"current_password", temporary}, {"new_password", "hr-new-pass-1"}}, t);
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_FALSE(changed.json()["must_change_password"].get<bool>());
  EXPECT_EQ(Get("/api/v1/persons", t).status, 200) << "this session goes on, now unblocked";

  EXPECT_EQ(Login("hr", temporary).status, 401) << "the temporary password is spent";
  auto again = Login("hr", "hr-new-pass-1");
  ASSERT_EQ(again.status, 200);
  EXPECT_FALSE(again.json()["must_change_password"].get<bool>());
  auto audit = Get("/api/v1/audit?action=user.password_reset", Token("auditor"));
  EXPECT_NE(audit.body.find("user.password_reset"), std::string::npos) << audit.body;
  EXPECT_EQ(audit.body.find(temporary), std::string::npos) << "the password is never audited";
}

TEST_P(UsersApi, AnAdministratorCannotResetTheirOwnPassword) {
  const auto admin = Token("admin");
  const std::string me = Get("/api/v1/auth/me", admin).json()["id"];
  auto r = Send("POST", "/api/v1/users/" + me + "/password-reset", json::object(), admin);
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.json()["code"], "cannot_reset_self");
  EXPECT_EQ(Send("POST", "/api/v1/users/u0000000000000/password-reset", json::object(), admin).status, 404);
}

TEST_P(UsersApi, APasswordSetByAnAdministratorMustBeChangedToo) {
  const auto admin = Token("admin");
  const std::string provider = UserId(admin, "provider");
  ASSERT_EQ(Send("PATCH", "/api/v1/users/" + provider, {{"password", "Chosen-by-admin"}}, admin).status, 200);
  auto login = Login("provider", "Chosen-by-admin");
  ASSERT_EQ(login.status, 200);
  EXPECT_TRUE(login.json()["must_change_password"].get<bool>());
}

}  // namespace
}  // namespace jixu::testing
