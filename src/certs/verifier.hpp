#pragma once
// Verification of signed certificate documents (docs/certificates.md, "Verification"): by serial
// against the registry, or offline for a document (a PDF's embedded envelope, an exported
// credential) against the published keys. The answer carries the full certified content, so a
// reader can compare it with the paper, and — when something is wrong — exactly what.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "certs/key_ring.hpp"
#include "core/common/error.hpp"
#include "core/storage/certificate_store.hpp"

namespace jixu::certs {

/// A payload and its signature: what a PDF embeds and what the registry stores.
struct SignedDocument {
  nlohmann::json payload;
  Algorithm algorithm = Algorithm::kEd25519;
  std::string key_id;
  Bytes signature;
};

/// {"jixu_certificate": 1, "payload": {...}, "signature": {"alg", "kid", "value"}}
nlohmann::json EnvelopeJson(const SignedDocument& doc);
/// Reads an envelope; an Error names the missing or malformed field.
Result<SignedDocument> ParseEnvelope(const nlohmann::json& envelope);
/// The registry's row as a signed document (its payload parsed).
Result<SignedDocument> DocumentOf(const storage::CertificateRow& row);

enum class VerifyStatus { kValid, kRevoked, kUnknown, kInvalid };
std::string_view VerifyStatusCode(VerifyStatus s);  ///< "valid", "revoked", "unknown", "invalid"
std::string_view VerifyStatusZh(VerifyStatus s);    ///< "有效", "已撤销", "无此证书", "无效"

/// A field whose value in the document differs from the registry's signed copy.
struct Difference {
  std::string field;     ///< dotted path, e.g. "hours.counted"
  std::string document;  ///< "(absent)" when the field is missing
  std::string registry;
};

struct VerifyResult {
  VerifyStatus status = VerifyStatus::kUnknown;
  std::string serial;
  nlohmann::json payload;  ///< the certified content (empty when unknown)
  std::string algorithm;
  std::string key_id;
  std::optional<int64_t> issued_at;
  std::optional<int64_t> revoked_at;
  std::string revoke_reason;
  std::vector<Error> problems;  ///< why it is not valid, one entry per check that failed
  std::vector<Difference> differences;
};

/// Checks `doc` against `keys` (signature, key known, algorithm), then — if `registry` is given —
/// whether the registry knows the serial, has revoked it, and signed the same content.
VerifyResult VerifyDocument(const SignedDocument& doc, const std::vector<PublicKeyInfo>& keys,
                            storage::CertificateRepository* registry);
/// Verification by serial: the registry's own row, its signature re-checked.
VerifyResult VerifySerial(std::string_view serial, const std::vector<PublicKeyInfo>& keys,
                          storage::CertificateRepository& registry);

/// Field-by-field differences of two payloads (dotted paths, arrays compared whole).
std::vector<Difference> DiffPayloads(const nlohmann::json& document, const nlohmann::json& registry);

/// The result as JSON (the API's and `cert verify --format json`'s answer).
nlohmann::json VerifyResultJson(const VerifyResult& r);

}  // namespace jixu::certs
