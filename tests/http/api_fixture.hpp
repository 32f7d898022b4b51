#pragma once
// One server per suite and backend: the demo database, every demo role signed in, and the ids
// the tests need (the first demo person, a person outside every non-admin demo scope). Suites are
// parameterized over the backends (support/test_database.hpp); the server of a backend starts
// with the first test that needs it and stops at the end of the suite.
#include <gtest/gtest.h>

#include <map>
#include <memory>

#include "http/server_fixture.hpp"

namespace jixu::testing {

class ApiSuite : public ::testing::TestWithParam<std::string> {
 protected:
  /// The suite's name, used for the server's folder.
  virtual const char* Name() const = 0;
  /// Extra `jixu serve` options for the suite's server.
  virtual std::string ServeFlags() const { return ""; }

  void SetUp() override {
    JIXU_SKIP_UNLESS_AVAILABLE(GetParam());
    auto& slot = servers_[GetParam()];
    if (!slot) {
      slot = std::make_unique<ServerProcess>(ServerProcess::NewDir(Name(), GetParam()), GetParam());
      slot->CreateDemo(300);
      slot->Start(ServeFlags());
    }
    server_ = slot.get();
  }
  static void TearDownTestSuite() {
    server_ = nullptr;
    servers_.clear();
  }

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

  /// The server of the current test's backend.
  static inline ServerProcess* server_ = nullptr;

 private:
  static inline std::map<std::string, std::unique_ptr<ServerProcess>> servers_;
};

}  // namespace jixu::testing
