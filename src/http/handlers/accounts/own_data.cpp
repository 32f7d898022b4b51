// A person's own data (issue 15 item 7, PIPL art. 45): everything the registry holds about the
// signed-in user, as one JSON document — the account, its sessions, and for a professional their
// person, title history, records, exemptions and certificates. Read only; any role.
#include "http/handlers/accounts/sign_in.hpp"

namespace jixu::http {
namespace {

json AccountJson(const Call& call, const storage::User& u) {
  json j = UserJson(call.api, u);
  j["created_at"] = IsoTime(u.created_at);
  j["password_changed_at"] = IsoTime(u.password_changed_at);
  return j;
}

/// What is held about the person behind a person account (full ID number: it is their own).
json PersonPart(Call& call, int64_t person_id) {
  auto p = call.store.persons().FindById(person_id);
  if (!p) return nullptr;
  json titles = json::array();
  for (const auto& t : call.store.persons().TitleHistory(p->id)) {
    titles.push_back({{"title_level", std::string(records::TitleLevelCode(t.level))},
                      {"since", t.since.ToString()}});
  }
  json records = json::array();
  for (const auto& r : call.store.records().ListForPerson(p->id, 0)) records.push_back(RecordJson(call.api, r));
  json exemptions = json::array();
  for (const auto& e : call.store.exemptions().ListForPerson(p->id)) exemptions.push_back(ExemptionJson(call.api, e));
  json certificates = json::array();
  for (const auto& c : call.store.certificates().ListForPerson(p->id)) {
    certificates.push_back({{"serial", c.serial}, {"kind", c.kind}, {"year", c.year},
                            {"issued_at", IsoTime(c.issued_at)},
                            {"revoked_at", c.revoked_at ? json(IsoTime(*c.revoked_at)) : json(nullptr)}});
  }
  return json{{"person", PersonJson(call.api, *p, true)}, {"title_history", titles},
              {"records", records}, {"exemptions", exemptions}, {"certificates", certificates}};
}

Response OwnData(Call& call) {
  const storage::User& u = call.caller.user;
  json sessions = json::array();
  for (const auto& s : call.store.sessions().ListForUser(u.id)) sessions.push_back(SessionJson(call, s));
  json out{{"generated_at", IsoTime(call.now)},
           {"account", AccountJson(call, u)},
           {"sessions", sessions},
           {"person", nullptr}};
  if (u.role == Role::kPerson && u.person_id != 0) {
    json part = PersonPart(call, u.person_id);
    if (!part.is_null()) out.update(part);
  }
  Response r = JsonResponse(200, out);
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"jixu-my-data.json\"");
  return r;
}

}  // namespace

void AddOwnDataRoutes(Router& r) {
  r.Add({"GET", "/api/v1/auth/data", OwnData, "auth",
         "everything held about the signed-in user, as one JSON document (PIPL art. 45)"});
}

}  // namespace jixu::http
