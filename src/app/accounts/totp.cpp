#include "app/accounts/totp.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cctype>

#include "app/crypto.hpp"
#include "core/common/error.hpp"

namespace jixu::app {
namespace {

constexpr std::string_view kBase32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr std::string_view kCodeAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";
constexpr size_t kSecretBytes = 20;
constexpr size_t kCodeHalf = 5;

const EVP_MD* Digest(TotpHash h) {
  switch (h) {
    case TotpHash::kSha256: return EVP_sha256();
    case TotpHash::kSha512: return EVP_sha512();
    case TotpHash::kSha1: break;
  }
  return EVP_sha1();
}

std::string Pad(uint32_t value, int digits) {
  std::string s = std::to_string(value);
  if (static_cast<int>(s.size()) < digits) s.insert(0, static_cast<size_t>(digits) - s.size(), '0');
  return s;
}

}  // namespace

std::string Base32Encode(std::string_view bytes) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 5) {
      out += kBase32[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += kBase32[(buffer << (5 - bits)) & 31];
  return out;
}

std::optional<std::string> Base32Decode(std::string_view text) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (char raw : text) {
    if (raw == ' ' || raw == '=' || raw == '-') continue;
    const char c = static_cast<char>(std::toupper(static_cast<unsigned char>(raw)));
    const size_t v = kBase32.find(c);
    if (v == std::string_view::npos) return std::nullopt;
    buffer = (buffer << 5) | static_cast<uint32_t>(v);
    bits += 5;
    if (bits >= 8) {
      out += static_cast<char>((buffer >> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return out;
}

std::string Hotp(std::string_view key, uint64_t counter, int digits, TotpHash hash) {
  unsigned char msg[8];
  for (int i = 7; i >= 0; --i) {
    msg[i] = static_cast<unsigned char>(counter & 0xff);
    counter >>= 8;
  }
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (HMAC(Digest(hash), key.data(), static_cast<int>(key.size()), msg, sizeof msg, mac, &len) ==
      nullptr) {
    throw Fault("crypto_error", "HMAC failed");
  }
  // RFC 4226 §5.3 dynamic truncation.
  const unsigned offset = mac[len - 1] & 0x0f;
  const uint32_t binary = (static_cast<uint32_t>(mac[offset] & 0x7f) << 24) |
                          (static_cast<uint32_t>(mac[offset + 1]) << 16) |
                          (static_cast<uint32_t>(mac[offset + 2]) << 8) | mac[offset + 3];
  uint32_t modulo = 1;
  for (int i = 0; i < digits; ++i) modulo *= 10;
  return Pad(binary % modulo, digits);
}

std::string Totp(std::string_view key, int64_t unix_seconds, int digits, TotpHash hash) {
  return Hotp(key, static_cast<uint64_t>(TotpStep(unix_seconds)), digits, hash);
}

std::optional<int64_t> MatchTotp(std::string_view key, std::string_view code, int64_t now) {
  if (code.size() != kTotpDigits) return std::nullopt;
  const int64_t current = TotpStep(now);
  std::optional<int64_t> found;
  // Every candidate is computed and compared, so the time taken says nothing about which matched.
  for (int64_t step = current + kTotpWindow; step >= current - kTotpWindow; --step) {
    const std::string expected = Hotp(key, static_cast<uint64_t>(step));
    if (CRYPTO_memcmp(expected.data(), code.data(), expected.size()) == 0 && !found) found = step;
  }
  return found;
}

std::string NewTotpSecret() {
  const std::string hex = RandomHex(kSecretBytes);
  std::string bytes;
  for (size_t i = 0; i < hex.size(); i += 2) {
    bytes += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  }
  return Base32Encode(bytes);
}

namespace {

std::string UriEscape(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace

std::string OtpauthUri(std::string_view issuer, std::string_view account,
                       std::string_view secret_base32) {
  const std::string i = UriEscape(issuer);
  return "otpauth://totp/" + i + ":" + UriEscape(account) + "?secret=" +
         std::string(secret_base32) + "&issuer=" + i + "&algorithm=SHA1&digits=" +
         std::to_string(kTotpDigits) + "&period=" + std::to_string(kTotpStepSeconds);
}

std::vector<std::string> NewRecoveryCodes() {
  std::vector<std::string> out;
  for (int n = 0; n < kRecoveryCodeCount; ++n) {
    const std::string hex = RandomHex(2 * kCodeHalf);
    std::string code;
    for (size_t i = 0; i < hex.size(); i += 2) {
      if (code.size() == kCodeHalf) code += '-';
      const int byte = std::stoi(hex.substr(i, 2), nullptr, 16);
      code += kCodeAlphabet[static_cast<size_t>(byte) % kCodeAlphabet.size()];
    }
    out.push_back(code);
  }
  return out;
}

std::string RecoveryCodeHash(std::string_view code) {
  std::string norm;
  for (unsigned char c : code) {
    if (c == '-' || c == ' ') continue;
    norm += static_cast<char>(std::tolower(c));
  }
  return Sha256Hex("jixu-recovery:" + norm);
}

}  // namespace jixu::app
