// Operations on certificates: verification and the key set (public), a person's certificates,
// issuing one or a batch, the PDF and the Open Badges credential, revocation.
#include "http/openapi/schema.hpp"

namespace jixu::http::openapi {

void AddCertificateOperations(Operations& ops) {
  ops["GET /api/v1/certificates/{serial}/verify"] = Answers(200, Ref("Verification"));
  ops["GET /.well-known/jixu-keys.json"] = Answers(200, Ref("KeySet"));
  ops["GET /api/v1/certificates/keys"] = Answers(200, Ref("KeySet"));
  ops["GET /api/v1/persons/{id}/certificates"] = Answers(200, ListOf(Ref("Certificate")));
  ops["POST /api/v1/persons/{id}/certificates"] =
      Takes(Body({{"year", Int()}}), 201, Ref("Certificate"));
  Operation pdf;
  pdf.responses[200] = FileContent("application/pdf", "the signed A4 PDF");
  ops["GET /api/v1/certificates/{serial}/pdf"] = pdf;
  ops["GET /api/v1/certificates/{serial}/credential"] = Answers(200, Ref("Credential"));
  Operation revoke = Takes(Body({{"reason", Str()}}), 200, Ref("Certificate"));
  revoke.problems = {409};
  ops["POST /api/v1/certificates/{serial}/revoke"] = revoke;

  Operation count = Answers(200, Ref("BatchCount"));
  count.query = {{"employer_id", Id()}, {"region", RegionCode()}, {"status", Ref("ComplianceStatus")}};
  ops["GET /api/v1/certificates/batch"] = count;
  Operation batch;
  batch.request = Ref("CertificateBatch");
  batch.responses[201] = FileContent("application/pdf|application/zip",
                                     "one PDF with a page a person, or a ZIP of PDFs; the header "
                                     "X-Certificates-Issued says how many");
  ops["POST /api/v1/certificates/batch"] = batch;
}

}  // namespace jixu::http::openapi
