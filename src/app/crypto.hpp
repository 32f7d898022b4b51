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
/// Whether `hash` was made with parameters other than `cost` (or is not an Argon2id string):
/// such a hash is replaced at the next successful sign-in, so every account costs the same.
bool NeedsRehash(std::string_view hash, const PasswordCost& cost);
/// The parameter part of a hash ("m=32768,t=3,p=1"), empty if it is not an Argon2id string.
std::string HashParameters(std::string_view hash);
/// A hash of a random password at `cost`: verified when the username is unknown, so an unknown
/// user costs exactly what a known one does and timing tells nothing.
std::string DummyPasswordHash(const PasswordCost& cost);

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
