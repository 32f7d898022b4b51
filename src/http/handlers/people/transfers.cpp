// 人员调入调出: an employer releases one of its staff (调出), another employer's admin takes the
// person on (调入) by ID number and name, or an authority moves a person directly within its
// scope. The person's records stay theirs (they belong to the person, not the employer), so they
// follow the person; every step is kept (person_transfers) and audited.
#include "core/validate/id_number.hpp"
#include "http/handlers/common.hpp"
#include "http/handlers/people/people_routes.hpp"

namespace jixu::http {
namespace {

json TransferJson(const Api& api, const storage::Transfer& t) {
  auto employer = [](const std::string& code, const std::string& name) {
    return code.empty() ? json(nullptr) : json{{"code", code}, {"name", name}};
  };
  return json{{"id", api.ids.Encode(kTransferId, t.id)},
              {"person_id", api.ids.Encode(kPersonId, t.person_id)},
              {"person_name", t.person_name},
              {"from_employer", employer(t.from_employer, t.from_employer_name)},
              {"to_employer", employer(t.to_employer, t.to_employer_name)},
              {"status", std::string(storage::TransferStatusCode(t.status))},
              {"note", t.note},
              {"released_by", t.released_by},
              {"released_at", IsoTime(t.released_at)},
              {"completed_by", t.completed_by},
              {"completed_at", t.completed_at ? json(IsoTime(t.completed_at)) : json(nullptr)}};
}

json Placement(const records::Person& p) {
  return json{{"employer_code", p.employer_code}, {"region_code", p.region_code}};
}

std::string ReadNote(FieldReader& f) { return f.Str("note", false, 500).value_or(""); }

/// 调出: the person's employer (its admin, or an authority/admin whose scope holds the person)
/// lets them go. They stay on the employer's staff until someone takes them on.
Response Release(Call& call) {
  const records::Person p = LoadPerson(call, call.req.Param("id"));
  const json body = call.req.body.empty() ? json::object() : ParseBody(call.req);
  FieldReader f(body);
  const std::string note = ReadNote(f);
  f.Finish();
  if (p.employer_code.empty()) {
    ThrowConflict("no_employer", "该人员没有工作单位，无需调出", "the person has no employer to leave");
  }
  storage::Transfer t;
  call.api.writes.Run([&](storage::Store& s) {
    if (s.transfers().OpenFor(p.id)) {
      ThrowConflict("already_released", "该人员已办理调出，等待调入单位接收",
                    "the person is already released and waiting to be taken on");
    }
    t.person_id = p.id;
    t.from_employer = p.employer_code;
    t.note = note;
    t.released_by = call.caller.actor();
    t.released_at = call.now;
    t.id = s.transfers().Create(t);
    t = *s.transfers().Find(t.id);
    Audit(s, call, "transfer.release", "person", call.api.ids.Encode(kPersonId, p.id),
          PlaceOfPerson(s, p), Placement(p), TransferJson(call.api, t));
  });
  return JsonResponse(201, TransferJson(call.api, t));
}

/// 调入: an employer admin takes on a released person, named by ID number and name (both must
/// match; otherwise the same 404 as for an unknown number, so nothing can be probed).
Response TakeOn(Call& call) {
  const json body = ParseBody(call.req);
  FieldReader f(body);
  std::string id_number;
  if (auto v = f.Str("id_number", true, 18)) {
    auto info = validate::ValidateIdNumber(*v, call.api.clock->Today());
    if (info.ok()) id_number = info.value().normalized; else f.errors().push_back(info.error());
  }
  const std::string name = f.Str("name", true, 100).value_or("");
  const std::string note = ReadNote(f);
  f.Finish();
  const std::string own = call.caller.user.employer_code;
  auto not_found = [] {
    throw ApiError(404, {MakeError("not_released", "id_number",
                                   "没有待调入的该人员：请核对身份证号和姓名，并确认原单位已办理调出",
                                   "no released person with this ID number and name: check both, "
                                   "and that the former employer has released them")});
  };
  json answer;
  call.api.writes.Run([&](storage::Store& s) {
    auto p = s.persons().FindByIdNumber(id_number);
    if (!p || p->name != name) not_found();
    auto open = s.transfers().OpenFor(p->id);
    if (!open) not_found();
    if (open->from_employer == own) {
      ThrowConflict("own_release", "这是本单位调出的人员；如需留用，请撤销调出",
                    "this person was released by your own employer; cancel the release instead");
    }
    const records::Person before = *p;
    records::Person moved = *p;
    moved.employer_code = own;
    s.persons().Upsert(std::span(&moved, 1));
    moved = *s.persons().FindById(p->id);
    if (!s.transfers().Close(open->id, storage::TransferStatus::kCompleted, own,
                             call.caller.actor(), call.now)) {
      not_found();
    }
    const auto t = *s.transfers().Find(open->id);
    answer = TransferJson(call.api, t);
    Audit(s, call, "transfer.take_on", "person", call.api.ids.Encode(kPersonId, p->id),
          PlaceOfPerson(s, moved), Placement(before), Placement(moved));
  });
  return JsonResponse(200, answer);
}

/// An authority (or the admin) moves a person directly to another employer of its scope; an
/// open release of the person is completed by it.
Response Move(Call& call) {
  const records::Person p = LoadPerson(call, call.req.Param("id"));
  const json body = ParseBody(call.req);
  FieldReader f(body);
  const std::string employer_id = f.Str("employer_id", true, 20).value_or("");
  const std::string note = ReadNote(f);
  f.Finish();
  const int64_t eid = call.api.ids.Decode(kEmployerId, employer_id);
  auto target = eid ? call.store.queries().EmployerById(eid) : std::nullopt;
  if (!target || !EmployerVisible(call, *target)) {
    throw ApiError(422, {MakeError("out_of_scope", "employer_id", "调入单位不在您的管辖范围内",
                                   "the receiving employer is outside your scope")});
  }
  if (target->code == p.employer_code) {
    ThrowConflict("same_employer", "该人员已在此单位", "the person already works there");
  }
  json answer;
  call.api.writes.Run([&](storage::Store& s) {
    records::Person moved = *s.persons().FindById(p.id);
    const records::Person before = moved;
    moved.employer_code = target->code;
    s.persons().Upsert(std::span(&moved, 1));
    moved = *s.persons().FindById(p.id);
    int64_t id = 0;
    if (auto open = s.transfers().OpenFor(p.id)) {
      s.transfers().Close(open->id, storage::TransferStatus::kCompleted, target->code,
                          call.caller.actor(), call.now);
      id = open->id;
    } else {
      storage::Transfer t;
      t.person_id = p.id;
      t.from_employer = before.employer_code;
      t.to_employer = target->code;
      t.status = storage::TransferStatus::kCompleted;
      t.note = note;
      t.released_by = t.completed_by = call.caller.actor();
      t.released_at = t.completed_at = call.now;
      id = s.transfers().Create(t);
    }
    answer = TransferJson(call.api, *s.transfers().Find(id));
    Audit(s, call, "transfer.move", "person", call.api.ids.Encode(kPersonId, p.id),
          PlaceOfPerson(s, moved), Placement(before), Placement(moved));
  });
  return JsonResponse(200, answer);
}

/// The releasing side withdraws a release nobody has taken up yet.
Response Cancel(Call& call) {
  const int64_t id = call.api.ids.Decode(kTransferId, call.req.Param("id"));
  auto t = id ? call.store.transfers().Find(id) : std::nullopt;
  const auto& scope = call.caller.scope;
  const bool mine = t && (scope.employer_code.empty() ? PersonVisible(call, t->person_id)
                                                      : t->from_employer == scope.employer_code);
  if (!mine) ThrowNotFound();
  json answer;
  call.api.writes.Run([&](storage::Store& s) {
    if (!s.transfers().Close(id, storage::TransferStatus::kCancelled, "", call.caller.actor(),
                             call.now)) {
      ThrowConflict("not_released", "该调出已办结或已撤销", "the release is already closed");
    }
    const auto after = *s.transfers().Find(id);
    answer = TransferJson(call.api, after);
    const auto p = *s.persons().FindById(after.person_id);
    Audit(s, call, "transfer.cancel", "person", call.api.ids.Encode(kPersonId, p.id),
          PlaceOfPerson(s, p), TransferJson(call.api, *t), answer);
  });
  return JsonResponse(200, answer);
}

Response List(Call& call) {
  storage::TransferQuery q;
  q.scope = call.caller.scope;
  if (auto s = QueryStr(call.req, "status"); !s.empty()) {
    q.status = storage::ParseTransferStatus(s);
    if (!q.status) {
      ThrowBadRequest("status", "未知的调动状态（released、completed、cancelled）",
                      "unknown status (released, completed, cancelled)");
    }
  }
  const storage::Page page = PageOf(call.req, {"released_at", "person"});
  auto rows = call.store.transfers().List(q, page);
  json items = json::array();
  for (const auto& t : rows.items) items.push_back(TransferJson(call.api, t));
  return ListResponse(std::move(items), rows.total, page);
}

/// A person's employment history: every transfer, newest first.
Response History(Call& call) {
  const records::Person p = LoadPerson(call, call.req.Param("id"));
  storage::TransferQuery q;
  q.person_id = p.id;
  const storage::Page page = PageOf(call.req, {});
  auto rows = call.store.transfers().List(q, page);
  json items = json::array();
  for (const auto& t : rows.items) items.push_back(TransferJson(call.api, t));
  return ListResponse(std::move(items), rows.total, page);
}

}  // namespace

void AddTransferRoutes(Router& r) {
  const std::vector<Role> managers = {Role::kEmployerAdmin, Role::kAuthority, Role::kAdmin};
  r.Add({"GET", "/api/v1/transfers", List, "transfers",
         "人员调入调出 of the caller's scope (from or to its employers), newest first", false,
         managers, {"status", "page", "page_size", "sort"}});
  r.Add({"POST", "/api/v1/persons/{id}/release", Release, "transfers",
         "调出: release one of your staff {note}; they stay until taken on", false, managers, {},
         "json"});
  r.Add({"POST", "/api/v1/transfers/take-on", TakeOn, "transfers",
         "调入: take on a released person {id_number, name, note}", false,
         {Role::kEmployerAdmin}, {}, "json"});
  r.Add({"POST", "/api/v1/persons/{id}/transfer", Move, "transfers",
         "move a person to another employer of your scope directly {employer_id, note}", false,
         {Role::kAuthority, Role::kAdmin}, {}, "json"});
  r.Add({"POST", "/api/v1/transfers/{id}/cancel", Cancel, "transfers",
         "withdraw a release nobody has taken up", false, managers});
  r.Add({"GET", "/api/v1/persons/{id}/transfers", History, "transfers",
         "a person's employment history (their transfers)", false, {},
         {"page", "page_size"}});
}

}  // namespace jixu::http
