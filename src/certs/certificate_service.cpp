#include "certs/certificate_service.hpp"

#include "certs/canonical_json.hpp"
#include "certs/pdf_certificate.hpp"
#include "certs/serial.hpp"

namespace jixu::certs {

CertificateService::CertificateService(storage::Store& store, app::ComplianceService& compliance,
                                       KeyRing& keys, CertConfig config, ClockPtr clock)
    : store_(store),
      compliance_(compliance),
      keys_(keys),
      config_(std::move(config)),
      clock_(std::move(clock)) {}

Result<storage::PersonFacts> CertificateService::FindPerson(std::string_view id_number) {
  auto person = store_.persons().FindByIdNumber(id_number);
  if (!person) {
    return MakeError("unknown_person", "person", "未登记的人员：" + MaskIdNumber(id_number),
                     "no registered person with ID number " + MaskIdNumber(id_number));
  }
  return app::FactsOf(*person);
}

Subject CertificateService::SubjectOf(const storage::PersonFacts& person) {
  Subject s{person.name, person.id_number, ""};
  if (!person.employer_code.empty()) {
    if (auto e = store_.employers().FindByCode(person.employer_code)) s.employer = e->name;
  }
  return s;
}

IssuedCertificate CertificateService::SignAndStore(nlohmann::json payload,
                                                   const std::string& serial,
                                                   std::string_view kind, int64_t person_id,
                                                   int year) {
  const SigningKey key = keys_.Active(config_.algorithm);
  IssuedCertificate out;
  storage::CertificateRow& row = out.row;
  row.serial = serial;
  row.kind = kind;
  row.person_id = person_id;
  row.year = year;
  row.payload = CanonicalJson(payload);
  row.algorithm = AlgorithmCode(key.info.algorithm);
  row.key_id = key.info.key_id;
  const Bytes signature = Sign(key.info.algorithm, key.private_key, row.payload);
  row.signature = Base64Url(signature);
  row.issued_at = clock_->NowUnixSeconds();
  store_.certificates().Insert(row);
  out.document = SignedDocument{std::move(payload), key.info.algorithm, key.info.key_id, signature};
  return out;
}

Result<IssuedCertificate> CertificateService::IssueAnnual(std::string_view id_number, int year) {
  const Date today = clock_->Today();
  if (year < 1990 || year > today.year()) {
    return MakeError("invalid_year", "year", "年度须在1990年至今年之间",
                     "the year must be between 1990 and this year");
  }
  auto person = FindPerson(id_number);
  if (!person.ok()) return person.error();
  const compliance::YearResult result = compliance_.PersonYear(person.value(), year);
  const records::YearTotals totals = store_.summaries().Get(person.value().person_id, year);
  const std::string serial = NewSerial(year);
  nlohmann::json payload = AnnualPayload(serial, config_.issuer_name, today,
                                         SubjectOf(person.value()), result, totals);
  return SignAndStore(std::move(payload), serial, kKindAnnual, person.value().person_id, year);
}

Result<IssuedCertificate> CertificateService::IssueClass(const ClassRequest& req) {
  auto person = FindPerson(req.id_number);
  if (!person.ok()) return person.error();
  auto provider = store_.providers().FindByCode(req.provider_code);
  if (!provider) {
    return MakeError("unknown_provider", "provider", "未登记的施教机构：" + req.provider_code,
                     "no registered provider with code " + req.provider_code);
  }
  if (req.to < req.from || req.to > clock_->Today() || req.hours <= Hours{}) {
    return MakeError("invalid_period", "to", "起止日期或学时无效（结束日期不得早于开始日期或晚于今天）",
                     "invalid dates or hours (the end must not precede the start or be in the future)");
  }
  // Only what the provider reported may be certified: the approved hours the registry holds
  // from this provider in the class's period must cover the certificate's hours.
  Hours recorded;
  records::Category category = records::Category::kProfessional;
  for (int y = req.from.year(); y <= req.to.year(); ++y) {
    for (const auto& r : store_.records().ListForPerson(person.value().person_id, y)) {
      if (r.provider_code == req.provider_code && r.status == records::RecordStatus::kApproved &&
          r.date >= req.from && r.date <= req.to) {
        recorded += r.hours;
        category = r.category;
      }
    }
  }
  if (recorded < req.hours) {
    return MakeError("hours_not_recorded", "hours",
                     "登记库中该机构在此期间为该人员登记的学时只有" + recorded.ToString() + "学时",
                     "the registry holds only " + recorded.ToString() +
                         " approved hours from this provider for this person in that period");
  }
  ClassInfo info{provider->code, provider->name, req.title, category, req.from, req.to, req.hours};
  const std::string serial = NewSerial(req.to.year());
  nlohmann::json payload = ClassPayload(serial, config_.issuer_name, clock_->Today(),
                                        SubjectOf(person.value()), info);
  return SignAndStore(std::move(payload), serial, kKindClass, person.value().person_id,
                      req.to.year());
}

std::optional<Error> CertificateService::Revoke(std::string_view serial, std::string_view reason) {
  if (reason.find_first_not_of(" \t") == std::string_view::npos) {
    return MakeError("missing_reason", "reason", "撤销须说明理由", "a revocation needs a reason");
  }
  auto normal = NormalizeSerial(serial);
  auto row = normal ? store_.certificates().FindBySerial(*normal) : std::nullopt;
  if (!row) {
    return MakeError("unknown_certificate", "serial", "无此证书：" + std::string(serial),
                     "no certificate with serial " + std::string(serial));
  }
  if (!store_.certificates().Revoke(*normal, reason, clock_->NowUnixSeconds())) {
    return MakeError("already_revoked", "serial", "证书已被撤销", "the certificate is already revoked");
  }
  return std::nullopt;
}

VerifyResult CertificateService::Verify(std::string_view serial) {
  return VerifySerial(serial, keys_.PublicKeys(), store_.certificates());
}

std::string CertificateService::RenderPdf(const IssuedCertificate& cert) const {
  return RenderCertificatePdf(cert.document,
                              PdfOptions{config_.VerifyUrl(cert.row.serial), cert.row.issued_at});
}

std::optional<IssuedCertificate> CertificateService::Find(std::string_view serial) {
  auto normal = NormalizeSerial(serial);
  auto row = normal ? store_.certificates().FindBySerial(*normal) : std::nullopt;
  if (!row) return std::nullopt;
  auto doc = DocumentOf(*row);
  if (!doc.ok()) throw Fault("corrupt_certificate", doc.error().message_en);
  return IssuedCertificate{std::move(*row), std::move(doc.value())};
}

}  // namespace jixu::certs
