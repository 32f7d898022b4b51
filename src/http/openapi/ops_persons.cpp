// Operations on persons: the roster, one person, their exemptions, their compliance (a year, a
// span, a promotion), an employer's and a region's compliance, and exemption requests.
#include "http/openapi/schema.hpp"

namespace jixu::http::openapi {
namespace {

json PersonFields(bool creating) {
  json body = Body({{"name", Str()},
                    {"employer_code?", Str("unified social credit code; the person's region follows it")},
                    {"region_code?", Str("required for a person without an employer")},
                    {"field", Str()},
                    {"title_level", Ref("TitleLevel")},
                    {"title_since?", DateStr()},
                    {"joined?", DateStr()}});
  if (creating) return Extend(body, {{"id_number", Str("18-digit resident ID number")}});
  return Optional(body, {"name", "field", "title_level"});
}

json ExemptionFields() {
  return Body({{"kind", Ref("ExemptionKind")}, {"from", DateStr()}, {"to", DateStr()}, {"note?", Str()}});
}

}  // namespace

void AddPersonOperations(Operations& ops) {
  Operation list = Answers(200, KeyedListOf(Ref("PersonListItem")));
  list.query = {{"title_level", Ref("TitleLevel")}, {"region", RegionCode()}};
  ops["GET /api/v1/persons"] = list;
  Operation create = Takes(PersonFields(true), 201, Ref("Person"));
  create.problems = {409};
  ops["POST /api/v1/persons"] = create;
  ops["GET /api/v1/persons/{id}"] = Answers(200, Ref("Person"));
  ops["PATCH /api/v1/persons/{id}"] = Takes(PersonFields(false), 200, Ref("Person"));
  Operation records = Answers(200, KeyedListOf(Ref("LearningRecord")));
  records.query = {{"status", Ref("RecordStatus")}};
  ops["GET /api/v1/persons/{id}/records"] = records;
  ops["GET /api/v1/persons/{id}/exemptions"] = Answers(200, ListOf(Ref("PersonExemption")));
  ops["POST /api/v1/persons/{id}/exemptions"] = Takes(ExemptionFields(), 201, Ref("PersonExemption"));

  ops["GET /api/v1/persons/{id}/compliance"] = Answers(200, Ref("PersonCompliance"));
  ops["GET /api/v1/persons/{id}/history"] = Answers(200, Ref("ComplianceHistory"));
  ops["GET /api/v1/persons/{id}/promotion"] = Answers(200, Ref("PromotionCheck"));
  Operation employer = Answers(200, Ref("EmployerCompliance"));
  employer.query = {{"status", Ref("ComplianceStatus")}, {"title_level", Ref("TitleLevel")}};
  ops["GET /api/v1/employers/{id}/compliance"] = employer;
  Operation region = Answers(200, Ref("RegionCompliance"));
  region.query = {{"region", RegionCode()}};
  ops["GET /api/v1/compliance/region"] = region;

  Operation exemptions = Answers(200, ListOf(Ref("Exemption")));
  exemptions.query = {{"status", Ref("RequestStatus")}, {"person_id", Id()}};
  ops["GET /api/v1/exemptions"] = exemptions;
  ops["POST /api/v1/exemptions"] =
      Takes(Extend(ExemptionFields(), {{"person_id?", Id()}}), 201, Ref("Exemption"));
  ops["GET /api/v1/exemptions/{id}"] = Answers(200, Ref("Exemption"));
  Operation upload = Answers(201, Ref("EvidenceFile"));
  upload.problems = {409, 413, 415};
  ops["POST /api/v1/exemptions/{id}/evidence"] = upload;
  Operation download;
  download.responses[200] = FileContent("application/pdf|image/jpeg|image/png", "the evidence file");
  ops["GET /api/v1/exemptions/{id}/evidence"] = download;
  Operation decide = Takes(Body({{"decision", Enum({"approve", "reject"})},
                                 {"reason?", Str("required to reject")}}),
                           200, Ref("Exemption"));
  decide.problems = {409};
  ops["POST /api/v1/exemptions/{id}/review"] = decide;
}

}  // namespace jixu::http::openapi
