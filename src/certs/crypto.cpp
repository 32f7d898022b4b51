#include "certs/crypto.hpp"

#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <sodium.h>

#include <memory>

#include "core/common/error.hpp"

namespace jixu::certs {
namespace {

constexpr size_t kSm2PrivateSize = 32;
constexpr size_t kSm2PublicSize = 65;

void InitSodium() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) throw Fault("crypto_unavailable", "libsodium failed to initialise");
}

[[noreturn]] void OpenSslFail(const char* what) {
  throw Fault("crypto_error", std::string("OpenSSL: ") + what);
}

using PkeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

/// An SM2 EVP_PKEY from raw key material: public only, or both halves.
PkeyPtr Sm2Key(const Bytes& public_key, const Bytes* private_key) {
  PkeyPtr none(nullptr, &EVP_PKEY_free);
  if (public_key.size() != kSm2PublicSize) return none;
  std::unique_ptr<OSSL_PARAM_BLD, decltype(&OSSL_PARAM_BLD_free)> bld(OSSL_PARAM_BLD_new(),
                                                                      &OSSL_PARAM_BLD_free);
  std::unique_ptr<BIGNUM, decltype(&BN_clear_free)> priv(nullptr, &BN_clear_free);
  OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, "SM2", 0);
  OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, public_key.data(),
                                   public_key.size());
  if (private_key != nullptr) {
    priv.reset(BN_bin2bn(private_key->data(), static_cast<int>(private_key->size()), nullptr));
    OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_PRIV_KEY, priv.get());
  }
  std::unique_ptr<OSSL_PARAM, decltype(&OSSL_PARAM_free)> params(
      OSSL_PARAM_BLD_to_param(bld.get()), &OSSL_PARAM_free);
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "SM2", nullptr), &EVP_PKEY_CTX_free);
  EVP_PKEY* key = nullptr;
  const int selection = private_key != nullptr ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY;
  if (!ctx || EVP_PKEY_fromdata_init(ctx.get()) <= 0 ||
      EVP_PKEY_fromdata(ctx.get(), &key, selection, params.get()) <= 0) {
    return none;
  }
  return PkeyPtr(key, &EVP_PKEY_free);
}

Bytes Sm2PublicOf(EVP_PKEY* key) {
  Bytes pub(kSm2PublicSize);
  size_t len = 0;
  if (EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_PUB_KEY, pub.data(), pub.size(),
                                      &len) <= 0 ||
      len != kSm2PublicSize) {
    OpenSslFail("cannot read the SM2 public key");
  }
  return pub;
}

/// A digest-sign/verify context for SM2 with SM3 and the GM/T 0009 signer ID.
MdCtxPtr Sm2Context(EVP_PKEY* key, bool sign) {
  MdCtxPtr md(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  EVP_PKEY_CTX* pctx = nullptr;  // owned by md once the init succeeds
  const int init = sign ? EVP_DigestSignInit(md.get(), &pctx, EVP_sm3(), nullptr, key)
                        : EVP_DigestVerifyInit(md.get(), &pctx, EVP_sm3(), nullptr, key);
  if (init <= 0 || pctx == nullptr ||
      EVP_PKEY_CTX_set1_id(pctx, kSm2SignerId.data(), kSm2SignerId.size()) <= 0) {
    return MdCtxPtr(nullptr, &EVP_MD_CTX_free);
  }
  return md;
}

KeyPair GenerateSm2() {
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "SM2", nullptr), &EVP_PKEY_CTX_free);
  EVP_PKEY* raw = nullptr;
  if (!ctx || EVP_PKEY_keygen_init(ctx.get()) <= 0 || EVP_PKEY_generate(ctx.get(), &raw) <= 0) {
    OpenSslFail("SM2 key generation failed");
  }
  PkeyPtr key(raw, &EVP_PKEY_free);
  BIGNUM* priv = nullptr;
  if (EVP_PKEY_get_bn_param(key.get(), OSSL_PKEY_PARAM_PRIV_KEY, &priv) <= 0) {
    OpenSslFail("cannot read the SM2 private key");
  }
  KeyPair kp{Algorithm::kSm2Sm3, Sm2PublicOf(key.get()), Bytes(kSm2PrivateSize)};
  BN_bn2binpad(priv, kp.private_key.data(), static_cast<int>(kSm2PrivateSize));
  BN_clear_free(priv);
  return kp;
}

}  // namespace

std::string_view AlgorithmCode(Algorithm a) {
  return a == Algorithm::kEd25519 ? "ed25519" : "sm2-sm3";
}

std::optional<Algorithm> ParseAlgorithm(std::string_view text) {
  if (text == "ed25519" || text == "Ed25519") return Algorithm::kEd25519;
  if (text == "sm2-sm3" || text == "sm2" || text == "SM2") return Algorithm::kSm2Sm3;
  return std::nullopt;
}

KeyPair GenerateKeyPair(Algorithm algorithm) {
  if (algorithm == Algorithm::kSm2Sm3) return GenerateSm2();
  InitSodium();
  KeyPair kp{algorithm, Bytes(crypto_sign_PUBLICKEYBYTES), Bytes(crypto_sign_SEEDBYTES)};
  randombytes_buf(kp.private_key.data(), kp.private_key.size());
  kp.public_key = PublicKeyOf(algorithm, kp.private_key);
  return kp;
}

Bytes PublicKeyOf(Algorithm algorithm, const Bytes& private_key) {
  if (algorithm == Algorithm::kEd25519) {
    InitSodium();
    if (private_key.size() != crypto_sign_SEEDBYTES) OpenSslFail("Ed25519 seed must be 32 bytes");
    Bytes pk(crypto_sign_PUBLICKEYBYTES);
    Bytes sk(crypto_sign_SECRETKEYBYTES);
    crypto_sign_seed_keypair(pk.data(), sk.data(), private_key.data());
    sodium_memzero(sk.data(), sk.size());
    return pk;
  }
  // SM2: public = d·G, computed by letting OpenSSL derive it from the private scalar.
  std::unique_ptr<BIGNUM, decltype(&BN_clear_free)> d(
      BN_bin2bn(private_key.data(), static_cast<int>(private_key.size()), nullptr), &BN_clear_free);
  std::unique_ptr<EC_GROUP, decltype(&EC_GROUP_free)> group(EC_GROUP_new_by_curve_name(NID_sm2),
                                                            &EC_GROUP_free);
  std::unique_ptr<EC_POINT, decltype(&EC_POINT_free)> point(EC_POINT_new(group.get()),
                                                            &EC_POINT_free);
  if (!d || !point || EC_POINT_mul(group.get(), point.get(), d.get(), nullptr, nullptr, nullptr) <= 0) {
    OpenSslFail("cannot derive the SM2 public key");
  }
  Bytes pub(kSm2PublicSize);
  if (EC_POINT_point2oct(group.get(), point.get(), POINT_CONVERSION_UNCOMPRESSED, pub.data(),
                         pub.size(), nullptr) != kSm2PublicSize) {
    OpenSslFail("cannot encode the SM2 public key");
  }
  return pub;
}

Bytes Sign(Algorithm algorithm, const Bytes& private_key, std::string_view message) {
  if (algorithm == Algorithm::kEd25519) {
    InitSodium();
    if (private_key.size() != crypto_sign_SEEDBYTES) OpenSslFail("Ed25519 seed must be 32 bytes");
    Bytes pk(crypto_sign_PUBLICKEYBYTES);
    Bytes sk(crypto_sign_SECRETKEYBYTES);
    crypto_sign_seed_keypair(pk.data(), sk.data(), private_key.data());
    Bytes sig(crypto_sign_BYTES);
    crypto_sign_detached(sig.data(), nullptr, reinterpret_cast<const uint8_t*>(message.data()),
                         message.size(), sk.data());
    sodium_memzero(sk.data(), sk.size());
    return sig;
  }
  auto key = Sm2Key(PublicKeyOf(algorithm, private_key), &private_key);
  if (!key) OpenSslFail("malformed SM2 private key");
  auto md = Sm2Context(key.get(), true);
  size_t len = 0;
  if (!md || EVP_DigestSign(md.get(), nullptr, &len,
                            reinterpret_cast<const uint8_t*>(message.data()), message.size()) <= 0) {
    OpenSslFail("SM2 signing failed");
  }
  Bytes sig(len);
  if (EVP_DigestSign(md.get(), sig.data(), &len, reinterpret_cast<const uint8_t*>(message.data()),
                     message.size()) <= 0) {
    OpenSslFail("SM2 signing failed");
  }
  sig.resize(len);
  return sig;
}

bool Verify(Algorithm algorithm, const Bytes& public_key, std::string_view message,
            const Bytes& signature) {
  if (algorithm == Algorithm::kEd25519) {
    InitSodium();
    if (public_key.size() != crypto_sign_PUBLICKEYBYTES || signature.size() != crypto_sign_BYTES) {
      return false;
    }
    return crypto_sign_verify_detached(signature.data(),
                                       reinterpret_cast<const uint8_t*>(message.data()),
                                       message.size(), public_key.data()) == 0;
  }
  auto key = Sm2Key(public_key, nullptr);
  if (!key) return false;
  auto md = Sm2Context(key.get(), false);
  return md && EVP_DigestVerify(md.get(), signature.data(), signature.size(),
                                reinterpret_cast<const uint8_t*>(message.data()),
                                message.size()) == 1;
}

Bytes Sha256(std::string_view data) {
  InitSodium();
  Bytes out(crypto_hash_sha256_BYTES);
  crypto_hash_sha256(out.data(), reinterpret_cast<const uint8_t*>(data.data()), data.size());
  return out;
}

Bytes Sm3(std::string_view data) {
  Bytes out(EVP_MAX_MD_SIZE);
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), out.data(), &len, EVP_sm3(), nullptr) <= 0) {
    OpenSslFail("SM3 failed");
  }
  out.resize(len);
  return out;
}

std::string KeyIdOf(Algorithm algorithm, const Bytes& public_key) {
  Bytes digest = Sha256(std::string_view(reinterpret_cast<const char*>(public_key.data()),
                                         public_key.size()));
  digest.resize(8);
  return std::string(algorithm == Algorithm::kEd25519 ? "ed25519-" : "sm2-") + Hex(digest);
}

}  // namespace jixu::certs
