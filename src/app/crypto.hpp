#pragma once
// The few cryptographic primitives the server and the audit log need, over libsodium:
// SHA-256, random bytes, Argon2id password hashes, and a keyed 64-bit permutation for opaque ids.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace jixu::app {

/// Initialises libsodium once; every function below calls it.
void CryptoInit();

std::string Sha256Hex(std::string_view data);
/// `n` random bytes as lower-case hex.
std::string RandomHex(size_t n);

/// Argon2id cost. The defaults (3 passes over 32 MiB) take ~60–120 ms on this class of machine:
/// far below the 0.5 s a login may take, far above what makes guessing cheap. Tests lower them.
struct PasswordCost {
  uint64_t ops = 3;
  size_t mem_bytes = size_t{32} << 20;
};
std::string HashPassword(std::string_view password, const PasswordCost& cost);
bool VerifyPassword(std::string_view hash, std::string_view password);

/// A keyed permutation of 64-bit integers (a 4-round Feistel network whose round function is
/// SipHash-2-4 under `key`, tweaked by `domain`): row ids become non-sequential opaque ids that
/// only the key's holder can map back.
class IdPermutation {
 public:
  explicit IdPermutation(std::string_view key_hex);
  uint64_t Encrypt(uint64_t v, char domain) const;
  uint64_t Decrypt(uint64_t v, char domain) const;

 private:
  uint32_t Round(uint32_t half, int round, char domain) const;
  std::array<unsigned char, 16> key_{};
};

}  // namespace jixu::app
