#include "storage/sql/privacy/aead.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <memory>

#include "core/common/error.hpp"

namespace jixu::storage::privacy {
namespace {

struct CtxFree {
  void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};

/// One context per thread, re-initialised per call: creating one costs more than a short seal.
EVP_CIPHER_CTX* ThreadCtx() {
  thread_local std::unique_ptr<EVP_CIPHER_CTX, CtxFree> ctx(EVP_CIPHER_CTX_new());
  if (!ctx) throw Fault("crypto_failed", "EVP_CIPHER_CTX_new failed");
  return ctx.get();
}

const EVP_CIPHER* Aes256Gcm() {
  static const EVP_CIPHER* cipher = EVP_aes_256_gcm();
  return cipher;
}

[[noreturn]] void Invalid() {
  throw Fault("sealed_value_invalid",
              "加密数据无法解密或已被篡改 / sealed data does not verify (wrong key or tampered)");
}

const unsigned char* U(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

std::string RandomBytes(size_t n) {
  std::string out(n, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)) != 1) {
    throw Fault("crypto_failed", "RAND_bytes failed");
  }
  return out;
}

Key RandomKey() {
  Key k;
  if (RAND_bytes(k.data(), static_cast<int>(k.size())) != 1) {
    throw Fault("crypto_failed", "RAND_bytes failed");
  }
  return k;
}

std::string Seal(const Key& key, std::string_view plain, std::string_view aad) {
  std::string out = RandomBytes(kNonceBytes);
  out.resize(kNonceBytes + plain.size() + kTagBytes);
  auto* o = reinterpret_cast<unsigned char*>(out.data());
  EVP_CIPHER_CTX* ctx = ThreadCtx();
  int len = 0;
  int tail = 0;
  if (EVP_EncryptInit_ex(ctx, Aes256Gcm(), nullptr, key.data(), o) != 1 ||
      (!aad.empty() && EVP_EncryptUpdate(ctx, nullptr, &len, U(aad), static_cast<int>(aad.size())) != 1) ||
      EVP_EncryptUpdate(ctx, o + kNonceBytes, &len, U(plain), static_cast<int>(plain.size())) != 1 ||
      EVP_EncryptFinal_ex(ctx, o + kNonceBytes + len, &tail) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, kTagBytes, o + kNonceBytes + plain.size()) != 1) {
    throw Fault("crypto_failed", "AES-256-GCM encryption failed");
  }
  return out;
}

std::string Open(const Key& key, std::string_view sealed, std::string_view aad) {
  if (sealed.size() < kNonceBytes + kTagBytes) Invalid();
  const size_t n = sealed.size() - kNonceBytes - kTagBytes;
  std::string out(n, '\0');
  auto* o = reinterpret_cast<unsigned char*>(out.data());
  std::string tag(sealed.substr(kNonceBytes + n));
  EVP_CIPHER_CTX* ctx = ThreadCtx();
  int len = 0;
  int tail = 0;
  if (EVP_DecryptInit_ex(ctx, Aes256Gcm(), nullptr, key.data(), U(sealed)) != 1 ||
      (!aad.empty() && EVP_DecryptUpdate(ctx, nullptr, &len, U(aad), static_cast<int>(aad.size())) != 1) ||
      EVP_DecryptUpdate(ctx, o, &len, U(sealed) + kNonceBytes, static_cast<int>(n)) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, kTagBytes, tag.data()) != 1 ||
      EVP_DecryptFinal_ex(ctx, o + len, &tail) != 1) {
    Invalid();
  }
  return out;
}

std::string Hmac(const Key& key, std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), U(data), data.size(), md,
           &len) == nullptr) {
    throw Fault("crypto_failed", "HMAC-SHA-256 failed");
  }
  return std::string(reinterpret_cast<const char*>(md), len);
}

std::string ToBase64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), U(bytes),
                                static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

std::string FromBase64(std::string_view text) {
  if (text.size() % 4 != 0) Invalid();
  std::string out(3 * (text.size() / 4), '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()), U(text),
                                static_cast<int>(text.size()));
  if (n < 0) Invalid();
  size_t pad = 0;
  if (!text.empty() && text.back() == '=') ++pad;
  if (text.size() > 1 && text[text.size() - 2] == '=') ++pad;
  out.resize(static_cast<size_t>(n) - pad);
  return out;
}

std::string ToHex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

Key KeyFromHex(std::string_view hex, const char* code) {
  if (hex.size() != 2 * kKeyBytes) {
    throw Fault(code, "密钥须为 64 个十六进制数字 / a key is 64 hex digits");
  }
  Key k;
  for (size_t i = 0; i < kKeyBytes; ++i) {
    auto nib = [&](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      if (c >= 'A' && c <= 'F') return c - 'A' + 10;
      throw Fault(code, "密钥须为 64 个十六进制数字 / a key is 64 hex digits");
    };
    k[i] = static_cast<unsigned char>(nib(hex[2 * i]) * 16 + nib(hex[2 * i + 1]));
  }
  return k;
}

}  // namespace jixu::storage::privacy
