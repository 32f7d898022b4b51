#pragma once
// Open Badges 3.0 / W3C Verifiable Credentials 2.0 export of a certificate
// (docs/certificates.md, "Credential export"): an OpenBadgeCredential whose achievement carries
// the hours in `creditsAvailable`, secured by a Data Integrity proof with the eddsa-jcs-2022
// cryptosuite (W3C vc-di-eddsa): Ed25519 over SHA-256(JCS(proof config)) ‖
// SHA-256(JCS(credential without proof)), the verification method a did:key of a published key.
//
// eddsa-jcs-2022 is Ed25519 only, so credentials are signed with the registry's active Ed25519
// key even when its PDFs are signed with SM2.
#include <string>

#include <nlohmann/json.hpp>

#include "certs/config.hpp"
#include "certs/key_ring.hpp"
#include "certs/verifier.hpp"

namespace jixu::certs {

/// The credential without its proof, drawn from the registry's row (deterministic).
nlohmann::json UnsignedCredential(const storage::CertificateRow& row, const CertConfig& config);
/// The credential with a DataIntegrityProof created at `now` (Unix seconds).
nlohmann::json SignCredential(nlohmann::json credential, const SigningKey& ed25519_key,
                              int64_t now);

/// "did:key:z6Mk…" for an Ed25519 public key (multicodec 0xed01, base58btc).
std::string DidKey(const Bytes& ed25519_public_key);

/// Checks the proof against the published keys; with a registry, also revocation and that the
/// credential's content is what the registry would export.
VerifyResult VerifyCredential(const nlohmann::json& credential,
                              const std::vector<PublicKeyInfo>& keys,
                              storage::CertificateRepository* registry, const CertConfig& config);

/// True if `doc` looks like a credential (has "@context" and "proof").
bool IsCredential(const nlohmann::json& doc);

}  // namespace jixu::certs
