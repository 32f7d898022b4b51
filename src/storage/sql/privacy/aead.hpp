#pragma once
// AES-256-GCM and HMAC-SHA-256 over OpenSSL 3, for the fields sealed at rest (key_ring.hpp) and
// the encrypted backups (app/backup). A sealed value is nonce (12 bytes) | ciphertext | tag (16).
// SM4-GCM is not offered: the OpenSSL 3.0 this project builds with has SM4-CBC/CTR but not GCM
// (docs/security.md#personal-data-at-rest).
#include <array>
#include <string>
#include <string_view>

namespace jixu::storage::privacy {

inline constexpr size_t kKeyBytes = 32;
inline constexpr size_t kNonceBytes = 12;
inline constexpr size_t kTagBytes = 16;
using Key = std::array<unsigned char, kKeyBytes>;

Key RandomKey();
std::string RandomBytes(size_t n);

/// nonce | AES-256-GCM(plain) | tag, with `aad` authenticated but not stored.
std::string Seal(const Key& key, std::string_view plain, std::string_view aad);
/// The plaintext, or throws Fault("sealed_value_invalid") when the tag does not verify (wrong
/// key, tampered or truncated input).
std::string Open(const Key& key, std::string_view sealed, std::string_view aad);

/// HMAC-SHA-256 of `data` under `key` (32 raw bytes).
std::string Hmac(const Key& key, std::string_view data);

std::string ToBase64(std::string_view bytes);
/// Throws Fault("sealed_value_invalid") on anything but padded standard base64.
std::string FromBase64(std::string_view text);
std::string ToHex(std::string_view bytes);
/// Throws Fault(code) unless `hex` is 2·kKeyBytes hex digits.
Key KeyFromHex(std::string_view hex, const char* code);

}  // namespace jixu::storage::privacy
