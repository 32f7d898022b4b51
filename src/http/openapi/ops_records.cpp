// Operations on learning records: the scoped list, one record, a person's declaration (and its
// withdrawal, correction, resubmission), a provider's report, review, evidence.
#include "http/openapi/schema.hpp"

namespace jixu::http::openapi {

void AddRecordOperations(Operations& ops) {
  Operation list = Answers(200, KeyedListOf(Ref("RecordListItem")));
  list.query = {{"person_id", Id()},
                {"status", Ref("RecordStatus")},
                {"origin", Ref("Origin")},
                {"category", Ref("Category")},
                {"form", Ref("Form")},
                {"stage", Ref("ReviewStage")}};
  ops["GET /api/v1/records"] = list;
  Operation declare = Takes(Ref("Declaration"), 201, Ref("LearningRecord"));
  declare.responses[201]["description"] = "declared (or, for a source_id sent before, the record it declared)";
  ops["POST /api/v1/records"] = declare;
  Operation rules = Answers(200, Ref("DeclarationRules"));
  rules.query = {{"date", DateStr()}};
  ops["GET /api/v1/declaration-rules"] = rules;
  const json report_item = Body({{"id_number", Str()},
                                 {"class_id?", Id()},
                                 {"date", DateStr()},
                                 {"category", Ref("Category")},
                                 {"form", Ref("Form")},
                                 {"hours", HoursIn()},
                                 {"title", Str()},
                                 {"source_id?", Str()},
                                 {"course_code?", Str()}});
  ops["POST /api/v1/records/report"] =
      Takes(Body({{"items", Array(report_item)}}), 201,
            Obj({{"inserted", Int()}, {"unchanged", Int()}, {"ids", Array(Id())}}));
  ops["GET /api/v1/records/{id}"] = Answers(200, Ref("LearningRecord"));

  Operation withdraw = Answers(200, Ref("LearningRecord"));
  withdraw.problems = {409};
  ops["POST /api/v1/records/{id}/withdraw"] = withdraw;
  Operation correct = Takes(Ref("Declaration"), 201, Ref("LearningRecord"));
  correct.problems = {409};
  ops["POST /api/v1/records/{id}/correct"] = correct;
  ops["POST /api/v1/records/{id}/resubmit"] = correct;

  const json decision = Body({{"decision", Enum({"approve", "reject"})}, {"reason?", Str("required to reject")}});
  Operation queue = Answers(200, KeyedListOf(Ref("ReviewQueueItem")));
  queue.query = {{"stage", Ref("ReviewStage")}};
  ops["GET /api/v1/reviews"] = queue;
  Operation many = Takes(Extend(decision, {{"record_ids", Array(Id())}}), 200, Obj({{"decided", Int()}}));
  many.problems = {409};
  ops["POST /api/v1/reviews"] = many;
  Operation one = Takes(decision, 200, Ref("LearningRecord"));
  one.problems = {409};
  ops["POST /api/v1/records/{id}/review"] = one;

  Operation attach = Answers(201, Ref("EvidenceFile"));
  attach.problems = {409, 413, 415};
  ops["POST /api/v1/records/{id}/evidence"] = attach;
  Operation upload = Answers(201, Ref("EvidenceFile"));
  upload.problems = {413, 415};
  ops["POST /api/v1/evidence"] = upload;
  ops["GET /api/v1/records/{id}/evidence"] = Answers(200, ListOf(Ref("EvidenceFile")));
  Operation download;
  download.responses[200] = FileContent("application/pdf|image/jpeg|image/png", "the evidence file");
  ops["GET /api/v1/records/{id}/evidence/{sha256}"] = download;
}

}  // namespace jixu::http::openapi
