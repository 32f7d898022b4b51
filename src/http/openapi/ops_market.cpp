// Operations of the training market: a provider's standing and applications (the lifecycle)
// and the catalogue (public subjects, textbooks, quality lists).
#include "http/openapi/schema.hpp"

namespace jixu::http::openapi {

void AddMarketOperations(Operations& ops) {
  Operation providers = Answers(200, ListOf(Ref("ProviderStandingRow")));
  providers.query = {{"status", Ref("ProviderStatus")}, {"region", RegionCode()}};
  ops["GET /api/v1/market/providers"] = providers;
  ops["GET /api/v1/market/providers/{id}"] = Answers(200, Ref("ProviderFile"));
  Operation act = Takes(Body({{"action", Enum({"approve", "return", "reject", "suspend", "reinstate", "revoke"})},
                              {"reason?", Str("required but for approve and reinstate")},
                              {"from?", DateStr()},
                              {"until?", DateStr()}}),
                        200, Ref("ProviderFile"));
  act.problems = {409};
  ops["POST /api/v1/market/providers/{id}/actions"] = act;
  ops["GET /api/v1/market/my-provider"] = Answers(200, Ref("ProviderFile"));
  Operation apply = Takes(Body({{"licence_no", Str()},
                                {"licence_issuer?", Str()},
                                {"licence_valid_until?", Nullable(DateStr())},
                                {"scope", Str()},
                                {"full_time_teachers?", Int()},
                                {"part_time_teachers?", Int()},
                                {"teachers?", Str()},
                                {"facilities?", Str()},
                                {"documents?", Array(Body({{"kind", Ref("DocumentKind")},
                                                           {"sha256", Str()},
                                                           {"filename?", Str()}}))}}),
                          201, Ref("ProviderApplication"));
  apply.problems = {409};
  ops["POST /api/v1/market/applications"] = apply;
  Operation upload = Answers(201, Ref("EvidenceFile"));
  upload.problems = {413, 415};
  ops["POST /api/v1/market/documents"] = upload;
  Operation document;
  document.responses[200] = FileContent("application/pdf|image/jpeg|image/png", "the document");
  ops["GET /api/v1/market/applications/{id}/documents/{n}"] = document;

  Operation subjects = Answers(200, ListOf(Ref("PublicSubject")));
  subjects.query = {{"region", RegionCode()}, {"mine", Enum({"true"})}};
  ops["GET /api/v1/public-subjects"] = subjects;
  ops["GET /api/v1/public-subjects/{id}"] = Answers(200, Ref("PublicSubject"));
  ops["POST /api/v1/public-subjects"] =
      Takes(Body({{"year", Int()},
                  {"title", Str()},
                  {"hours", HoursIn()},
                  {"content?", Str()},
                  {"national?", Bool()}}),
            201, Ref("PublicSubject"));
  Operation withdraw = Answers(200, Ref("PublicSubject"));
  withdraw.problems = {409};
  ops["POST /api/v1/public-subjects/{id}/withdraw"] = withdraw;

  Operation textbooks = Answers(200, ListOf(Ref("Textbook")));
  textbooks.query = {{"recommended", Enum({"true", "false"})}};
  ops["GET /api/v1/textbooks"] = textbooks;
  ops["GET /api/v1/textbooks/{id}"] = Answers(200, Ref("Textbook"));
  Operation textbook = Takes(Body({{"isbn", Str()},
                                   {"title", Str()},
                                   {"authors", Str()},
                                   {"publisher", Str()},
                                   {"edition?", Str()},
                                   {"subject?", Str()}}),
                             201, Ref("Textbook"));
  textbook.problems = {409};
  ops["POST /api/v1/textbooks"] = textbook;
  ops["POST /api/v1/textbooks/{id}/recommendation"] =
      Takes(Body({{"recommended?", Bool()}, {"note?", Str()}}), 200, Ref("Textbook"));

  Operation lists = Answers(200, ListOf(Ref("QualityList")));
  lists.query = {{"kind", Ref("QualityListKind")}};
  ops["GET /api/v1/quality-lists"] = lists;
  ops["GET /api/v1/quality-lists/{id}"] = Answers(200, Ref("QualityList"));
  ops["POST /api/v1/quality-lists"] =
      Takes(Body({{"year", Int()},
                  {"kind", Ref("QualityListKind")},
                  {"title", Str()},
                  {"note?", Str()},
                  {"items", Array(Body({{"id", Id()}, {"note?", Str()}}))}}),
            201, Ref("QualityList"));
}

}  // namespace jixu::http::openapi
