#pragma once
// The registry's signing keys: generated on `jixu init` (or the first issue), identified by key
// ids, rotated on demand (the old key is retired: it signs nothing new and still verifies what it
// signed), published as a JSON key set (/.well-known/jixu-keys.json, `jixu cert keys`).
//
// Key protection (docs/certificates.md): private keys live in the database. When a key-encryption
// key is configured — env JIXU_CERT_KEK (base64url of 32 bytes) or the file named by
// JIXU_CERT_KEK_FILE — each private key is sealed with XChaCha20-Poly1305 under it (the key id
// as associated data), so a copy of the database alone cannot sign. Without one, keys are stored
// unsealed (protection "none") and the database file must be protected like a key file.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "certs/crypto.hpp"
#include "core/common/clock.hpp"
#include "core/storage/store.hpp"

namespace jixu::certs {

struct PublicKeyInfo {
  std::string key_id;
  Algorithm algorithm = Algorithm::kEd25519;
  Bytes public_key;
  int64_t created_at = 0;
  std::optional<int64_t> retired_at;
};

struct SigningKey {
  PublicKeyInfo info;
  Bytes private_key;
};

/// The key-encryption key from the environment (JIXU_CERT_KEK or JIXU_CERT_KEK_FILE), if any.
/// Throws Fault("invalid_config") if one is set but is not 32 bytes of base64url.
std::optional<Bytes> KeyEncryptionKeyFromEnv();

class KeyRing {
 public:
  KeyRing(storage::Store& store, ClockPtr clock, std::optional<Bytes> kek);

  /// The key that signs new certificates of `algorithm`; generates and stores one if there is
  /// none yet. Throws Fault("key_sealed") if it is sealed and the KEK is missing or wrong.
  SigningKey Active(Algorithm algorithm);
  /// Retires the active key of `algorithm` (if any) and makes a new one, in one transaction.
  PublicKeyInfo Rotate(Algorithm algorithm);
  /// Every key, oldest first, retired ones included.
  std::vector<PublicKeyInfo> PublicKeys();
  std::optional<PublicKeyInfo> Find(std::string_view key_id);

 private:
  PublicKeyInfo Create(Algorithm algorithm);
  SigningKey Unseal(const storage::SigningKeyRow& row) const;

  storage::Store& store_;
  ClockPtr clock_;
  std::optional<Bytes> kek_;
  std::vector<SigningKey> cache_;  ///< unsealed active keys (unsealing per issue is wasted work)
};

/// The published key set: {"issuer": ..., "keys": [{"kid", "alg", "status", "created",
/// "retired", "public_key", "jwk"}]}. JWK: OKP/Ed25519 (RFC 8037), or EC with "crv": "SM2".
nlohmann::json PublicKeySetJson(const std::vector<PublicKeyInfo>& keys, const std::string& issuer);
/// Reads a key set written by PublicKeySetJson; throws InvalidInput naming the bad field.
std::vector<PublicKeyInfo> ParsePublicKeySet(const nlohmann::json& doc);

/// "2026-01-15T08:30:00Z" for Unix seconds.
std::string IsoTimestamp(int64_t unix_seconds);

}  // namespace jixu::certs
