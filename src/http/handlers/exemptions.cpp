// Exemptions with evidence and approval (SPEC §3.3): a person (or their employer) requests one,
// attaches a PDF/JPEG/PNG, and the employer, the authority or the admin — whoever's scope holds
// the person — approves or rejects it with a reason. Only approved exemptions count: the engine
// reads exemptions.approved, which only an approval sets.
#include "app/crypto.hpp"
#include "http/handlers/common.hpp"

namespace jixu::http {
namespace {

const std::vector<Role> kRequesters = {Role::kPerson, Role::kEmployerAdmin, Role::kAuthority, Role::kAdmin};
const std::vector<Role> kDeciders = {Role::kEmployerAdmin, Role::kAuthority, Role::kAdmin};

json RowJson(const Api& api, const storage::ExemptionRow& row) {
  const auto& e = row.exemption;
  const auto& v = row.review;
  return json{{"id", api.ids.Encode(kExemptionId, e.id)},
              {"person_id", api.ids.Encode(kPersonId, e.person_id)},
              {"person_name", row.person_name},
              {"employer_code", row.employer_code},
              {"kind", std::string(records::ExemptionKindCode(e.kind))},
              {"from", e.from.ToString()}, {"to", e.to.ToString()},
              {"note", e.note}, {"approved", e.approved},
              {"status", std::string(storage::RequestStatusCode(v.status))},
              {"requested_by", v.requested_by},
              {"requested_at", v.requested_at ? json(IsoTime(v.requested_at)) : json(nullptr)},
              {"evidence", v.evidence_sha256.empty()
                               ? json(nullptr)
                               : json{{"sha256", v.evidence_sha256}, {"filename", v.evidence_filename}}},
              {"decided_by", v.decided_by},
              {"decided_at", v.decided_at ? json(IsoTime(v.decided_at)) : json(nullptr)},
              {"reason", v.reason}};
}

/// The exemption with this opaque id if its person lies in the caller's scope; 404 otherwise.
storage::ExemptionRow LoadRow(Call& call) {
  const int64_t id = call.api.ids.Decode(kExemptionId, call.req.Param("id"));
  records::Exemption e;
  if (id == 0 || !call.store.queries().ExemptionById(id, e) || !PersonVisible(call, e.person_id)) {
    ThrowNotFound();
  }
  storage::ExemptionQuery q;
  q.scope = call.caller.scope;
  q.person_id = e.person_id;
  for (auto& row : call.store.exemption_reviews().List(q, {0, 200}).items) {
    if (row.exemption.id == id) return row;
  }
  ThrowNotFound();
}

Response List(Call& call) {
  storage::ExemptionQuery q;
  q.scope = call.caller.scope;
  if (auto p = QueryStr(call.req, "person_id"); !p.empty()) {
    q.person_id = call.api.ids.Decode(kPersonId, p);
    if (q.person_id == 0) q.person_id = -1;
  }
  if (auto s = QueryStr(call.req, "status"); !s.empty()) {
    q.status = storage::ParseRequestStatus(s);
    if (!q.status) ThrowBadRequest("status", "状态须为 pending、approved 或 rejected", "status must be pending, approved or rejected");
  }
  const storage::Page page = PageOf(call.req, {});
  auto rows = call.store.exemption_reviews().List(q, page);
  json items = json::array();
  for (const auto& r : rows.items) items.push_back(RowJson(call.api, r));
  return ListResponse(std::move(items), rows.total, page);
}

Response Get(Call& call) { return JsonResponse(200, RowJson(call.api, LoadRow(call))); }

Response RequestOne(Call& call) {
  const json body = ParseBody(call.req);
  FieldReader f(body);
  int64_t person_id = call.caller.user.person_id;
  if (!call.caller.Is(Role::kPerson)) {
    auto p = f.Str("person_id", true, 20);
    person_id = p ? call.api.ids.Decode(kPersonId, *p) : 0;
  }
  records::Exemption e;
  if (auto k = f.Str("kind", true, 40)) {
    if (auto kind = records::ParseExemptionKind(*k)) e.kind = *kind;
    else f.Fail("kind", "invalid_kind", "未知的免修类型", "unknown exemption kind");
  }
  auto from = f.DateField("from", true);
  auto to = f.DateField("to", true);
  if (auto n = f.Str("note", false, 500)) e.note = *n;
  if (from && to && *to < *from) f.Fail("to", "invalid_range", "结束日期早于开始日期", "to is before from");
  f.Finish();
  if (person_id == 0 || !PersonVisible(call, person_id)) ThrowNotFound();
  const auto person = call.store.persons().FindById(person_id);
  if (!person) ThrowNotFound();
  e.person_id = person_id;
  e.from = *from;
  e.to = *to;
  e.approved = false;  // counts only once approved
  storage::ExemptionRow row;
  call.api.writes.Run([&](storage::Store& s) {
    e.id = s.exemptions().Add(e);
    storage::ExemptionReview v;
    v.exemption_id = e.id;
    v.person_id = person_id;
    v.requested_by = call.caller.actor();
    v.requested_at = call.now;
    s.exemption_reviews().Create(v);
    row = {e, v, true, person->name, person->region_code, person->employer_code};
    Audit(s, call, "exemption.request", "exemption", call.api.ids.Encode(kExemptionId, e.id),
          PlaceOfPerson(s, *person), nullptr, RowJson(call.api, row));
  });
  return JsonResponse(201, RowJson(call.api, row));
}

Response UploadEvidence(Call& call) {
  const auto row = LoadRow(call);
  if (!row.has_review || row.review.status != storage::RequestStatus::kPending) {
    ThrowConflict("not_pending", "只能为待审批的免修申请上传证明材料", "evidence goes with a pending request only");
  }
  const std::string& body = call.req.body;
  const storage::EvidenceFile file = ReadUploadedFile(call, "evidence");
  const std::string& sha = file.sha256;
  const std::string& mime = file.mime;
  const std::string& filename = file.filename;
  call.api.writes.Run([&](storage::Store& s) {
    s.evidence().PutBlob(sha, mime, body);
    s.exemption_reviews().SetEvidence(row.exemption.id, sha, filename);
    auto person = s.persons().FindById(row.exemption.person_id);
    Audit(s, call, "exemption.evidence", "exemption", call.api.ids.Encode(kExemptionId, row.exemption.id),
          person ? PlaceOfPerson(s, *person) : AuditPlace{}, nullptr,
          json{{"sha256", sha}, {"mime", mime}, {"size", body.size()}, {"filename", filename}});
  });
  return JsonResponse(201, json{{"sha256", sha}, {"mime", mime}, {"size", body.size()}, {"filename", filename}});
}

Response DownloadEvidence(Call& call) {
  const auto row = LoadRow(call);
  if (row.review.evidence_sha256.empty()) ThrowNotFound();
  auto blob = call.store.evidence().GetBlob(row.review.evidence_sha256);
  if (!blob) ThrowNotFound();
  Response r;
  r.content_type = blob->second;
  r.body = std::move(blob->first);
  r.headers.emplace_back("Content-Disposition", "attachment");
  return r;
}

Response Decide(Call& call) {
  const auto row = LoadRow(call);
  const json body = ParseBody(call.req);
  FieldReader f(body);
  const auto decision = f.Str("decision", true, 20);
  const auto reason = f.Str("reason", false, 500);
  if (decision && *decision != "approve" && *decision != "reject") {
    f.Fail("decision", "invalid_decision", "决定须为 approve 或 reject", "decision must be approve or reject");
  }
  if (decision && *decision == "reject" && (!reason || reason->empty())) {
    f.Fail("reason", "required", "驳回须填写理由", "a rejection needs a reason");
  }
  f.Finish();
  const auto status = *decision == "approve" ? storage::RequestStatus::kApproved : storage::RequestStatus::kRejected;
  storage::ExemptionRow after = row;
  call.api.writes.Run([&](storage::Store& s) {
    if (!s.exemption_reviews().Decide(row.exemption.id, status, call.caller.actor(), call.now,
                                      reason.value_or(""))) {
      ThrowConflict("already_decided", "该免修申请已审批或无需审批", "the request is already decided or needs no decision");
    }
    after.review.status = status;
    after.review.decided_by = call.caller.actor();
    after.review.decided_at = call.now;
    after.review.reason = reason.value_or("");
    after.exemption.approved = status == storage::RequestStatus::kApproved;
    auto person = s.persons().FindById(row.exemption.person_id);
    Audit(s, call, "exemption." + *decision, "exemption", call.api.ids.Encode(kExemptionId, row.exemption.id),
          person ? PlaceOfPerson(s, *person) : AuditPlace{}, RowJson(call.api, row), RowJson(call.api, after));
  });
  return JsonResponse(200, RowJson(call.api, after));
}

}  // namespace

void AddExemptionRoutes(Router& r) {
  r.Add({"GET", "/api/v1/exemptions", List, "exemptions",
         "exemptions of persons in the caller's scope (the approval queue with status=pending)",
         false, kRequesters, {"status", "person_id", "page", "page_size"}});
  r.Add({"POST", "/api/v1/exemptions", RequestOne, "exemptions",
         "request an exemption (pending until approved); persons for themselves, managers give person_id",
         false, kRequesters, {}, "json"});
  r.Add({"GET", "/api/v1/exemptions/{id}", Get, "exemptions", "one exemption with its approval trail",
         false, kRequesters});
  r.Add({"POST", "/api/v1/exemptions/{id}/evidence", UploadEvidence, "exemptions",
         "attach a PDF/JPEG/PNG to a pending request (raw body)", false, kRequesters, {"filename"}, "binary"});
  r.Add({"GET", "/api/v1/exemptions/{id}/evidence", DownloadEvidence, "exemptions",
         "download the request's evidence", false, kRequesters});
  r.Add({"POST", "/api/v1/exemptions/{id}/review", Decide, "exemptions",
         "approve or reject a pending request {decision, reason}", false, kDeciders, {}, "json"});
}

}  // namespace jixu::http
