// Review of declared records: the employer decides first, the authority second where the
// policy says so ([review] authority_forms); only an approved record counts.
#include "http/handlers/common.hpp"
#include "http/handlers/list_page.hpp"

namespace jixu::http {
namespace {

const std::vector<Role> kReviewers = {Role::kEmployerAdmin, Role::kAuthority, Role::kAdmin};

struct Decision {
  bool approve = false;
  std::string reason;
};

Decision ReadDecision(FieldReader& f) {
  Decision d;
  if (auto v = f.Str("decision", true, 20)) {
    if (*v != "approve" && *v != "reject") {
      f.Fail("decision", "invalid_decision", "decision 须为 approve 或 reject", "decision must be approve or reject");
    }
    d.approve = *v == "approve";
  }
  if (auto r = f.Str("reason", false, 500)) d.reason = *r;
  if (!d.approve && d.reason.empty() && f.errors().empty()) {
    f.Fail("reason", "required", "驳回须说明理由", "a rejection needs a reason");
  }
  return d;
}

/// Applies one decision inside the write transaction; throws 409 when it is not this caller's
/// turn. The record was already loaded within the caller's scope.
void Decide(storage::Store& s, Call& call, const records::LearningRecord& rec, const Decision& d) {
  auto review = s.reviews().Find(rec.id);
  if (!review) ThrowConflict("not_reviewable", "该记录不是个人申报，无需审核", "this record was not declared; nothing to review");
  if (review->stage == storage::ReviewStage::kDone) {
    ThrowConflict("already_decided", "该记录已审核完毕", "this record has already been decided");
  }
  const Role role = call.caller.user.role;
  const bool employer_turn = review->stage == storage::ReviewStage::kEmployer;
  if ((employer_turn && role == Role::kAuthority) || (!employer_turn && role == Role::kEmployerAdmin)) {
    ThrowConflict(employer_turn ? "awaiting_employer" : "awaiting_authority",
                  employer_turn ? "等待单位审核" : "等待主管部门审核",
                  employer_turn ? "the employer has not reviewed it yet" : "it awaits the authority's review");
  }
  const storage::Review before = *review;
  if (employer_turn) {
    review->employer_reviewer = call.caller.user.username;
    review->employer_decided_at = call.now;
  } else {
    review->authority_reviewer = call.caller.user.username;
    review->authority_decided_at = call.now;
  }
  records::RecordStatus status = records::RecordStatus::kPending;
  if (!d.approve) {
    review->stage = storage::ReviewStage::kDone;
    status = records::RecordStatus::kRejected;
  } else if (employer_turn && review->needs_authority) {
    review->stage = storage::ReviewStage::kAuthority;
  } else {
    review->stage = storage::ReviewStage::kDone;
    status = records::RecordStatus::kApproved;
  }
  s.reviews().Update(*review);
  if (status != records::RecordStatus::kPending) s.records().SetStatus(rec.id, status, d.reason);
  auto person = s.persons().FindById(rec.person_id);
  Audit(s, call, d.approve ? "record.approve" : "record.reject", "record",
        call.api.ids.Encode(kRecordId, rec.id), person ? PlaceOfPerson(s, *person) : AuditPlace{},
        json{{"stage", std::string(storage::ReviewStageCode(before.stage))},
             {"status", std::string(records::RecordStatusCode(rec.status))}},
        json{{"stage", std::string(storage::ReviewStageCode(review->stage))},
             {"status", std::string(records::RecordStatusCode(status))},
             {"reason", d.reason}});
}

Response ReviewOne(Call& call) {
  const auto rec = LoadRecord(call, call.req.Param("id"));
  const json body = ParseBody(call.req);
  FieldReader f(body);
  const Decision d = ReadDecision(f);
  f.Finish();
  call.api.writes.Run([&](storage::Store& s) { Decide(s, call, rec, d); });
  auto after = call.store.records().FindById(rec.id);
  json j = RecordJson(call.api, after.value_or(rec));
  if (auto v = call.store.reviews().Find(rec.id)) j["review_stage"] = std::string(storage::ReviewStageCode(v->stage));
  return JsonResponse(200, j);
}

Response ReviewMany(Call& call) {
  const json body = ParseBody(call.req);
  FieldReader f(body);
  const auto ids = f.StrList("record_ids");
  const Decision d = ReadDecision(f);
  if (ids.size() > 1000) f.Fail("record_ids", "too_many", "一次最多审核1000条", "at most 1000 records at once");
  f.Finish();
  std::vector<records::LearningRecord> recs;
  for (const auto& id : ids) recs.push_back(LoadRecord(call, id));  // any outside scope: 404
  // All-or-nothing: one transaction; a record not awaiting this caller fails the whole request.
  call.api.writes.Run([&](storage::Store& s) {
    for (const auto& rec : recs) Decide(s, call, rec, d);
  });
  return JsonResponse(200, json{{"decided", recs.size()}});
}

Response Queue(Call& call) {
  storage::RecordQuery q;
  q.scope = call.caller.scope;
  q.stage = call.caller.Is(Role::kAuthority) ? storage::ReviewStage::kAuthority : storage::ReviewStage::kEmployer;
  if (auto s = QueryStr(call.req, "stage"); !s.empty() && call.caller.Is(Role::kAdmin)) {
    q.stage = storage::ParseReviewStage(s);
    if (!q.stage) ThrowBadRequest("stage", "未知的审核阶段", "unknown stage");
  }
  const storage::Page page = PageOf(call.req, {"date", "hours", "person"});
  auto rows = call.store.queries().Records(q, page);
  json items = json::array();
  for (const auto& r : rows.items) {
    json j = RecordJson(call.api, r.record);
    j["person_name"] = r.person_name;
    j["review_stage"] = r.stage ? json(std::string(storage::ReviewStageCode(*r.stage))) : json(nullptr);
    items.push_back(std::move(j));
  }
  return KeyedListResponse(std::move(items), rows.total, page, "");
}

}  // namespace

void AddReviewRoutes(Router& r) {
  r.Add({"GET", "/api/v1/reviews", Queue, "reviews", "declarations awaiting the caller's decision",
         false, kReviewers, {"stage", "page", "page_size", "sort"}});
  r.Add({"POST", "/api/v1/reviews", ReviewMany, "reviews",
         "approve or reject several declarations at once (all-or-nothing)", false, kReviewers, {}, "json"});
  r.Add({"POST", "/api/v1/records/{id}/review", ReviewOne, "reviews",
         "approve or reject one declaration {decision, reason}", false, kReviewers, {}, "json"});
}

}  // namespace jixu::http
