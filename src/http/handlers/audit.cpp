// The audit log, read by authorities (their scope) and the audit administrator (everything,
// and the only one who exports it and verifies the chain: 三员分立, issue 15). The audit
// administrator's own reads, exports and verifications are audit entries too.
#include <map>

#include "app/audit_log.hpp"
#include "app/csv_writer.hpp"
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

constexpr int64_t kExportPage = 1000;
constexpr int64_t kExportMaxRows = 200'000;

storage::AuditFilter FilterOf(Call& call) {
  storage::AuditFilter f;
  // The audit administrator reads everything; an authority its own scope.
  f.scope = call.caller.Is(Role::kAuditAdmin) ? storage::Scope{} : call.caller.scope;
  f.action = QueryStr(call.req, "action");
  f.entity = QueryStr(call.req, "entity");
  f.from = QueryInt(call.req, "from", 0, INT64_MAX).value_or(0);
  f.to = QueryInt(call.req, "to", 0, INT64_MAX).value_or(0);
  return f;
}

/// The audit administrator's reading is itself an audit entry: who looked at what, when.
void AuditTheAuditor(Call& call, const char* action, const storage::AuditFilter& f, json more) {
  if (!call.caller.Is(Role::kAuditAdmin)) return;
  more["action"] = f.action;
  more["entity"] = f.entity;
  more["from"] = f.from;
  more["to"] = f.to;
  call.api.writes.Run([&](storage::Store& s) {
    Audit(s, call, action, "audit_log", "", {}, nullptr, more);
  });
}

Response List(Call& call) {
  const storage::AuditFilter f = FilterOf(call);
  const storage::Page page = PageOf(call.req, {"seq", "at", "action"});
  auto rows = call.store.audit().List(f, page);
  AuditTheAuditor(call, "audit.read", f, json{{"offset", page.offset}, {"rows", rows.items.size()}});
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

/// Every matching entry as CSV (UTF-8 with a BOM, so spreadsheet programs read the Chinese).
Response Export(Call& call) {
  const storage::AuditFilter f = FilterOf(call);
  std::string out = "\xEF\xBB\xBFseq,at,actor,actor_role,action,entity,entity_id,region_code,before,after,hash\n";
  int64_t rows = 0;
  for (int64_t offset = 0; offset < kExportMaxRows; offset += kExportPage) {
    auto page = call.store.audit().List(f, {offset, kExportPage, "seq", false});
    for (const auto& e : page.items) {
      for (const std::string& v : {std::to_string(e.seq), IsoTime(e.at), e.actor, e.actor_role,
                                   e.action, e.entity, e.entity_id, e.region_code, e.before_json,
                                   e.after_json}) {
        out += app::CsvField(v);
        out += ',';
      }
      out += e.hash;
      out += '\n';
      ++rows;
    }
    if (static_cast<int64_t>(page.items.size()) < kExportPage) break;
  }
  AuditTheAuditor(call, "audit.export", f, json{{"rows", rows}});
  Response r;
  r.content_type = "text/csv; charset=utf-8";
  r.body = std::move(out);
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"audit.csv\"");
  return r;
}

Response Verify(Call& call) {
  const auto r = certs::VerifyAuditTrail(call.store, &call.api.audit_key,
                                         call.api.config.audit_checkpoints, std::nullopt);
  AuditTheAuditor(call, "audit.verify", {}, json{{"ok", r.ok()}});
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
         {Role::kAuthority, Role::kAuditAdmin}, {"action", "entity", "from", "to", "page", "page_size", "sort"}});
  r.Add({"GET", "/api/v1/audit/export", Export, "audit",
         "every matching audit entry as CSV (audit administrator; the export is audited)", false,
         {Role::kAuditAdmin}, {"action", "entity", "from", "to"}});
  r.Add({"GET", "/api/v1/audit/verify", Verify, "audit", "walk the hash chain", false, {Role::kAuditAdmin}});
}

}  // namespace jixu::http
