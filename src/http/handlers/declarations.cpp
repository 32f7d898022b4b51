// A person withdraws or corrects their own pending declaration, as long as nobody has decided on
// it yet (review stage `employer`), and resubmits a rejected one once, corrected. Provider-reported
// and imported records are never editable. A correction withdraws the old declaration and
// declares the corrected one in its place; a resubmission leaves the rejected one as it was
// (status, reason: the history) with stage `resubmitted`, and declares the corrected one. Both
// keep the old evidence and start a fresh review, so the audit shows both and no decided record
// ever changes.
#include "app/crypto.hpp"
#include "http/handlers/common.hpp"

namespace jixu::http {
namespace {

constexpr const char* kWithdrawnReason = "本人撤回 withdrawn by the person";
constexpr const char* kCorrectedReason = "本人更正，已由新申报替代 replaced by a correction";

/// The caller's own declaration; 404 outside the scope, 409 for a reported or imported record.
records::LearningRecord LoadOwnDeclaration(Call& call) {
  const auto rec = LoadRecord(call, call.req.Param("id"));
  if (rec.person_id != call.caller.user.person_id) ThrowNotFound();
  if (rec.origin != records::Origin::kSelf) {
    ThrowConflict("not_a_declaration", "只能撤回、更正或重新提交本人申报的记录（机构报送和导入的记录不可修改）",
                  "only your own declarations can be withdrawn, corrected or resubmitted (reported and imported records cannot)");
  }
  return rec;
}

/// Inside the write: the declaration is still pending and undecided, else 409.
storage::Review CheckUndecided(storage::Store& s, int64_t record_id) {
  auto rec = s.records().FindById(record_id);
  auto review = s.reviews().Find(record_id);
  if (!rec || !review || rec->status != records::RecordStatus::kPending ||
      review->stage != storage::ReviewStage::kEmployer || !review->employer_reviewer.empty()) {
    ThrowConflict("already_decided", "该申报已审核或已撤回，不能再撤回或更正",
                  "the declaration has been decided or withdrawn; it can no longer change");
  }
  return *review;
}

/// Inside the write: the declaration was rejected by a reviewer and not resubmitted yet, else 409.
storage::Review CheckRejected(storage::Store& s, int64_t record_id) {
  auto rec = s.records().FindById(record_id);
  auto review = s.reviews().Find(record_id);
  if (review && review->stage == storage::ReviewStage::kResubmitted) {
    ThrowConflict("already_resubmitted", "该申报已重新提交过，请在新的申报上继续",
                  "this declaration was resubmitted already; continue with the new one");
  }
  if (!rec || !review || rec->status != records::RecordStatus::kRejected ||
      review->stage != storage::ReviewStage::kDone) {
    ThrowConflict("not_rejected", "只有被驳回的申报可以重新提交", "only a rejected declaration can be resubmitted");
  }
  return *review;
}

void WithdrawIn(storage::Store& s, int64_t record_id, const char* reason) {
  storage::Review review = CheckUndecided(s, record_id);
  s.records().SetStatus(record_id, records::RecordStatus::kRejected, reason);
  review.stage = storage::ReviewStage::kWithdrawn;
  s.reviews().Update(review);
}

json WithStage(const Api& api, const records::LearningRecord& r, storage::ReviewStage stage) {
  json j = RecordJson(api, r);
  j["review_stage"] = std::string(storage::ReviewStageCode(stage));
  return j;
}

Response Withdraw(Call& call) {
  const auto rec = LoadOwnDeclaration(call);
  records::LearningRecord after;
  call.api.writes.Run([&](storage::Store& s) {
    WithdrawIn(s, rec.id, kWithdrawnReason);
    after = *s.records().FindById(rec.id);
    auto person = s.persons().FindById(rec.person_id);
    Audit(s, call, "record.withdraw", "record", call.api.ids.Encode(kRecordId, rec.id),
          person ? PlaceOfPerson(s, *person) : AuditPlace{},
          WithStage(call.api, rec, storage::ReviewStage::kEmployer),
          WithStage(call.api, after, storage::ReviewStage::kWithdrawn));
  });
  return JsonResponse(200, WithStage(call.api, after, storage::ReviewStage::kWithdrawn));
}

/// A corrected declaration in place of `old`: withdrawn (correction) or marked resubmitted (a
/// rejected one), the new one declared with the old evidence and any new, in one transaction.
Response Redeclare(Call& call, const records::LearningRecord& old, bool resubmit) {
  const json body = ParseBody(call.req);
  Errors errors;
  records::LearningRecord r = ReadRecord(call, body, errors);
  if (r.provider_name.empty() && errors.empty()) {
    errors.push_back(MakeError("required", "provider_name", "请填写举办单位", "provider_name is required"));
  }
  if (!errors.empty()) throw ApiError(422, errors);
  auto person = call.store.persons().FindById(old.person_id);
  if (!person) ThrowNotFound();
  r.person_id = old.person_id;
  r.status = records::RecordStatus::kPending;
  r.origin = records::Origin::kSelf;
  r.source_id = "decl-" + app::RandomHex(12);
  const auto& rules = call.api.data->policies.Select(person->region_code, person->field, r.date.year()).rules();
  CheckDailyMaximum(call.store, rules, r, old.id, errors);
  const bool had_evidence = !call.store.evidence().ListForRecord(old.id).empty();
  const auto evidence = ReadDeclaredEvidence(call, body, rules, r, had_evidence, errors);
  if (!errors.empty()) throw ApiError(422, errors);
  const bool needs_authority = std::find(rules.authority_review_forms.begin(),
                                         rules.authority_review_forms.end(), r.form) !=
                               rules.authority_review_forms.end();
  const storage::ReviewStage old_stage = resubmit ? storage::ReviewStage::kDone : storage::ReviewStage::kEmployer;
  call.api.writes.Run([&](storage::Store& s) {
    Errors late;
    CheckDailyMaximum(s, rules, r, old.id, late);
    if (!late.empty()) throw ApiError(422, late);
    if (resubmit) {
      storage::Review review = CheckRejected(s, old.id);
      review.stage = storage::ReviewStage::kResubmitted;
      s.reviews().Update(review);
    } else {
      WithdrawIn(s, old.id, kCorrectedReason);
    }
    s.records().Insert(std::span(&r, 1));
    auto id = s.queries().RecordIdByKey(r.person_id, records::RecordKey(r));
    if (!id) throw Fault("storage_error", "corrected record not found after insert");
    r.id = *id;
    s.reviews().Create({r.id, storage::ReviewStage::kEmployer, needs_authority, call.now});
    for (auto file : s.evidence().ListForRecord(old.id)) {
      file.attached_at = call.now;
      s.evidence().Attach(r.id, file);
    }
    for (const auto& file : evidence) s.evidence().Attach(r.id, file);
    json after = WithStage(call.api, r, storage::ReviewStage::kEmployer);
    after["replaces"] = call.api.ids.Encode(kRecordId, old.id);
    Audit(s, call, resubmit ? "record.resubmit" : "record.correct", "record",
          call.api.ids.Encode(kRecordId, r.id), PlaceOfPerson(s, *person),
          WithStage(call.api, old, old_stage), after);
  });
  json j = WithStage(call.api, r, storage::ReviewStage::kEmployer);
  j["needs_authority"] = needs_authority;
  j["replaces"] = call.api.ids.Encode(kRecordId, old.id);
  return JsonResponse(201, j);
}

Response Correct(Call& call) { return Redeclare(call, LoadOwnDeclaration(call), false); }

Response Resubmit(Call& call) {
  const auto old = LoadOwnDeclaration(call);
  // Checked before reading the body so a wrong record answers 409 whatever was sent; checked
  // again inside the write.
  CheckRejected(call.store, old.id);
  return Redeclare(call, old, true);
}

}  // namespace

void AddDeclarationRoutes(Router& r) {
  r.Add({"POST", "/api/v1/records/{id}/withdraw", Withdraw, "records",
         "withdraw one's own declaration before any decision", false, {Role::kPerson}});
  r.Add({"POST", "/api/v1/records/{id}/correct", Correct, "records",
         "correct one's own undecided declaration: the old one is withdrawn, the corrected one "
         "declared in its place (same evidence)",
         false, {Role::kPerson}, {}, "json"});
  r.Add({"POST", "/api/v1/records/{id}/resubmit", Resubmit, "records",
         "resubmit one's own rejected declaration, corrected: the rejected one stays as it was "
         "(stage resubmitted), the corrected one is declared with the same evidence",
         false, {Role::kPerson}, {}, "json"});
}

}  // namespace jixu::http
