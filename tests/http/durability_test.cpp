// Crash and stop: SIGKILL of the server in the middle of concurrent writes loses no acknowledged
// write and leaves no half-written import; SIGTERM lets in-flight requests finish and exits
// cleanly. On both backends: on PostgreSQL the database server stays up and only `jixu serve` is
// killed, so what is checked is that jixu acknowledges a write only once it is committed (nothing
// acknowledged from a buffer of its own) and never commits half an import.
#include <atomic>
#include <thread>

#include "core/validate/id_number.hpp"
#include "http/api_fixture.hpp"

namespace jixu::testing {
namespace {

using nlohmann::json;

std::string ValidId(int n) {
  char body[24];
  std::snprintf(body, sizeof body, "44011319850101%03d", n % 1000);
  std::string id(body, 17);
  id.push_back(validate::IdNumberCheckChar(id));
  return id;
}

class Durability : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { JIXU_SKIP_UNLESS_AVAILABLE(GetParam()); }
};

JIXU_INSTANTIATE_FOR_TEST_BACKENDS(Durability);

TEST_P(Durability, SigkillLosesNoAcknowledgedWriteAndNoHalfImport) {
  ServerProcess server(ServerProcess::NewDir("kill", GetParam()), GetParam());
  server.CreateDemo(300);
  server.Start();
  const std::string token = server.LoginDemo("person1");
  const std::string admin = server.LoginDemo("admin");
  ASSERT_FALSE(token.empty());
  std::string employer;
  {
    HttpClient c(server.port());
    employer = c.Get("/api/v1/persons/" + c.Get("/api/v1/auth/me", token).json()["person_id"].get<std::string>(), admin).json()["employer_code"];
  }
  std::string csv = "id_number,name,employer_code,region_code,field,title_level\n";
  for (int i = 0; i < 900; ++i) csv += ValidId(100 + i) + ",导入" + std::to_string(i) + "," + employer + ",440113,工程,中级\n";

  std::mutex mu;
  std::vector<std::string> acknowledged;
  std::atomic<bool> stop{false};
  std::vector<std::thread> writers;
  for (int t = 0; t < 8; ++t) {
    writers.emplace_back([&, t] {
      HttpClient c(server.port());
      for (int i = 0; !stop; ++i) {
        HttpResponse r;
        try {
          r = c.Post("/api/v1/records", {{"date", "2026-05-01"}, {"category", "public"}, {"form", "seminar"},
                                         {"hours", 1}, {"title", "w" + std::to_string(t) + "-" + std::to_string(i)},
                                         {"provider_name", "x"}}, token);
        } catch (const std::exception&) {
          return;
        }
        if (r.status == 0) return;
        if (r.status == 201) {
          std::lock_guard lock(mu);
          acknowledged.push_back(r.json()["id"]);
        }
      }
    });
  }
  std::thread importer([&] {
    HttpClient c(server.port());
    try {
      c.Request("POST", "/api/v1/imports/persons", admin, csv, "text/csv");
    } catch (const std::exception&) {
    }
  });
  // Kill once a good number of writes were acknowledged (a readiness count, not a sleep).
  for (;;) {
    {
      std::lock_guard lock(mu);
      if (acknowledged.size() >= 300) break;
    }
    std::this_thread::yield();
  }
  EXPECT_EQ(server.Kill(SIGKILL), -SIGKILL);
  stop = true;
  for (auto& w : writers) w.join();
  importer.join();

  server.Start();
  const std::string again = server.LoginDemo("person1");
  const std::string admin2 = server.LoginDemo("admin");
  HttpClient c(server.port());
  for (const auto& id : acknowledged) {
    ASSERT_EQ(c.Get("/api/v1/records/" + id, again).status, 200) << "acknowledged record " << id << " lost";
  }
  const int64_t imported = c.Get("/api/v1/persons?name=导入&page_size=1", admin2).json()["total"];
  EXPECT_TRUE(imported == 0 || imported == 900) << "half an import: " << imported;
  std::string out;
  EXPECT_EQ(server.Cli("audit verify", &out), 0) << out;
}

TEST_P(Durability, SigtermFinishesInFlightRequestsAndExitsCleanly) {
  ServerProcess server(ServerProcess::NewDir("term", GetParam()), GetParam());
  server.CreateDemo(100);
  server.Start();
  const std::string token = server.LoginDemo("person1");
  std::atomic<int> complete{0}, broken{0};
  std::atomic<bool> started{false};
  std::vector<std::thread> clients;
  for (int t = 0; t < 4; ++t) {
    clients.emplace_back([&] {
      HttpClient c(server.port());
      for (;;) {
        HttpResponse r;
        try {
          r = c.Get("/api/v1/auth/me", token);
        } catch (const std::exception&) {
          return;  // refused: the server has stopped
        }
        if (r.status == 0) return;  // closed between requests: fine
        if (r.status == 200) {
          ++complete;
          started = true;
        } else {
          ++broken;
        }
      }
    });
  }
  while (!started) std::this_thread::yield();
  EXPECT_EQ(server.Kill(SIGTERM), 0);
  for (auto& c : clients) c.join();
  EXPECT_GT(complete.load(), 0);
  EXPECT_EQ(broken.load(), 0) << "every answered request was answered whole and 200";
  EXPECT_NE(server.stdout_tail().find("stopped"), std::string::npos);
}

}  // namespace
}  // namespace jixu::testing
