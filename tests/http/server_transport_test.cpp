// The transport of `jixu serve` (Boost.Beast, connections as coroutines): a started request that
// stalls gets 408, an idle keep-alive connection is closed, and a request suspended on its group
// commit still has its pipelined successor answered after it, in order. (The attacks: edge_test.)
#include <chrono>

#include "http/api_fixture.hpp"

namespace jixu::testing {
namespace {

class Transport : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { JIXU_SKIP_UNLESS_AVAILABLE(GetParam()); }
};

JIXU_INSTANTIATE_FOR_TEST_BACKENDS(Transport);

TEST_P(Transport, StalledRequestGets408AndIdleConnectionCloses) {
  ServerProcess server(ServerProcess::NewDir("transport", GetParam()), GetParam());
  server.CreateDemo(20);
  server.Start("--idle-timeout 1 --header-timeout 1");
  HttpClient stalled(server.port());
  stalled.SendRaw("GET /healthz HTTP/1.1\r\nHo");
  EXPECT_EQ(stalled.Read().status, 408);
  EXPECT_EQ(stalled.Read().status, 0) << "closed after the 408";

  HttpClient idle(server.port());
  idle.SendRaw("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(idle.Read().status, 200);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(idle.Read().status, 0) << "an idle keep-alive connection is closed";
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST_P(Transport, RequestPipelinedBehindAWriteIsAnsweredAfterIt) {
  ServerProcess server(ServerProcess::NewDir("pipeline", GetParam()), GetParam());
  server.CreateDemo(20);
  server.Start();
  // A login writes its session through the group commit (on the worker pool, waiting for it).
  const std::string login = R"({"username":"person1","password":"jixu-person1-2026"})";
  HttpClient c(server.port());
  c.SendRaw("POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            "Content-Length: " + std::to_string(login.size()) + "\r\n\r\n" + login +
            "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  const HttpResponse first = c.Read();
  EXPECT_EQ(first.status, 200);
  EXPECT_NE(first.body.find("token"), std::string::npos) << "the login's answer comes first";
  const HttpResponse second = c.Read();
  EXPECT_EQ(second.status, 200);
  EXPECT_EQ(second.body.find("token"), std::string::npos);
}

}  // namespace
}  // namespace jixu::testing
