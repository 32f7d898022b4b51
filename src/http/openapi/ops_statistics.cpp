// Operations of the scope-wide views: statistics and the Excel exports, the 专业技术人员 list,
// the employer ranking, transfers and the region table.
#include "http/openapi/schema.hpp"

namespace jixu::http::openapi {
namespace {

/// The persons filter every scope-wide view shares (ScopedPersonFilter).
std::map<std::string, json> ScopeFilter() {
  return {{"region", RegionCode()},
          {"employer", Str("an employer's opaque id")},
          {"title_level", Ref("TitleLevel")}};
}

Operation Xlsx(const char* what) {
  Operation o;
  o.responses[200] = FileContent("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", what);
  o.query = ScopeFilter();
  return o;
}

}  // namespace

void AddStatisticsOperations(Operations& ops) {
  Operation statistics = Answers(200, Ref("Statistics"));
  statistics.query = ScopeFilter();
  ops["GET /api/v1/statistics"] = statistics;
  Operation compliance = Xlsx("达标情况 .xlsx");
  compliance.query["status"] = Ref("ComplianceStatus");
  ops["GET /api/v1/exports/compliance.xlsx"] = compliance;
  ops["GET /api/v1/exports/roster.xlsx"] = Xlsx("人员名册 .xlsx");
  ops["GET /api/v1/exports/statistics.xlsx"] = Xlsx("统计 .xlsx");

  Operation persons = Answers(200, Ref("PersonsCompliance"));
  persons.query = ScopeFilter();
  persons.query["status"] = Ref("ComplianceStatus");
  ops["GET /api/v1/compliance/persons"] = persons;
  Operation ranking = Answers(200, Ref("EmployerRanking"));
  ranking.query = ScopeFilter();
  ops["GET /api/v1/statistics/employers"] = ranking;

  Operation what_if = Takes(Body({{"policy_id?", Str("a loaded policy; or")},
                                  {"policy_toml?", Str("a candidate policy's TOML (may extend a loaded one), at most 64 KB")}}),
                            200, Ref("WhatIf"));
  what_if.query = ScopeFilter();
  what_if.query.erase("employer");
  ops["POST /api/v1/compliance/what-if"] = what_if;

  Operation transfers = Answers(200, ListOf(Ref("Transfer")));
  transfers.query = {{"status", Ref("TransferStatus")}};
  ops["GET /api/v1/transfers"] = transfers;
  Operation release = Takes(Body({{"note?", Str()}}), 201, Ref("Transfer"));
  release.request_optional = true;
  release.problems = {409};
  ops["POST /api/v1/persons/{id}/release"] = release;
  Operation take_on = Takes(Body({{"id_number", Str()}, {"name", Str()}, {"note?", Str()}}), 200, Ref("Transfer"));
  take_on.problems = {409};
  ops["POST /api/v1/transfers/take-on"] = take_on;
  Operation move = Takes(Body({{"employer_id", Id()}, {"note?", Str()}}), 200, Ref("Transfer"));
  move.problems = {409};
  ops["POST /api/v1/persons/{id}/transfer"] = move;
  Operation cancel = Answers(200, Ref("Transfer"));
  cancel.problems = {409};
  ops["POST /api/v1/transfers/{id}/cancel"] = cancel;
  ops["GET /api/v1/persons/{id}/transfers"] = Answers(200, ListOf(Ref("Transfer")));

  Operation regions = Answers(200, ListOf(Ref("Region")));
  regions.query = {{"parent", Str("\"\", a 2-digit province or a 4-digit city prefix")}};
  ops["GET /api/v1/regions"] = regions;
}

}  // namespace jixu::http::openapi
