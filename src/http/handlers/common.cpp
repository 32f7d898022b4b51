#include "http/handlers/common.hpp"
#include "http/handlers/market/standing.hpp"

#include "app/audit_log.hpp"
#include "core/validate/id_number.hpp"

namespace jixu::http {

bool PersonVisible(Call& call, int64_t person_id) {
  return call.store.queries().PersonInScope(person_id, call.caller.scope);
}

records::Person LoadPerson(Call& call, const std::string& opaque_id) {
  const int64_t id = call.api.ids.Decode(kPersonId, opaque_id);
  if (id == 0) ThrowNotFound();
  // The two scopes whose predicate is the id alone (everyone; one's own person) need no
  // scope query: the row read below is the whole test. Any other scope asks the database.
  const auto& s = call.caller.scope;
  if (s.IdOnly() ? (s.person_id != 0 && s.person_id != id) : !PersonVisible(call, id)) {
    ThrowNotFound();
  }
  auto p = call.store.persons().FindById(id);
  if (!p) ThrowNotFound();
  return *p;
}

records::LearningRecord LoadRecord(Call& call, const std::string& opaque_id) {
  const int64_t id = call.api.ids.Decode(kRecordId, opaque_id);
  if (id == 0) ThrowNotFound();
  auto r = call.store.records().FindById(id);
  if (!r) ThrowNotFound();
  const auto& scope = call.caller.scope;
  if (!scope.provider_code.empty()) {
    // A provider sees the records it reported, nothing else.
    if (r->provider_code != scope.provider_code || r->origin != records::Origin::kProvider) {
      ThrowNotFound();
    }
  } else if (!PersonVisible(call, r->person_id)) {
    ThrowNotFound();
  }
  return *r;
}

bool SeesFullIdNumber(const Caller& c, const records::Person& p) {
  if (!c.authenticated) return false;
  switch (c.user.role) {
    case Role::kPerson: return c.user.person_id == p.id;
    case Role::kEmployerAdmin: return !p.employer_code.empty() && c.user.employer_code == p.employer_code;
    case Role::kAdmin: return true;
    default: return false;
  }
}

json PersonJson(const Api& api, const records::Person& p, bool full_id) {
  return json{{"id", api.ids.Encode(kPersonId, p.id)},
              {"name", p.name},
              {"id_number", full_id ? p.id_number : validate::MaskIdNumber(p.id_number)},
              {"employer_code", p.employer_code},
              {"region_code", p.region_code},
              {"field", p.field},
              {"title_level", std::string(records::TitleLevelCode(p.title_level))},
              {"title_since", p.title_since ? json(p.title_since->ToString()) : json(nullptr)},
              {"joined", p.joined ? json(p.joined->ToString()) : json(nullptr)}};
}

json RecordJson(const Api& api, const records::LearningRecord& r) {
  return json{{"id", api.ids.Encode(kRecordId, r.id)},
              {"person_id", api.ids.Encode(kPersonId, r.person_id)},
              {"date", r.date.ToString()},
              {"year", r.date.year()},
              {"category", std::string(records::CategoryCode(r.category))},
              {"form", std::string(records::FormCode(r.form))},
              {"hours", r.hours.ToDouble()},
              {"provider_code", r.provider_code},
              {"provider_name", r.provider_name},
              {"title", r.title},
              {"status", std::string(records::RecordStatusCode(r.status))},
              {"reject_reason", r.reject_reason},
              {"origin", std::string(records::OriginCode(r.origin))},
              {"course_code", r.course_code},
              // Provider-reported and imported records count on arrival; only declarations
              // are reviewed, and nobody edits a provider's report.
              {"editable", false}};
}

json EmployerJson(const Api& api, const records::Employer& e) {
  return json{{"id", api.ids.Encode(kEmployerId, e.id)}, {"code", e.code},
              {"name", e.name}, {"region_code", e.region_code},
              {"type", std::string(records::EmployerTypeCode(e.type))}, {"industry", e.industry}};
}

json ProviderJson(const Api& api, const records::Provider& p, bool approved) {
  return json{{"id", api.ids.Encode(kProviderId, p.id)}, {"code", p.code},
              {"name", p.name}, {"region_code", p.region_code},
              {"type", std::string(records::ProviderTypeCode(p.type))}, {"approved", approved}};
}

json CourseJson(const Api& api, const storage::Course& c) {
  json textbooks = json::array();
  for (int64_t t : c.textbook_ids) textbooks.push_back(api.ids.Encode(kTextbookId, t));
  return json{{"id", api.ids.Encode(kCourseId, c.id)},
              {"provider_code", c.provider_code},
              {"code", c.code},
              {"title", c.title},
              {"category", std::string(records::CategoryCode(c.category))},
              {"form", std::string(records::FormCode(c.form))},
              {"hours", c.hours.ToDouble()},
              {"published", c.published},
              {"description", c.description},
              {"field", c.field},
              {"teachers", c.teachers},
              {"provider_name", c.provider_name},
              {"public_subject_id", c.public_subject_id ? json(api.ids.Encode(kPublicSubjectId, c.public_subject_id)) : json(nullptr)},
              {"textbook_ids", textbooks}};
}

json YearResultJson(const compliance::YearResult& r) {
  json j{{"year", r.year},
         {"policy", r.policy_id},
         {"required_hours", r.required.ToDouble()},
         {"professional_hours", r.professional_hours.ToDouble()},
         {"public_hours", r.public_hours.ToDouble()},
         {"counted_hours", r.counted_hours.ToDouble()},
         {"shortfall_hours", r.shortfall_hours.ToDouble()},
         {"status", std::string(compliance::StatusCode(r.status))},
         {"carry_in", r.carry_in.ToDouble()},
         {"carry_out", r.carry_out.ToDouble()},
         {"sentence_zh", r.sentence_zh},
         {"sentence_en", r.sentence_en}};
  if (r.required_credits) {
    j["required_credits"] = r.required_credits->ToDouble();
    j["counted_credits"] = r.counted_credits ? r.counted_credits->ToDouble() : 0.0;
    j["shortfall_credits"] = r.shortfall_credits ? r.shortfall_credits->ToDouble() : 0.0;
  }
  json notes = json::array();
  for (const auto& n : r.notes) {
    notes.push_back({{"rule", n.rule}, {"before", n.before.ToDouble()},
                     {"after", n.after.ToDouble()}, {"zh", n.zh}, {"en", n.en}});
  }
  j["notes"] = std::move(notes);
  json unmet = json::array();
  for (const auto& n : r.unmet) {
    unmet.push_back({{"rule", n.rule}, {"zh", n.zh}, {"en", n.en}});
  }
  j["unmet"] = std::move(unmet);
  return j;
}

json ExemptionJson(const Api& api, const records::Exemption& e) {
  return json{{"id", api.ids.Encode(kExemptionId, e.id)},
              {"person_id", api.ids.Encode(kPersonId, e.person_id)},
              {"kind", std::string(records::ExemptionKindCode(e.kind))},
              {"from", e.from.ToString()}, {"to", e.to.ToString()},
              {"approved", e.approved}, {"note", e.note}};
}

json UserJson(const Api& api, const storage::User& u) {
  return json{{"id", api.ids.Encode(kUserId, u.id)},
              {"username", u.username},
              {"role", std::string(storage::RoleCode(u.role))},
              {"display_name", u.display_name},
              {"person_id", u.person_id ? json(api.ids.Encode(kPersonId, u.person_id)) : json(nullptr)},
              {"employer_code", u.employer_code},
              {"provider_code", u.provider_code},
              {"region_prefix", u.region_prefix},
              {"industry", u.industry},
              {"disabled", u.disabled},
              {"must_change_password", u.must_change_password},
              {"demo", u.demo},
              {"second_factor", u.totp_enabled}};
}

AuditPlace PlaceOfPerson(storage::Store& store, const records::Person& p) {
  AuditPlace place{p.region_code, "", p.employer_code, ""};
  if (!p.employer_code.empty()) {
    if (auto e = store.employers().FindByCode(p.employer_code)) place.industry = e->industry;
  }
  return place;
}

AuditPlace PlaceOfCaller(storage::Store& store, const Caller& caller) {
  const storage::User& u = caller.user;
  AuditPlace place{u.region_prefix, u.industry, u.employer_code, u.provider_code};
  if (!u.employer_code.empty()) {
    if (auto e = store.employers().FindByCode(u.employer_code)) {
      place.region_code = e->region_code;
      place.industry = e->industry;
    }
  }
  if (!u.provider_code.empty()) {
    if (auto p = store.providers().FindByCode(u.provider_code)) place.region_code = p->region_code;
  }
  return place;
}

void Audit(storage::Store& store, const Call& call, std::string action, std::string entity,
           std::string entity_id, const AuditPlace& place, const json& before,
           const json& after) {
  storage::AuditEntry e;
  e.at = call.now;
  e.actor = call.caller.actor();
  e.actor_role = call.caller.authenticated ? std::string(storage::RoleCode(call.caller.user.role))
                                           : std::string("public");
  e.action = std::move(action);
  e.entity = std::move(entity);
  e.entity_id = std::move(entity_id);
  e.region_code = place.region_code;
  e.industry = place.industry;
  e.employer_code = place.employer_code;
  e.provider_code = place.provider_code;
  e.before_json = before.is_null() ? "" : before.dump();
  e.after_json = after.is_null() ? "" : after.dump();
  app::AppendAudit(store, call.api.audit_key, std::move(e));
}

int YearParam(Call& call, const char* name) {
  return static_cast<int>(
      QueryInt(call.req, name, 1990, 2100).value_or(call.api.clock->Today().year()));
}

}  // namespace jixu::http
