// Signature algorithms: known-answer tests (SM3 "abc", RFC 8032 Ed25519 test 1, an SM2/SM3
// vector made with the OpenSSL command line), and that a changed byte fails.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

#include "certs/crypto.hpp"

namespace jixu::certs {
namespace {

std::map<std::string, std::string> LoadVector(const std::string& name) {
  std::ifstream in(std::filesystem::path(JIXU_SOURCE_DIR) / "tests/certs/vectors" / name);
  std::map<std::string, std::string> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto eq = line.find('=');
    out[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return out;
}

std::string Str(const Bytes& b) { return std::string(b.begin(), b.end()); }

TEST(Crypto, Sm3KnownAnswerAbc) {
  EXPECT_EQ(Hex(Sm3("abc")), "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
}

TEST(Crypto, Ed25519Rfc8032TestOne) {
  const Bytes seed = *FromHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
  const Bytes pub = PublicKeyOf(Algorithm::kEd25519, seed);
  EXPECT_EQ(Hex(pub), "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  const Bytes sig = Sign(Algorithm::kEd25519, seed, "");
  EXPECT_EQ(Hex(sig),
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bac"
            "c61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
  EXPECT_TRUE(Verify(Algorithm::kEd25519, pub, "", sig));
}

TEST(Crypto, Sm2VectorFromOpensslCommandLineVerifies) {
  auto v = LoadVector("sm2_sm3_kat.txt");
  const Bytes priv = *FromHex(v["private_key"]);
  const Bytes pub = *FromHex(v["public_key"]);
  const std::string msg = Str(*FromHex(v["message_hex"]));
  EXPECT_EQ(PublicKeyOf(Algorithm::kSm2Sm3, priv), pub);
  EXPECT_TRUE(Verify(Algorithm::kSm2Sm3, pub, msg, *FromHex(v["signature"])));
  // Signed with OpenSSL's default (empty) signer ID: must not verify under GM/T 0009's ID.
  EXPECT_FALSE(Verify(Algorithm::kSm2Sm3, pub, msg, *FromHex(v["sig_default_id"])));
}

TEST(Crypto, Sm2OurSignatureVerifiesWithOpensslCommandLine) {
  if (std::system("command -v openssl >/dev/null 2>&1") != 0) GTEST_SKIP() << "no openssl CLI";
  auto v = LoadVector("sm2_sm3_kat.txt");
  const Bytes priv = *FromHex(v["private_key"]);
  const std::string msg = "证书内容 certificate payload";
  const Bytes sig = Sign(Algorithm::kSm2Sm3, priv, msg);
  const auto dir = std::filesystem::temp_directory_path() / ("jixu-sm2-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "msg", std::ios::binary) << msg;
  std::ofstream(dir / "sig", std::ios::binary) << Str(sig);
  // The public key as a PEM SubjectPublicKeyInfo: the fixed SM2 SPKI prefix + the point.
  const Bytes spki = *FromHex("3059301306072a8648ce3d020106082a811ccf5501822d034200" +
                              v["public_key"]);
  std::ofstream(dir / "pub.der", std::ios::binary) << Str(spki);
  const std::string d = dir.string();
  const std::string cmd = "cd '" + d +
                          "' && openssl pkey -pubin -inform DER -in pub.der -out pub.pem && "
                          "openssl pkeyutl -verify -pubin -inkey pub.pem -rawin -digest sm3 "
                          "-pkeyopt distid:1234567812345678 -in msg -sigfile sig >/dev/null";
  EXPECT_EQ(std::system(cmd.c_str()), 0);
  std::filesystem::remove_all(dir);
}

TEST(Crypto, GeneratedKeysSignAndAChangedByteFails) {
  for (auto alg : {Algorithm::kEd25519, Algorithm::kSm2Sm3}) {
    const KeyPair kp = GenerateKeyPair(alg);
    EXPECT_EQ(PublicKeyOf(alg, kp.private_key), kp.public_key);
    const std::string msg = R"({"hours":72,"name":"王芳"})";
    Bytes sig = Sign(alg, kp.private_key, msg);
    EXPECT_TRUE(Verify(alg, kp.public_key, msg, sig)) << AlgorithmCode(alg);
    std::string edited = msg;
    edited[10] = '3';  // 72 → 73
    EXPECT_FALSE(Verify(alg, kp.public_key, edited, sig)) << AlgorithmCode(alg);
    sig[sig.size() / 2] ^= 0x01;
    EXPECT_FALSE(Verify(alg, kp.public_key, msg, sig)) << AlgorithmCode(alg);
    EXPECT_FALSE(Verify(alg, kp.public_key, msg, Bytes{})) << AlgorithmCode(alg);
  }
}

TEST(Crypto, KeyIdIsDerivedFromThePublicKey) {
  const KeyPair kp = GenerateKeyPair(Algorithm::kEd25519);
  const std::string id = KeyIdOf(Algorithm::kEd25519, kp.public_key);
  EXPECT_EQ(id.rfind("ed25519-", 0), 0u);
  EXPECT_EQ(id.size(), 8u + 16u);
  EXPECT_EQ(id, KeyIdOf(Algorithm::kEd25519, kp.public_key));
}

TEST(Encoding, RoundTripsAndRejectsNonCanonicalBase64) {
  for (size_t n = 0; n < 40; ++n) {
    Bytes b(n);
    for (size_t i = 0; i < n; ++i) b[i] = static_cast<uint8_t>(i * 37 + 1);
    EXPECT_EQ(*FromBase64Url(Base64Url(b)), b);
    EXPECT_EQ(*FromBase58(Base58(b)), b);
  }
  EXPECT_EQ(Base64Url(ToBytes("hi?")), "aGk_");
  EXPECT_EQ(*FromBase64Url("aGk"), ToBytes("hi"));
  EXPECT_FALSE(FromBase64Url("aGl").has_value());  // same bytes, stray low bits: not canonical
  EXPECT_FALSE(FromBase64Url("a+b/").has_value());
}

}  // namespace
}  // namespace jixu::certs
