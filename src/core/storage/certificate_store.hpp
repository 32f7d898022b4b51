#pragma once
// Storage of issued certificates and of the keys that sign them (docs/certificates.md). The
// certs library decides what goes into these rows; the backends only keep them. Binary values
// (signatures, keys) are base64url text, so both backends store and compare them the same way.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jixu::storage {

/// One issued certificate, as signed. `payload` is the canonical JSON (RFC 8785) that was signed;
/// it is kept byte for byte so that a verification years later checks exactly those bytes.
struct CertificateRow {
  std::string serial;     ///< e.g. "JX-2025-7K3M-Q9TB-W2HX"
  std::string kind;       ///< "annual_hours" | "class_completion"
  int64_t person_id = 0;
  int year = 0;
  std::string payload;    ///< canonical JSON, UTF-8
  std::string algorithm;  ///< "ed25519" | "sm2-sm3"
  std::string key_id;
  std::string signature;  ///< base64url, no padding
  int64_t issued_at = 0;  ///< Unix seconds
  std::optional<int64_t> revoked_at;
  std::string revoke_reason;
};

class CertificateRepository {
 public:
  virtual ~CertificateRepository() = default;
  /// Throws Fault if the serial exists already (serials are random; a clash is a fault).
  virtual void Insert(const CertificateRow& row) = 0;
  virtual std::optional<CertificateRow> FindBySerial(std::string_view serial) = 0;
  /// Marks the certificate revoked; false if there is no such certificate or it already is.
  virtual bool Revoke(std::string_view serial, std::string_view reason, int64_t at) = 0;
  /// A person's certificates, newest first.
  virtual std::vector<CertificateRow> ListForPerson(int64_t person_id) = 0;
  virtual int64_t Count() = 0;
};

/// A signing key. The private half is sealed by the certs library (docs/certificates.md, "Key
/// protection"); `protection` says how ("none" or "xchacha20poly1305:<kek id>").
struct SigningKeyRow {
  std::string key_id;       ///< e.g. "ed25519-3fa1b2c4d5e6f708"
  std::string algorithm;    ///< "ed25519" | "sm2-sm3"
  std::string public_key;   ///< base64url of the raw public key (SM2: uncompressed point)
  std::string private_key;  ///< base64url, sealed as `protection` says
  std::string protection;
  int64_t created_at = 0;   ///< Unix seconds
  std::optional<int64_t> retired_at;  ///< no new signatures after this; old ones still verify
};

class SigningKeyRepository {
 public:
  virtual ~SigningKeyRepository() = default;
  virtual void Insert(const SigningKeyRow& row) = 0;
  /// Every key ever used, oldest first (retired ones too: they still verify old certificates).
  virtual std::vector<SigningKeyRow> List() = 0;
  /// Returns false if there is no such key or it was retired already.
  virtual bool Retire(std::string_view key_id, int64_t at) = 0;
};

}  // namespace jixu::storage
