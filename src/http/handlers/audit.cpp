// The audit log, read by authorities (their scope) and admins; the chain's verification.
#include <map>

#include "app/audit_log.hpp"
#include "certs/audit_checkpoint.hpp"
#include "http/handlers/common.hpp"

namespace jixu::http {
namespace {

/// What an entry's entity is called, so the log shows 王芳 or 广州市天河区人民医院 instead of an
/// opaque id; "" when it no longer exists or has no name. Lookups are cached for the page.
class EntityNames {
 public:
  explicit EntityNames(Call& call) : call_(call) {}
  std::string Of(const std::string& entity, const std::string& id) {
    auto [it, fresh] = cache_.try_emplace(entity + "/" + id);
    if (fresh) it->second = Resolve(entity, id);
    return it->second;
  }

 private:
  std::string PersonName(int64_t person_id) {
    auto p = person_id ? call_.store.persons().FindById(person_id) : std::nullopt;
    return p ? p->name : "";
  }
  std::string Resolve(const std::string& entity, const std::string& id) {
    const auto& ids = call_.api.ids;
    if (entity == "person") return PersonName(ids.Decode(kPersonId, id));
    if (entity == "record") {
      const int64_t rid = ids.Decode(kRecordId, id);
      auto r = rid ? call_.store.records().FindById(rid) : std::nullopt;
      return r ? PersonName(r->person_id) + " · " + r->title : "";
    }
    if (entity == "employer") {
      const int64_t eid = ids.Decode(kEmployerId, id);
      auto e = eid ? call_.store.queries().EmployerById(eid) : std::nullopt;
      return e ? e->name : "";
    }
    if (entity == "provider") {
      const int64_t pid = ids.Decode(kProviderId, id);
      auto p = pid ? call_.store.queries().ProviderById(pid) : std::nullopt;
      return p ? p->name : "";
    }
    if (entity == "certificate") {
      auto c = call_.store.certificates().FindBySerial(id);
      return c ? PersonName(c->person_id) : "";
    }
    if (entity == "user") {
      const int64_t uid = ids.Decode(kUserId, id);
      auto u = uid ? call_.store.users().FindById(uid) : std::nullopt;
      return u ? u->username : "";
    }
    return "";
  }
  Call& call_;
  std::map<std::string, std::string> cache_;
};

Response List(Call& call) {
  storage::AuditFilter f;
  f.scope = call.caller.scope;
  f.action = QueryStr(call.req, "action");
  f.entity = QueryStr(call.req, "entity");
  f.from = QueryInt(call.req, "from", 0, INT64_MAX).value_or(0);
  f.to = QueryInt(call.req, "to", 0, INT64_MAX).value_or(0);
  const storage::Page page = PageOf(call.req, {"seq", "at", "action"});
  auto rows = call.store.audit().List(f, page);
  json items = json::array();
  EntityNames names(call);
  for (const auto& e : rows.items) {
    items.push_back({{"id", call.api.ids.Encode(kAuditId, e.seq)}, {"seq", e.seq},
                     {"at", IsoTime(e.at)}, {"actor", e.actor}, {"actor_role", e.actor_role},
                     {"action", e.action}, {"entity", e.entity}, {"entity_id", e.entity_id},
                     {"entity_name", names.Of(e.entity, e.entity_id)}, {"region_code", e.region_code},
                     {"before", e.before_json.empty() ? json(nullptr) : json::parse(e.before_json, nullptr, false)},
                     {"after", e.after_json.empty() ? json(nullptr) : json::parse(e.after_json, nullptr, false)},
                     {"hash", e.hash}});
  }
  return ListResponse(std::move(items), rows.total, page);
}

Response Verify(Call& call) {
  const auto r = certs::VerifyAuditTrail(call.store, &call.api.audit_key,
                                         call.api.config.audit_checkpoints, std::nullopt);
  const auto& v = r.chain;
  json problems = json::array();
  for (const auto& p : r.problems) problems.push_back({{"zh", p.zh}, {"en", p.en}});
  json newest = nullptr;
  if (r.newest) newest = {{"seq", r.newest->seq}, {"at", IsoTime(r.newest->at)}};
  return JsonResponse(200, json{{"entries", v.entries}, {"ok", r.ok()},
                                {"first_broken_seq", v.first_broken_seq ? json(*v.first_broken_seq) : json(nullptr)},
                                {"reason", v.reason}, {"reason_zh", v.reason_zh},
                                {"checkpoints", {{"verified", r.checkpoints}, {"newest", newest},
                                                 {"problems", problems}}}});
}

}  // namespace

void AddAuditRoutes(Router& r) {
  r.Add({"GET", "/api/v1/audit", List, "audit", "audit entries within the caller's scope", false,
         {Role::kAuthority, Role::kAdmin}, {"action", "entity", "from", "to", "page", "page_size", "sort"}});
  r.Add({"GET", "/api/v1/audit/verify", Verify, "audit", "walk the hash chain", false, {Role::kAdmin}});
}

}  // namespace jixu::http
