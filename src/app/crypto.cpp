#include "app/crypto.hpp"

#include <sodium.h>

#include <cstring>

#include "core/common/error.hpp"

namespace jixu::app {
namespace {

std::string ToHex(const unsigned char* p, size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), p, n);
  out.pop_back();
  return out;
}

}  // namespace

void CryptoInit() {
  static const int rc = sodium_init();
  if (rc < 0) throw Fault("crypto_init_failed", "libsodium could not be initialised");
}

std::string Sha256Hex(std::string_view data) {
  CryptoInit();
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return ToHex(out, sizeof out);
}

std::string RandomHex(size_t n) {
  CryptoInit();
  std::string bytes(n, '\0');
  randombytes_buf(bytes.data(), n);
  return ToHex(reinterpret_cast<const unsigned char*>(bytes.data()), n);
}

std::string HashPassword(std::string_view password, const PasswordCost& cost) {
  CryptoInit();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), cost.ops, cost.mem_bytes,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw Fault("out_of_memory", "password hashing ran out of memory");
  }
  return out;
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  CryptoInit();
  const std::string h(hash);
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

bool NeedsRehash(std::string_view hash, const PasswordCost& cost) {
  CryptoInit();
  const std::string h(hash);
  return crypto_pwhash_str_needs_rehash(h.c_str(), cost.ops, cost.mem_bytes) != 0;
}

std::string HashParameters(std::string_view hash) {
  // $argon2id$v=19$m=32768,t=3,p=1$salt$hash
  constexpr std::string_view kPrefix = "$argon2id$v=19$";
  if (hash.substr(0, kPrefix.size()) != kPrefix) return "";
  hash.remove_prefix(kPrefix.size());
  const size_t end = hash.find('$');
  return end == std::string_view::npos ? "" : std::string(hash.substr(0, end));
}

std::string DummyPasswordHash(const PasswordCost& cost) {
  return HashPassword(RandomHex(16), cost);
}

IdPermutation::IdPermutation(std::string_view key_hex) {
  CryptoInit();
  size_t len = 0;
  if (sodium_hex2bin(key_.data(), key_.size(), key_hex.data(), key_hex.size(), nullptr, &len,
                     nullptr) != 0 ||
      len != key_.size()) {
    throw Fault("bad_id_secret", "the id secret must be 32 hex digits");
  }
}

uint32_t IdPermutation::Round(uint32_t half, int round, char domain) const {
  unsigned char in[6];
  std::memcpy(in, &half, 4);
  in[4] = static_cast<unsigned char>(round);
  in[5] = static_cast<unsigned char>(domain);
  unsigned char out[crypto_shorthash_BYTES];
  crypto_shorthash(out, in, sizeof in, key_.data());
  uint32_t r;
  std::memcpy(&r, out, 4);
  return r;
}

uint64_t IdPermutation::Encrypt(uint64_t v, char domain) const {
  uint32_t l = static_cast<uint32_t>(v >> 32), r = static_cast<uint32_t>(v);
  for (int i = 0; i < 4; ++i) {
    const uint32_t next = l ^ Round(r, i, domain);
    l = r;
    r = next;
  }
  return (static_cast<uint64_t>(l) << 32) | r;
}

uint64_t IdPermutation::Decrypt(uint64_t v, char domain) const {
  uint32_t l = static_cast<uint32_t>(v >> 32), r = static_cast<uint32_t>(v);
  for (int i = 3; i >= 0; --i) {
    const uint32_t prev = r ^ Round(l, i, domain);
    r = l;
    l = prev;
  }
  return (static_cast<uint64_t>(l) << 32) | r;
}

}  // namespace jixu::app
