#pragma once
// Starts a real `jixu serve --port 0` on a fresh demo database (with the demo accounts) and
// waits for its "listening on" line — the readiness signal, no sleeping. The database is a SQLite
// file in the server's folder or a fresh PostgreSQL database (support/test_database.hpp).
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "http/http_client.hpp"
#include "support/test_database.hpp"

namespace jixu::testing {

class ServerProcess {
 public:
  /// `dir` holds the clock file (and t.db on SQLite); the database is created once per server.
  ServerProcess(std::filesystem::path dir, const std::string& backend)
      : dir_(std::move(dir)), db_(std::make_unique<TestDatabase>(backend, dir_)) {}
  ~ServerProcess() { Kill(SIGKILL); }

  static std::filesystem::path NewDir(const std::string& name, const std::string& backend) {
    auto d = std::filesystem::temp_directory_path() /
             ("jixu-http-" + name + "-" + backend + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(d);
    std::filesystem::create_directories(d);
    return d;
  }

  /// `jixu demo --persons N --users` into the server's database.
  void CreateDemo(int persons = 300) {
    const std::string cmd = "JIXU_TODAY=2026-11-26 '" + std::string(JIXU_BINARY) + "' " +
                            db_->StorageFlags() + " demo --persons " +
                            std::to_string(persons) + " --users >'" + (dir_ / "demo.txt").string() +
                            "' 2>/dev/null";
    if (std::system(cmd.c_str()) != 0) throw std::runtime_error("demo failed");
  }

  /// Runs a jixu CLI command against the server's database; returns the exit code.
  int Cli(const std::string& args, std::string* out = nullptr) const {
    const auto o = dir_ / "cli.txt";
    const std::string cmd = "'" + std::string(JIXU_BINARY) + "' " + db_->StorageFlags() + " " +
                            args + " >'" + o.string() + "' 2>&1";
    const int status = std::system(cmd.c_str());
    if (out != nullptr) {
      std::ifstream in(o);
      out->assign(std::istreambuf_iterator<char>(in), {});
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  void Start(const std::string& extra = "") {
    SetClockOffset(0);
    int fds[2];
    if (::pipe(fds) != 0) throw std::runtime_error("pipe");
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(fds[1], 1);
      ::close(fds[0]);
      const std::string err = (dir_ / "serve.err").string();
      std::freopen(err.c_str(), "a", stderr);
      ::setenv("JIXU_TEST_CLOCK_FILE", (dir_ / "clock").c_str(), 1);
      ::setenv("JIXU_TODAY", "2026-11-26", 1);
      // No daily reminder run: what a test sees must not depend on the hour it runs at
      // (tests/http/notices_api_test.cpp runs `jixu remind run` itself).
      const std::string cmd = "exec '" + std::string(JIXU_BINARY) + "' " + db_->StorageFlags() +
                              " serve --port 0 --argon2-ops 1 --argon2-mem-mib 8 --no-reminders " + extra;
      ::execl("/bin/sh", "sh", "-c", cmd.c_str(), nullptr);
      ::_exit(127);
    }
    ::close(fds[1]);
    out_ = ::fdopen(fds[0], "r");
    char line[256];
    if (std::fgets(line, sizeof line, out_) == nullptr) throw std::runtime_error("server did not start");
    const std::string s(line);
    port_ = std::stoi(s.substr(s.rfind(':') + 1));
  }

  /// Sends `sig` and waits; returns the exit status (or -signal).
  int Kill(int sig) {
    if (pid_ <= 0) return 0;
    ::kill(pid_, sig);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    if (out_ != nullptr) {
      char line[256];
      while (std::fgets(line, sizeof line, out_) != nullptr) stdout_tail_ += line;
      std::fclose(out_);
      out_ = nullptr;
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
  }

  void SetClockOffset(int64_t seconds) const {
    std::ofstream(dir_ / "clock") << seconds;
  }

  int port() const { return port_; }
  const std::filesystem::path& dir() const { return dir_; }
  const TestDatabase& db() const { return *db_; }
  const std::string& stdout_tail() const { return stdout_tail_; }

  /// Signs in; returns the token ("" on failure).
  std::string Login(const std::string& user, const std::string& password) const {
    HttpClient c(port_);
    auto r = c.Post("/api/v1/auth/login", {{"username", user}, {"password", password}});
    return r.status == 200 ? r.json()["token"].get<std::string>() : "";
  }
  std::string LoginDemo(const std::string& user) const { return Login(user, "jixu-" + user + "-2026"); }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<TestDatabase> db_;
  pid_t pid_ = -1;
  FILE* out_ = nullptr;
  int port_ = 0;
  std::string stdout_tail_;
};

}  // namespace jixu::testing
