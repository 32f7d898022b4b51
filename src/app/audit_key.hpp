#pragma once
// The audit chain's secret: a 32-byte HMAC-SHA-256 key kept in a file outside the database
// (docs/operations.md#audit-key-and-checkpoints). Whoever can write the database but not read
// this file cannot recompute a valid chain after editing or deleting entries.
//
// The file holds the key as 64 hex digits and a newline, mode 0600. It is created by `jixu init`
// and by anything else that writes audit entries, but only while the chain holds no keyed entry
// yet (a fresh or just-upgraded database): a lost key is never silently replaced by a new one.
#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/storage/store.hpp"
#include "storage/factory.hpp"

namespace jixu::app {

/// Where the audit key and the signed checkpoints live.
struct AuditFiles {
  std::filesystem::path key;          ///< --audit-key / JIXU_AUDIT_KEY_FILE
  std::filesystem::path checkpoints;  ///< --audit-checkpoints / JIXU_AUDIT_CHECKPOINTS
};

/// Defaults: SQLite `<db>.audit-key` and `<db>.audit-checkpoints.jsonl` beside the database
/// file; PostgreSQL `jixu-audit.key` and `jixu-audit-checkpoints.jsonl` in the working directory.
AuditFiles DefaultAuditFiles(const storage::StoreConfig& store);

class AuditKey {
 public:
  AuditKey() = default;  ///< no key: Mac() throws (an append without a key fails closed)
  static AuditKey Generate();
  /// Throws Fault("invalid_audit_key") unless `hex` is 64 hex digits.
  static AuditKey FromHex(std::string_view hex);

  bool empty() const { return !set_; }
  std::string Hex() const;
  /// HMAC-SHA-256 of `text` under the key, as lower-case hex.
  std::string Mac(std::string_view text) const;
  /// A public fingerprint (16 hex digits, an HMAC of a fixed label): checkpoints record it so a
  /// wrong key file is named as such rather than as tampering.
  std::string Id() const;

 private:
  std::array<unsigned char, 32> key_{};
  bool set_ = false;
};

/// The key in `path`, or nullopt if there is no such file. Throws Fault if the file cannot be
/// read, is malformed, or is readable or writable by group or others.
std::optional<AuditKey> ReadAuditKey(const std::filesystem::path& path);

/// Creates `path` with a new key (mode 0600, never overwriting) and returns the key the file
/// holds afterwards: a process that loses a creation race gets the winner's key.
AuditKey CreateAuditKey(const std::filesystem::path& path);

/// The key to append entries with: the file's, or a new file's when there is none and the
/// chain holds no keyed entry yet. Throws Fault("audit_key_missing") when the file is missing
/// but keyed entries exist (restore it from the backup; docs/operations.md).
AuditKey OpenAuditKeyForWriting(storage::Store& store, const std::filesystem::path& path);

}  // namespace jixu::app
