#pragma once
// One server for a whole suite: the demo database, every demo role signed in, and the ids the
// tests need (the first demo person, a person outside every non-admin demo scope).
#include <gtest/gtest.h>

#include <memory>

#include "http/server_fixture.hpp"

namespace jixu::testing {

class ApiSuite : public ::testing::Test {
 protected:
  static void StartServer(const std::string& name) {
    server_ = std::make_unique<ServerProcess>(ServerProcess::NewDir(name));
    server_->CreateDemo(300);
    server_->Start();
  }
  static void TearDownTestSuite() { server_.reset(); }

  static HttpResponse Get(const std::string& path, const std::string& token = "") {
    HttpClient c(server_->port());
    return c.Get(path, token);
  }
  static HttpResponse Send(const std::string& method, const std::string& path,
                           const nlohmann::json& body, const std::string& token = "") {
    HttpClient c(server_->port());
    return c.Request(method, path, token, body.dump());
  }
  static std::string Token(const std::string& user) {
    auto t = server_->LoginDemo(user);
    EXPECT_FALSE(t.empty()) << "login of " << user;
    return t;
  }
  /// The opaque person id of a demo person account.
  static std::string PersonIdOf(const std::string& token) {
    return Get("/api/v1/auth/me", token).json()["person_id"].get<std::string>();
  }

  static inline std::unique_ptr<ServerProcess> server_;
};

}  // namespace jixu::testing
