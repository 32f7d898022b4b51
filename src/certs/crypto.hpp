#pragma once
// Signature algorithms for certificates (docs/certificates.md, "Algorithms").
//
//  - Ed25519 (RFC 8032) through libsodium: the default. Private key = the 32-byte seed,
//    public key = 32 bytes, signature = 64 bytes.
//  - SM2 with SM3 (GB/T 32918, GB/T 32905) through OpenSSL 3: the national algorithms, chosen by
//    configuration. Private key = the 32-byte scalar, public key = the 65-byte uncompressed
//    point, signature = DER SEQUENCE{r, s}. The signer ID that enters Z_A is GM/T 0009's default
//    "1234567812345678", set explicitly with EVP_PKEY_CTX_set1_id: OpenSSL 3 otherwise hashes an
//    empty ID, and every other SM2 implementation would reject our signatures.
#include <optional>
#include <string>
#include <string_view>

#include "certs/encoding.hpp"

namespace jixu::certs {

enum class Algorithm { kEd25519, kSm2Sm3 };

std::string_view AlgorithmCode(Algorithm a);  ///< "ed25519", "sm2-sm3"
std::optional<Algorithm> ParseAlgorithm(std::string_view text);  ///< also "sm2", "Ed25519"

inline constexpr std::string_view kSm2SignerId = "1234567812345678";

struct KeyPair {
  Algorithm algorithm = Algorithm::kEd25519;
  Bytes public_key;
  Bytes private_key;
};

KeyPair GenerateKeyPair(Algorithm algorithm);
/// The public key belonging to `private_key` (keys loaded from a file carry only the private half).
Bytes PublicKeyOf(Algorithm algorithm, const Bytes& private_key);
/// Throws Fault("crypto_error") if the key is malformed.
Bytes Sign(Algorithm algorithm, const Bytes& private_key, std::string_view message);
/// False for a wrong signature, a wrong key, or malformed input (never throws for bad input).
bool Verify(Algorithm algorithm, const Bytes& public_key, std::string_view message,
            const Bytes& signature);

Bytes Sha256(std::string_view data);
Bytes Sm3(std::string_view data);

/// A key id: the algorithm and the first 8 bytes of SHA-256 of the public key, in hex
/// ("ed25519-3fa1b2c4d5e6f708"); stable, so anyone holding the public key can recompute it.
std::string KeyIdOf(Algorithm algorithm, const Bytes& public_key);

}  // namespace jixu::certs
