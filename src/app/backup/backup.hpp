#pragma once
// `jixu backup FILE` and `jixu restore FILE` (docs/operations.md#backup-and-restore).
//
// SQLite: the online backup API copies a consistent image while servers keep writing (WAL
// readers see one snapshot). PostgreSQL: pg_dump, whose single REPEATABLE READ snapshot makes the
// dump consistent across tables, in its custom format. Either image is encrypted into FILE
// (backup_file.hpp) and the plain image, written beside FILE with mode 0600, is removed.
//
// A restore opens every chunk into a plain image beside the target first; only when the whole
// file verified does it touch the database (SQLite: the backup API copies the image over the
// target in one write transaction; PostgreSQL: pg_restore --single-transaction --clean).
#include <filesystem>
#include <optional>
#include <string>

#include "storage/factory.hpp"

namespace jixu::app::backup {

struct BackupOptions {
  storage::StoreConfig store;
  std::filesystem::path data_key_file;   ///< its current KEK keys the file (no passphrase)
  std::optional<std::string> passphrase;  ///< scrypt instead of the key file
};

struct BackupResult {
  int64_t bytes = 0;         ///< of the encrypted file
  int64_t plain_bytes = 0;   ///< of the database image
};

BackupResult Backup(const BackupOptions& options, const std::filesystem::path& file);

/// Throws Fault("backup_tampered") (nothing restored) when the file does not verify,
/// Fault("restore_target_not_empty") when the target holds persons or users and !force.
BackupResult Restore(const BackupOptions& options, const std::filesystem::path& file, bool force);

/// The key file the store's ID-number keys live in (--data-key, else the default).
std::filesystem::path DataKeyFileOf(const storage::StoreConfig& store);

}  // namespace jixu::app::backup
