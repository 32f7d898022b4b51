// `jixu serve` and the audit trail: a signed checkpoint at start and at shutdown, the key made
// by `demo` used for every entry, and GET /audit/verify catching rows deleted from the end.
#include <gtest/gtest.h>

#include <fstream>

#include "http/server_fixture.hpp"

namespace jixu::testing {
namespace {

class AuditServe : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { JIXU_SKIP_UNLESS_AVAILABLE(GetParam()); }
  static int Lines(const std::filesystem::path& p) {
    std::ifstream in(p);
    int n = 0;
    for (std::string l; std::getline(in, l);) n += l.empty() ? 0 : 1;
    return n;
  }
};

JIXU_INSTANTIATE_FOR_TEST_BACKENDS(AuditServe);

TEST_P(AuditServe, CheckpointsAtStartAndShutdownAndTruncationIsCaught) {
  ServerProcess server(ServerProcess::NewDir("audit-serve", GetParam()), GetParam());
  server.CreateDemo(20);
  const auto file = server.db().AuditCheckpointsPath();
  const int after_demo = Lines(file);
  EXPECT_EQ(after_demo, 1) << "demo seals what it wrote";
  server.Start();
  EXPECT_EQ(Lines(file), after_demo + 1) << "written before the server says it listens";
  const std::string admin = server.LoginDemo("auditor");  // the audit administrator verifies
  HttpClient c(server.port());
  auto ok = c.Get("/api/v1/audit/verify", admin).json();
  EXPECT_EQ(ok["ok"], true) << ok.dump();
  EXPECT_EQ(ok["checkpoints"]["verified"], after_demo + 1);

  server.db().Exec("DELETE FROM audit_log WHERE seq > (SELECT max(seq) - 3 FROM audit_log)");
  auto bad = c.Get("/api/v1/audit/verify", admin).json();
  EXPECT_EQ(bad["ok"], false) << bad.dump();
  ASSERT_FALSE(bad["checkpoints"]["problems"].empty());
  EXPECT_NE(bad["checkpoints"]["problems"][0]["en"].get<std::string>().find("removed from the end"),
            std::string::npos)
      << bad.dump();
  std::string out;
  EXPECT_EQ(server.Cli("audit verify", &out), 8) << out;

  EXPECT_EQ(server.Kill(SIGTERM), 0);
  EXPECT_EQ(Lines(file), after_demo + 2) << "a last checkpoint at shutdown";
}

TEST_P(AuditServe, ZeroMinutesWritesNoCheckpoints) {
  ServerProcess server(ServerProcess::NewDir("audit-serve-off", GetParam()), GetParam());
  server.CreateDemo(20);
  const int after_demo = Lines(server.db().AuditCheckpointsPath());
  server.Start("--audit-checkpoint-minutes 0");
  EXPECT_EQ(server.Kill(SIGTERM), 0);
  EXPECT_EQ(Lines(server.db().AuditCheckpointsPath()), after_demo);
}

}  // namespace
}  // namespace jixu::testing
