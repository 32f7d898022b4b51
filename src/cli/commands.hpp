#pragma once
// The `jixu` commands. Each command file declares its command's options on the CLI11 command line
// (Add* below) and registers what runs the command once the line is parsed: work through the app
// layer, returning an exit code (docs/cli.md). A bad command line is exit 2: CLI11's own errors
// (unknown option, missing or malformed value) and UsageError for what CLI11 cannot check.
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "app/audit_key.hpp"
#include "app/data_files.hpp"
#include "core/common/clock.hpp"
#include "storage/factory.hpp"

namespace CLI {
class App;
}

namespace jixu::cli {

enum ExitCode : int {
  kExitOk = 0,
  kExitFault = 1,         ///< storage or system failure
  kExitUsage = 2,         ///< bad command line
  kExitInvalidInput = 3,  ///< input rejected (import errors, a malformed ID); nothing written
  kExitNotFound = 4,      ///< the person, certificate … is not registered
  kExitNotEligible = 5,   ///< `promotion`: the person may not apply yet
  kExitCertInvalid = 6,   ///< `cert verify`: signature or content does not check out
  kExitCertRevoked = 7,   ///< `cert verify`: the certificate was revoked
  kExitAuditBroken = 8,   ///< `audit verify`: the chain or a checkpoint does not check out
};

/// What every command gets: where the data lives, the data files, the clock, the streams.
struct Env {
  storage::StoreConfig store;
  std::filesystem::path data_root;
  ClockPtr clock;
  std::ostream& out;
  std::ostream& err;

  /// The region table and policies, loaded on first use.
  const app::DataFiles& data() const;
  mutable std::shared_ptr<const app::DataFiles> data_;

  /// The audit key and checkpoint files (--audit-key, --audit-checkpoints; docs/cli.md).
  app::AuditFiles audit;
  /// The key new audit entries are written with (app::OpenAuditKeyForWriting).
  app::AuditKey AuditKeyForWriting(storage::Store& store) const;
};

/// A command line that parses but makes no sense (options that exclude each other, a range the
/// wrong way round …): exit 2 with the message and where to find the command's help.
struct UsageError {
  std::string message;
};

/// What carries out a parsed command; its options are bound when the command is declared.
using Runner = std::function<int(const Env&)>;

/// The command line being declared: the root CLI11 app, and for every leaf command (`import`,
/// `cert issue` …) the runner that carries it out.
class CommandSet {
 public:
  explicit CommandSet(CLI::App& root) : root_(root) {}
  CLI::App& root() const { return root_; }
  void Add(CLI::App* command, Runner run) { runners_.emplace_back(command, std::move(run)); }
  /// The runner of `command`, or nullptr when it is a group (`cert`, `audit`, `user`).
  const Runner* Find(const CLI::App* command) const {
    for (const auto& [app, run] : runners_) {
      if (app == command) return &run;
    }
    return nullptr;
  }

 private:
  CLI::App& root_;
  std::vector<std::pair<CLI::App*, Runner>> runners_;
};

void AddInit(CommandSet& set);
void AddDemo(CommandSet& set);
void AddImport(CommandSet& set);
void AddMigrateData(CommandSet& set);
void AddCompliance(CommandSet& set);
void AddHistory(CommandSet& set);
void AddPromotion(CommandSet& set);
void AddCert(CommandSet& set);
void AddCertVerify(CommandSet& set, CLI::App& cert);
void AddExport(CommandSet& set);
void AddServe(CommandSet& set);
void AddUser(CommandSet& set);
void AddAudit(CommandSet& set);
void AddKeys(CommandSet& set);
void AddBackup(CommandSet& set);
void AddOpenApi(CommandSet& set);
void AddRemind(CommandSet& set);

/// Prints a bilingual error list as the CLI does everywhere: "field: 中文 / English".
void PrintErrors(std::ostream& err, const Errors& errors);

}  // namespace jixu::cli
