#pragma once
// Issuing, revoking and verifying certificates against the registry (docs/certificates.md). The
// annual hours certificate (学时证明) certifies ComplianceService::PersonYear as of the issue
// date; the class-completion certificate (结业证明) certifies hours a provider reported for a
// class, and is refused unless the registry holds those hours.
#include <optional>
#include <string>

#include "app/compliance_service.hpp"
#include "certs/config.hpp"
#include "certs/key_ring.hpp"
#include "certs/payload.hpp"
#include "certs/verifier.hpp"

namespace jixu::certs {

struct IssuedCertificate {
  storage::CertificateRow row;  ///< as stored (payload canonical, signature base64url)
  SignedDocument document;      ///< the same, parsed
};

struct ClassRequest {
  std::string id_number;
  std::string provider_code;
  std::string title;
  Date from;
  Date to;
  Hours hours;
};

class CertificateService {
 public:
  CertificateService(storage::Store& store, app::ComplianceService& compliance, KeyRing& keys,
                     CertConfig config, ClockPtr clock);

  /// Errors: unknown_person (field "person"), invalid_year (field "year").
  Result<IssuedCertificate> IssueAnnual(std::string_view id_number, int year);
  /// Errors: unknown_person, unknown_provider, invalid_period, hours_not_recorded.
  Result<IssuedCertificate> IssueClass(const ClassRequest& request);
  /// Errors: unknown_certificate, already_revoked, missing_reason.
  std::optional<Error> Revoke(std::string_view serial, std::string_view reason);
  VerifyResult Verify(std::string_view serial);
  /// The PDF of a stored certificate (the same bytes whenever it is rendered).
  std::string RenderPdf(const IssuedCertificate& cert) const;
  /// A stored certificate by serial (any spelling NormalizeSerial accepts).
  std::optional<IssuedCertificate> Find(std::string_view serial);

  const CertConfig& config() const { return config_; }
  KeyRing& keys() { return keys_; }

 private:
  Result<storage::PersonFacts> FindPerson(std::string_view id_number);
  Subject SubjectOf(const storage::PersonFacts& person);
  IssuedCertificate SignAndStore(nlohmann::json payload, const std::string& serial,
                                 std::string_view kind, int64_t person_id, int year);

  storage::Store& store_;
  app::ComplianceService& compliance_;
  KeyRing& keys_;
  CertConfig config_;
  ClockPtr clock_;
};

}  // namespace jixu::certs
