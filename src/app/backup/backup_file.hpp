#pragma once
// The encrypted backup file (docs/operations.md#backup-and-restore): a 50-byte header, then the
// database image in chunks of at most 1 MiB, each sealed with AES-256-GCM under the backup key.
// Every chunk's additional data is the header, its index and whether it is the last, so a
// changed, reordered, dropped, truncated or appended chunk — or a changed header — fails to
// open and restore refuses the file.
//
// The key comes from a passphrase (scrypt, N=2^15, r=8, p=1, with the header's random salt) or,
// without one, from the data key file's current KEK (HMAC-SHA-256 of a fixed label): the same
// file that a restore needs anyway to read the persons' ID numbers.
#include <cstdint>
#include <filesystem>
#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include "storage/sql/privacy/aead.hpp"
#include "storage/sql/privacy/key_file.hpp"

namespace jixu::app::backup {

enum class Backend : uint8_t { kSqlite = 1, kPostgres = 2 };
enum class KeySource : uint8_t { kKeyFile = 1, kPassphrase = 2 };

struct Header {
  Backend backend = Backend::kSqlite;
  KeySource source = KeySource::kKeyFile;
  std::string salt;    ///< 16 bytes (passphrase) or zeros
  std::string kek_id;  ///< 16 hex digits of the KEK the key came from, or zeros
  std::string Encode() const;
  /// Throws Fault("backup_invalid") unless `bytes` is a backup header.
  static Header Decode(std::string_view bytes);
  static constexpr size_t kSize = 50;
};

struct BackupKey {
  Header header;  ///< the key's part of the header (salt or KEK id)
  storage::privacy::Key key{};
};
/// A new key from a passphrase (new random salt), or the key a header's salt gives.
BackupKey KeyFromPassphrase(std::string_view passphrase, Backend backend);
storage::privacy::Key KeyFromPassphrase(std::string_view passphrase, const Header& header);
/// The key from the key file's current KEK; for opening, the KEK the header names (any in the
/// file). Throws Fault("backup_key_wrong") if the file holds no such KEK.
BackupKey KeyFromKek(const std::vector<storage::privacy::Kek>& keks, Backend backend);
storage::privacy::Key KeyFromKek(const std::vector<storage::privacy::Kek>& keks,
                                 const Header& header);

/// Writes header and sealed chunks of everything `plain` yields to `out`.
void Encrypt(std::istream& plain, std::ostream& out, const BackupKey& key);
/// Reads the header only (to choose the key).
Header ReadHeader(std::istream& in);
/// Opens every chunk after the header into `plain`; throws Fault("backup_tampered") on any
/// chunk that does not verify or a file that ends before its last chunk.
void Decrypt(std::istream& in, const Header& header, const storage::privacy::Key& key,
             std::ostream& plain);

}  // namespace jixu::app::backup
