// Certificates (docs/certificates.md): public verification by serial and the published key set;
// a person's certificates and their PDFs and credentials for whoever may read the person; issue
// and revoke for managers and authorities. Signing, payloads and rendering are jixu::certs'.
#include "app/compliance_service.hpp"
#include "certs/certificate_service.hpp"
#include "certs/serial.hpp"
#include "certs/verifiable_credential.hpp"
#include "http/handlers/common.hpp"

namespace jixu::http {
namespace {

// A person prints their own (LoadPerson keeps them to themselves) for a finished year.
const std::vector<Role> kIssuers = {Role::kPerson, Role::kEmployerAdmin, Role::kAuthority, Role::kAdmin};
const std::vector<Role> kRevokers = {Role::kAuthority, Role::kAdmin};

/// The stored certificate named by {serial} if the caller may read its person; 404 otherwise
/// (the same answer for a malformed, unknown or out-of-scope serial).
storage::CertificateRow LoadCertificate(Call& call) {
  auto serial = certs::NormalizeSerial(call.req.Param("serial"));
  auto row = serial ? call.store.certificates().FindBySerial(*serial) : std::nullopt;
  if (!row || !PersonVisible(call, row->person_id)) ThrowNotFound();
  return *row;
}

json Summary(const Api& api, const storage::CertificateRow& row) {
  json j = {{"serial", row.serial}, {"kind", row.kind}, {"year", row.year},
            {"person_id", api.ids.Encode(kPersonId, row.person_id)},
            {"algorithm", row.algorithm}, {"key_id", row.key_id},
            {"issued_at", IsoTime(row.issued_at)}, {"revoked", row.revoked_at.has_value()}};
  if (row.revoked_at) {
    j["revoked_at"] = IsoTime(*row.revoked_at);
    j["revoke_reason"] = row.revoke_reason;
  }
  return j;
}

Response Verify(Call& call) {
  certs::KeyRing keys(call.store, call.api.clock, std::nullopt);
  const auto result =
      certs::VerifySerial(call.req.Param("serial"), keys.PublicKeys(), call.store.certificates());
  // Unknown is an answer, not an error: the verification page shows it.
  return JsonResponse(200, certs::VerifyResultJson(result));
}

Response Keys(Call& call) {
  certs::KeyRing keys(call.store, call.api.clock, std::nullopt);
  Response r = JsonResponse(
      200, certs::PublicKeySetJson(keys.PublicKeys(), certs::CertConfig::FromEnv().issuer_name));
  r.headers.emplace_back("Cache-Control", "public, max-age=300");
  return r;
}

Response List(Call& call) {
  const records::Person p = LoadPerson(call, call.req.Param("id"));
  json items = json::array();
  for (const auto& row : call.store.certificates().ListForPerson(p.id)) {
    items.push_back(Summary(call.api, row));
  }
  const auto n = static_cast<int64_t>(items.size());
  return ListResponse(std::move(items), n, {0, std::max<int64_t>(n, 1)});
}

Response Issue(Call& call) {
  const records::Person p = LoadPerson(call, call.req.Param("id"));
  const json body = ParseBody(call.req);
  FieldReader f(body);
  const auto year = f.Int("year", true, 1990, 2100);
  f.Finish();
  if (call.caller.Is(Role::kPerson) && *year >= call.api.clock->Today().year()) {
    throw ApiError(422, {MakeError("year_not_over", "year", "只能为已结束的年度开具学时证明",
                                   "a certificate is for a year that is over")});
  }
  storage::CertificateRow issued;
  call.api.writes.Run([&](storage::Store& s) {
    app::ComplianceService compliance(s, call.api.data->policies, call.api.clock);
    certs::KeyRing keys(s, call.api.clock, certs::KeyEncryptionKeyFromEnv());
    certs::CertificateService service(s, compliance, keys, certs::CertConfig::FromEnv(),
                                      call.api.clock);
    auto r = service.IssueAnnual(p.id_number, static_cast<int>(*year));
    if (!r.ok()) throw ApiError(422, {r.error()});
    issued = r.value().row;
    Audit(s, call, "certificate.issue", "certificate", issued.serial, PlaceOfPerson(s, p),
          nullptr, json{{"year", issued.year}, {"key_id", issued.key_id}});
  });
  return JsonResponse(201, Summary(call.api, issued));
}

Response Revoke(Call& call) {
  const auto row = LoadCertificate(call);
  const json body = ParseBody(call.req);
  FieldReader f(body);
  const auto reason = f.Str("reason", true, 500);
  f.Finish();
  call.api.writes.Run([&](storage::Store& s) {
    if (!s.certificates().Revoke(row.serial, *reason, call.now)) {
      ThrowConflict("already_revoked", "证书已被撤销", "the certificate is already revoked");
    }
    auto person = s.persons().FindById(row.person_id);
    Audit(s, call, "certificate.revoke", "certificate", row.serial,
          person ? PlaceOfPerson(s, *person) : AuditPlace{}, nullptr, json{{"reason", *reason}});
  });
  auto after = call.store.certificates().FindBySerial(row.serial);
  return JsonResponse(200, Summary(call.api, after ? *after : row));
}

/// A service over the read store, for rendering (no signing, no writes).
struct ReadService {
  explicit ReadService(Call& call)
      : compliance(call.store, call.api.data->policies, call.api.clock),
        keys(call.store, call.api.clock, std::nullopt),
        service(call.store, compliance, keys, certs::CertConfig::FromEnv(), call.api.clock) {}
  app::ComplianceService compliance;
  certs::KeyRing keys;
  certs::CertificateService service;
};

Response Pdf(Call& call) {
  const auto row = LoadCertificate(call);
  ReadService rs(call);
  auto cert = rs.service.Find(row.serial);
  if (!cert) ThrowNotFound();
  Response r;
  r.content_type = "application/pdf";
  r.body = rs.service.RenderPdf(*cert);
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + row.serial + ".pdf\"");
  return r;
}

Response Credential(Call& call) {
  const auto row = LoadCertificate(call);
  std::optional<json> vc;
  // Signing needs the private key, so it goes through the writer (which may also create the
  // first Ed25519 key).
  call.api.writes.Run([&](storage::Store& s) {
    certs::KeyRing keys(s, call.api.clock, certs::KeyEncryptionKeyFromEnv());
    vc = certs::SignCredential(certs::UnsignedCredential(row, certs::CertConfig::FromEnv()),
                               keys.Active(certs::Algorithm::kEd25519), call.now);
  });
  return JsonResponse(200, *vc);
}

}  // namespace

void AddCertificateRoutes(Router& r) {
  r.Add({"GET", "/api/v1/certificates/{serial}/verify", Verify, "certificates",
         "verify a certificate: valid / revoked / unknown / invalid, with its full content", true});
  r.Add({"GET", "/.well-known/jixu-keys.json", Keys, "certificates",
         "the registry's public signing keys (retired ones too)", true});
  r.Add({"GET", "/api/v1/certificates/keys", Keys, "certificates",
         "the registry's public signing keys (same as /.well-known/jixu-keys.json)", true});
  r.Add({"GET", "/api/v1/persons/{id}/certificates", List, "certificates",
         "a person's certificates"});
  r.Add({"POST", "/api/v1/persons/{id}/certificates", Issue, "certificates",
         "issue the annual hours certificate for a year ({\"year\": Y})", false, kIssuers, {},
         "json"});
  r.Add({"GET", "/api/v1/certificates/{serial}/pdf", Pdf, "certificates",
         "the certificate as a signed A4 PDF (the person, their employer, authorities in scope)"});
  r.Add({"GET", "/api/v1/certificates/{serial}/credential", Credential, "certificates",
         "the certificate as an Open Badges 3.0 credential (eddsa-jcs-2022)"});
  r.Add({"POST", "/api/v1/certificates/{serial}/revoke", Revoke, "certificates",
         "revoke a certificate ({\"reason\": TEXT})", false, kRevokers, {}, "json"});
}

}  // namespace jixu::http
