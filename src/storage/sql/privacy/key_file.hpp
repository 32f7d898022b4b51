#pragma once
// The key-encryption keys (KEK): kept in a file outside the database (--data-key /
// JIXU_DATA_KEY_FILE; default `<db>.data-key` beside a SQLite file, `jixu-data.key` in the working
// directory for PostgreSQL). One key per line as 64 hex digits, mode 0600; the first line wraps
// new data keys, later lines are earlier KEKs still accepted for unwrapping while a KEK rotation
// is under way (docs/operations.md#keys-for-personal-data).
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "storage/sql/privacy/aead.hpp"

namespace jixu::storage::privacy {

struct Kek {
  Key key{};
  std::string id;  ///< public fingerprint: 16 hex digits of an HMAC of a fixed label
};
Kek MakeKek(const Key& key);

/// The default key file for a store: beside a SQLite file, in the working directory for a
/// PostgreSQL URL; empty for ":memory:" (an in-memory database gets an in-memory key).
std::filesystem::path DefaultKeyFile(const std::string& sqlite_path, const std::string& database_url);

/// The KEKs in `path` (current first), or nullopt if there is no such file. Throws Fault if the
/// file cannot be read, is malformed, or is accessible to group or others.
std::optional<std::vector<Kek>> ReadKeyFile(const std::filesystem::path& path);
/// Creates `path` holding one new KEK (mode 0600, never replacing a file) and returns what the
/// file holds afterwards: a process that loses a creation race gets the winner's key.
std::vector<Kek> CreateKeyFile(const std::filesystem::path& path);
/// Replaces `path` atomically (write, fsync, rename) with `keys`, current first.
void WriteKeyFile(const std::filesystem::path& path, const std::vector<Kek>& keys);

}  // namespace jixu::storage::privacy
