#pragma once
// One function per `jixu` command. Each parses its own options (throwing UsageError), does its
// work through the app layer, and returns an exit code (docs/cli.md).
#include <filesystem>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "app/audit_key.hpp"
#include "app/data_files.hpp"
#include "core/common/clock.hpp"
#include "storage/factory.hpp"

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

using Argv = std::vector<std::string>;

int RunInit(const Env& env, const Argv& args);
int RunImport(const Env& env, const Argv& args);
int RunCompliance(const Env& env, const Argv& args);
int RunDemo(const Env& env, const Argv& args);
int RunMigrateData(const Env& env, const Argv& args);
int RunPromotion(const Env& env, const Argv& args);
int RunHistory(const Env& env, const Argv& args);
int RunCert(const Env& env, const Argv& args);
int RunExport(const Env& env, const Argv& args);
int RunServe(const Env& env, const Argv& args);
int RunUser(const Env& env, const Argv& args);
int RunAudit(const Env& env, const Argv& args);
int RunOpenApi(const Env& env, const Argv& args);

/// Prints a bilingual error list as the CLI does everywhere: "field: 中文 / English".
void PrintErrors(std::ostream& err, const Errors& errors);

}  // namespace jixu::cli
