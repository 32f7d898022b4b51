#include "certs/key_ring.hpp"

#include <sodium.h>

#include <cstdlib>
#include <ctime>
#include <fstream>
#include <sstream>

#include "core/common/error.hpp"

namespace jixu::certs {
namespace {

constexpr std::string_view kSealPrefix = "xchacha20poly1305:";

std::string KekId(const Bytes& kek) {
  Bytes d = Sha256(std::string_view(reinterpret_cast<const char*>(kek.data()), kek.size()));
  d.resize(4);
  return Hex(d);
}

std::string Seal(const Bytes& kek, const std::string& key_id, const Bytes& secret) {
  Bytes out(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  randombytes_buf(out.data(), out.size());
  Bytes ct(secret.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES);
  unsigned long long len = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      ct.data(), &len, secret.data(), secret.size(),
      reinterpret_cast<const uint8_t*>(key_id.data()), key_id.size(), nullptr, out.data(),
      kek.data());
  ct.resize(len);
  out.insert(out.end(), ct.begin(), ct.end());
  return Base64Url(out);
}

std::optional<Bytes> Open(const Bytes& kek, const std::string& key_id, const Bytes& sealed) {
  constexpr size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  if (sealed.size() < kNonce + crypto_aead_xchacha20poly1305_ietf_ABYTES) return std::nullopt;
  Bytes plain(sealed.size() - kNonce);
  unsigned long long len = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          plain.data(), &len, nullptr, sealed.data() + kNonce, sealed.size() - kNonce,
          reinterpret_cast<const uint8_t*>(key_id.data()), key_id.size(), sealed.data(),
          kek.data()) != 0) {
    return std::nullopt;
  }
  plain.resize(len);
  return plain;
}

PublicKeyInfo InfoOf(const storage::SigningKeyRow& row) {
  auto alg = ParseAlgorithm(row.algorithm);
  auto pub = FromBase64Url(row.public_key);
  if (!alg || !pub) throw Fault("corrupt_key", "signing key " + row.key_id + " is malformed");
  return {row.key_id, *alg, *pub, row.created_at, row.retired_at};
}

std::string Trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

}  // namespace

std::optional<Bytes> KeyEncryptionKeyFromEnv() {
  std::string text;
  if (const char* v = std::getenv("JIXU_CERT_KEK"); v != nullptr && *v != '\0') {
    text = v;
  } else if (const char* f = std::getenv("JIXU_CERT_KEK_FILE"); f != nullptr && *f != '\0') {
    std::ifstream in(f);
    if (!in) throw Fault("invalid_config", std::string("cannot read JIXU_CERT_KEK_FILE ") + f);
    std::stringstream s;
    s << in.rdbuf();
    text = s.str();
  } else {
    return std::nullopt;
  }
  auto kek = FromBase64Url(Trimmed(text));
  if (!kek || kek->size() != crypto_aead_xchacha20poly1305_ietf_KEYBYTES) {
    throw Fault("invalid_config", "the certificate key-encryption key must be 32 bytes, base64url");
  }
  return kek;
}

KeyRing::KeyRing(storage::Store& store, ClockPtr clock, std::optional<Bytes> kek)
    : store_(store), clock_(std::move(clock)), kek_(std::move(kek)) {
  if (sodium_init() < 0) throw Fault("crypto_unavailable", "libsodium failed to initialise");
}

SigningKey KeyRing::Unseal(const storage::SigningKeyRow& row) const {
  SigningKey key{InfoOf(row), {}};
  auto stored = FromBase64Url(row.private_key);
  if (!stored) throw Fault("corrupt_key", "signing key " + row.key_id + " is malformed");
  if (row.protection == "none") {
    key.private_key = *stored;
  } else if (row.protection.rfind(kSealPrefix, 0) == 0) {
    if (!kek_ || row.protection.substr(kSealPrefix.size()) != KekId(*kek_)) {
      throw Fault("key_sealed", "signing key " + row.key_id +
                                    " is sealed: set JIXU_CERT_KEK (or JIXU_CERT_KEK_FILE) to "
                                    "the key-encryption key it was sealed with");
    }
    auto plain = Open(*kek_, row.key_id, *stored);
    if (!plain) throw Fault("key_sealed", "signing key " + row.key_id + " failed to unseal");
    key.private_key = *plain;
  } else {
    throw Fault("corrupt_key", "unknown key protection '" + row.protection + "'");
  }
  // A swapped public key would make every signature "invalid" later: catch it at load.
  if (PublicKeyOf(key.info.algorithm, key.private_key) != key.info.public_key) {
    throw Fault("corrupt_key", "signing key " + row.key_id + " does not match its public key");
  }
  return key;
}

SigningKey KeyRing::Active(Algorithm algorithm) {
  for (const auto& k : cache_) {
    if (k.info.algorithm == algorithm) return k;
  }
  std::optional<storage::SigningKeyRow> newest;
  for (auto& row : store_.signing_keys().List()) {
    if (!row.retired_at && ParseAlgorithm(row.algorithm) == algorithm) newest = std::move(row);
  }
  if (!newest) {
    Create(algorithm);
    return Active(algorithm);
  }
  cache_.push_back(Unseal(*newest));
  return cache_.back();
}

PublicKeyInfo KeyRing::Create(Algorithm algorithm) {
  KeyPair kp = GenerateKeyPair(algorithm);
  storage::SigningKeyRow row;
  row.key_id = KeyIdOf(algorithm, kp.public_key);
  row.algorithm = AlgorithmCode(algorithm);
  row.public_key = Base64Url(kp.public_key);
  if (kek_) {
    row.private_key = Seal(*kek_, row.key_id, kp.private_key);
    row.protection = std::string(kSealPrefix) + KekId(*kek_);
  } else {
    row.private_key = Base64Url(kp.private_key);
    row.protection = "none";
  }
  sodium_memzero(kp.private_key.data(), kp.private_key.size());
  row.created_at = clock_->NowUnixSeconds();
  store_.signing_keys().Insert(row);
  return InfoOf(row);
}

PublicKeyInfo KeyRing::Rotate(Algorithm algorithm) {
  auto uow = store_.Begin();
  for (const auto& row : store_.signing_keys().List()) {
    if (!row.retired_at && ParseAlgorithm(row.algorithm) == algorithm) {
      store_.signing_keys().Retire(row.key_id, clock_->NowUnixSeconds());
    }
  }
  PublicKeyInfo info = Create(algorithm);
  uow->Commit();
  std::erase_if(cache_, [&](const SigningKey& k) { return k.info.algorithm == algorithm; });
  return info;
}

std::vector<PublicKeyInfo> KeyRing::PublicKeys() {
  std::vector<PublicKeyInfo> out;
  for (const auto& row : store_.signing_keys().List()) out.push_back(InfoOf(row));
  return out;
}

std::optional<PublicKeyInfo> KeyRing::Find(std::string_view key_id) {
  for (auto& k : PublicKeys()) {
    if (k.key_id == key_id) return k;
  }
  return std::nullopt;
}

std::string IsoTimestamp(int64_t unix_seconds) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace jixu::certs
