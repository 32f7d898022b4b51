#pragma once
// Runs the real `jixu` binary in a fresh temporary folder, as a user would from a shell, against
// a database of its own on the backend the test is parameterized with (support/test_database.hpp).
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <sstream>
#include <string>

#include "support/test_database.hpp"

namespace jixu::testing {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

class CliSandbox {
 public:
  /// A sandbox on `backend`. When the backend is not available here it holds no database; the
  /// fixture's SetUp has then skipped the test (JIXU_SKIP_UNLESS_AVAILABLE) and Run is not called.
  explicit CliSandbox(const std::string& backend) {
    static int counter = 0;
    dir_ = std::filesystem::temp_directory_path() /
           ("jixu-cli-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    if (!UnavailableReason(backend)) db_ = std::make_unique<TestDatabase>(backend, dir_);
  }
  ~CliSandbox() {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  const TestDatabase& db() const { return *db_; }

  const std::filesystem::path& dir() const { return dir_; }
  std::filesystem::path Fixture(const std::string& name) const {
    return std::filesystem::path(JIXU_SOURCE_DIR) / "tests" / "fixtures" / name;
  }
  void Write(const std::string& name, const std::string& text) const {
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }

  /// Runs `jixu --db <sandbox>/t.db ARGS` (or `--database-url …`) with "today" fixed to `today`.
  CliResult Run(const std::string& args, const std::string& today = "2026-11-26") const {
    if (!db_) throw std::logic_error("CliSandbox::Run without a database (backend unavailable)");
    return RunBare(db_->StorageFlags() + " " + args, today);
  }

  /// Runs `jixu ARGS` as given: no storage options added (help, usage errors, global options).
  CliResult RunBare(const std::string& args, const std::string& today = "2026-11-26") const {
    const auto out = dir_ / "stdout.txt";
    const auto err = dir_ / "stderr.txt";
    const std::string cmd = "cd '" + dir_.string() + "' && JIXU_TODAY=" + today + " '" +
                            JIXU_BINARY + "' " + args + " >'" + out.string() + "' 2>'" +
                            err.string() + "'";
    const int status = std::system(cmd.c_str());
    CliResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = Slurp(out);
    r.err = Slurp(err);
    return r;
  }

 private:
  static std::string Slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  std::filesystem::path dir_;
  std::unique_ptr<TestDatabase> db_;
};

}  // namespace jixu::testing
