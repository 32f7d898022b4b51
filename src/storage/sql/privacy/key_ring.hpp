#pragma once
// The keys that protect persons' ID numbers at rest (docs/security.md#personal-data-at-rest).
//
// Envelope encryption: random data keys (AES-256-GCM) and one blind-index key (HMAC-SHA-256)
// are stored in the database's `data_keys` table only wrapped (AES-256-GCM) by a key-encryption
// key kept outside it (key_file.hpp). A sealed ID number is the text "k<key id>:<base64>", so
// every row names the data key that opens it and rows sealed under an earlier key stay readable
// while a rotation re-encrypts them. Lookups and uniqueness go by `id_index`, a keyed HMAC of
// the ID number that is the same for every data key.
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "storage/sql/privacy/key_file.hpp"

namespace jixu::storage::sql {
class SqlConn;
}

namespace jixu::storage::privacy {

class KeyRing {
 public:
  /// `key_file` empty: an in-memory KEK, for ":memory:" databases that never outlive the process.
  explicit KeyRing(std::filesystem::path key_file) : key_file_(std::move(key_file)) {}
  KeyRing(const KeyRing&) = delete;
  KeyRing& operator=(const KeyRing&) = delete;

  /// The connection the keys are read from (the store's own); set once by the store.
  void Attach(sql::SqlConn& conn) { conn_ = &conn; }
  /// (Re)reads the wrapped keys, creating them (and the key file) on a database that has none.
  /// Throws Fault("data_key_missing") when the database has keys but the key file is gone, and
  /// Fault("data_key_mismatch") when no KEK in the file unwraps them.
  void Load();

  std::string Seal(std::string_view id_number);
  /// Throws Fault("sealed_value_invalid") for anything but a valid envelope under a known key.
  std::string Open(std::string_view sealed);
  /// The blind index: 32 hex digits of HMAC-SHA-256(index key, id_number).
  std::string Index(std::string_view id_number);

  /// The key id a sealed value names, 0 if it is not an envelope.
  static uint32_t KeyIdOf(std::string_view sealed);
  uint32_t active_key();
  const std::filesystem::path& key_file() const { return key_file_; }
  /// The KEKs this process holds (current first); Load() must have run.
  std::vector<Kek> keks();

  struct Wrapped {
    uint32_t key_id;
    std::string purpose;
    std::string wrapped;
    bool active;
  };
  /// Every key this process holds, wrapped under `kek` (for a rotation's new wrappings).
  std::vector<Wrapped> WrapAllUnder(const Kek& kek);

 private:
  void EnsureLoaded();
  void LoadLocked();
  std::filesystem::path key_file_;
  sql::SqlConn* conn_ = nullptr;
  std::shared_mutex mu_;
  std::atomic<bool> loaded_{false};
  std::vector<Kek> keks_;
  std::map<uint32_t, Key> data_keys_;
  Key index_key_{};
  uint32_t active_ = 0;
};

/// Wraps `key` for the data_keys table under `kek` (AES-256-GCM, bound to id and purpose).
std::string WrapKey(const Kek& kek, uint32_t key_id, std::string_view purpose, const Key& key);

}  // namespace jixu::storage::privacy
