// `jixu backup FILE` and `jixu restore FILE` (docs/operations.md#backup-and-restore).
#include <fstream>
#include <ostream>

#include "app/backup/backup.hpp"
#include "cli/commands.hpp"
#include "cli/options.hpp"

namespace jixu::cli {
namespace {

struct BackupArgs {
  std::string file;
  std::optional<std::string> passphrase_file;
  bool force = false;
};

app::backup::BackupOptions OptionsFor(const Env& env, const BackupArgs& a) {
  app::backup::BackupOptions o;
  o.store = env.store;
  o.data_key_file = app::backup::DataKeyFileOf(env.store);
  if (a.passphrase_file) {
    std::ifstream in(*a.passphrase_file);
    std::string line;
    if (!in || !std::getline(in, line)) {
      throw UsageError{"cannot read --passphrase-file " + *a.passphrase_file};
    }
    o.passphrase = line;
  }
  return o;
}

void AddPassphrase(CLI::App* c, BackupArgs& a) {
  c->add_option("--passphrase-file", a.passphrase_file,
                "key the file with the passphrase on this file's first line (scrypt), not with "
                "the data key file");
}

}  // namespace

void AddBackup(CommandSet& set) {
  auto args = std::make_shared<BackupArgs>();
  CLI::App* backup = set.root().add_subcommand(
      "backup", "备份 / an encrypted, consistent copy of the database, taken while it serves");
  backup->add_option("FILE", args->file, "the backup file to write")->required();
  AddPassphrase(backup, *args);
  set.Add(backup, [args](const Env& env) {
    const auto r = app::backup::Backup(OptionsFor(env, *args), args->file);
    env.out << "备份完成 / backup written: " << args->file << " (" << r.bytes
            << " bytes, AES-256-GCM)\n";
    return kExitOk;
  });
  CLI::App* restore = set.root().add_subcommand(
      "restore", "恢复 / replace the database with a verified backup (stop the servers first)");
  restore->add_option("FILE", args->file, "the backup file to restore")->required();
  AddPassphrase(restore, *args);
  restore->add_flag("--force", args->force, "replace a database that holds persons or users");
  set.Add(restore, [args](const Env& env) {
    const auto r = app::backup::Restore(OptionsFor(env, *args), args->file, args->force);
    env.out << "恢复完成 / restored from " << args->file << " (" << r.plain_bytes
            << " bytes verified)\n";
    return kExitOk;
  });
}

}  // namespace jixu::cli
