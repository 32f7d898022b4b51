// The provider lifecycle (issue 11 item 1, seed Art. 14): a provider applies with its licence,
// scope, teachers and facilities (structured fields and uploaded files); an authority of its
// region approves, returns for changes or rejects, with a reason; suspends (with dates) or
// revokes it, and reinstates a suspended one. Every step is one write with its history row and
// audit entry. While suspended or revoked a provider can neither open classes nor report hours
// (standing.hpp); what it reported before stays.
#include <array>

#include "app/crypto.hpp"
#include "http/handlers/market/standing.hpp"

namespace jixu::http {
namespace {

using market::ProviderAction;
using market::ProviderStatus;

const std::vector<Role> kAuthorities = {Role::kAuthority, Role::kAdmin};
constexpr std::array<std::string_view, 5> kDocumentKinds = {"licence", "scope", "teachers",
                                                            "facilities", "other"};
constexpr size_t kMaxDocuments = 20;
constexpr size_t kMaxReason = 500;
constexpr size_t kMaxText = 4000;

bool KnownKind(std::string_view k) {
  return std::find(kDocumentKinds.begin(), kDocumentKinds.end(), k) != kDocumentKinds.end();
}

/// The provider with this opaque id if the caller may see its file: an authority of its region,
/// the admin, or its own provider admin. 404 otherwise.
records::Provider LoadVisibleProvider(Call& call) {
  const int64_t id = call.api.ids.Decode(kProviderId, call.req.Param("id"));
  auto p = id ? call.store.queries().ProviderById(id) : std::nullopt;
  if (!p) ThrowNotFound();
  const auto& c = call.caller;
  const bool own = c.Is(Role::kProviderAdmin) && c.user.provider_code == p->code;
  const bool authority = (c.Is(Role::kAuthority) || c.Is(Role::kAdmin)) &&
                         p->region_code.rfind(c.scope.region_prefix, 0) == 0;
  if (!own && !authority) ThrowNotFound();
  return *p;
}

AuditPlace PlaceOf(const records::Provider& p) { return {p.region_code, "", "", p.code}; }

json DocumentJson(const storage::ProviderDocument& d, size_t n) {
  return json{{"n", n}, {"kind", d.kind}, {"sha256", d.sha256}, {"filename", d.filename},
              {"mime", d.mime}, {"size", d.size}};
}

json ApplicationJson(const Api& api, const storage::ProviderApplication& a) {
  json docs = json::array();
  for (size_t i = 0; i < a.documents.size(); ++i) docs.push_back(DocumentJson(a.documents[i], i));
  return json{{"id", api.ids.Encode(kApplicationId, a.id)},
              {"provider_code", a.provider_code},
              {"submitted_at", IsoTime(a.submitted_at)},
              {"submitted_by", a.submitted_by},
              {"licence_no", a.licence_no},
              {"licence_issuer", a.licence_issuer},
              {"licence_valid_until", a.licence_valid_until ? json(a.licence_valid_until->ToString()) : json(nullptr)},
              {"scope", a.scope},
              {"full_time_teachers", a.full_time_teachers},
              {"part_time_teachers", a.part_time_teachers},
              {"teachers", a.teachers},
              {"facilities", a.facilities},
              {"documents", docs},
              {"status", std::string(storage::ApplicationStatusCode(a.status))},
              {"decided_by", a.decided_by},
              {"decided_at", a.decided_at ? json(IsoTime(a.decided_at)) : json(nullptr)},
              {"reason", a.reason}};
}

json EventJson(const storage::ProviderEvent& e) {
  return json{{"at", IsoTime(e.at)},
              {"actor", e.actor},
              {"action", std::string(market::ProviderActionCode(e.action))},
              {"status", std::string(market::ProviderStatusCode(e.status))},
              {"reason", e.reason},
              {"from", e.from ? json(e.from->ToString()) : json(nullptr)},
              {"until", e.until ? json(e.until->ToString()) : json(nullptr)}};
}

json ProviderFileJson(Call& call, storage::Store& s, const records::Provider& p) {
  auto& repo = s.market().lifecycle();
  const auto standing = repo.Standing(p.code).value_or(market::ProviderStanding{});
  json j = ProviderJson(call.api, p, market::EffectiveStatus(standing, call.api.clock->Today()) != ProviderStatus::kPending);
  j["standing"] = StandingJson(standing, call.api.clock->Today());
  j["applications"] = json::array();
  for (const auto& a : repo.Applications(p.code)) j["applications"].push_back(ApplicationJson(call.api, a));
  j["events"] = json::array();
  for (const auto& e : repo.Events(p.code)) j["events"].push_back(EventJson(e));
  return j;
}

Response List(Call& call) {
  storage::ProviderStandingQuery q;
  q.region_prefix = call.caller.scope.region_prefix;
  if (auto r = QueryStr(call.req, "region"); !r.empty()) {
    // Narrower than the scope: that region; wider: the scope; elsewhere: nothing.
    if (r.rfind(q.region_prefix, 0) == 0) q.region_prefix = r;
    else if (q.region_prefix.rfind(r, 0) != 0) q.region_prefix = "-";
  }
  q.name_contains = QueryStr(call.req, "name");
  if (auto st = QueryStr(call.req, "status"); !st.empty()) {
    q.status = market::ParseProviderStatus(st);
    if (!q.status) ThrowBadRequest("status", "未知的机构状态", "unknown provider status");
  }
  const storage::Page page = PageOf(call.req, {"name", "code", "changed_at"});
  auto rows = call.store.market().lifecycle().List(q, page);
  const Date today = call.api.clock->Today();
  json items = json::array();
  for (const auto& row : rows.items) {
    json j = ProviderJson(call.api, row.provider, row.standing.status != ProviderStatus::kPending);
    j["standing"] = StandingJson(row.standing, today);
    j["changed_at"] = row.changed_at ? json(IsoTime(row.changed_at)) : json(nullptr);
    j["pending_application"] = row.pending_application
                                   ? json(call.api.ids.Encode(kApplicationId, row.pending_application))
                                   : json(nullptr);
    items.push_back(std::move(j));
  }
  return ListResponse(std::move(items), rows.total, page);
}

Response Get(Call& call) {
  const auto p = LoadVisibleProvider(call);
  return JsonResponse(200, ProviderFileJson(call, call.store, p));
}

/// The caller's own provider's file (a provider admin).
Response Mine(Call& call) {
  auto p = call.store.providers().FindByCode(call.caller.user.provider_code);
  if (!p) ThrowNotFound();
  return JsonResponse(200, ProviderFileJson(call, call.store, *p));
}

/// The request body as an application document: PDF/JPEG/PNG by its first bytes, within the
/// evidence size limit, stored once per hash. The application names it by sha256.
Response UploadDocument(Call& call) {
  const std::string& body = call.req.body;
  const storage::EvidenceFile file = ReadUploadedFile(call, "document");
  const std::string& sha = file.sha256;
  const std::string& mime = file.mime;
  const std::string& filename = file.filename;
  call.api.writes.Run([&](storage::Store& s) { s.evidence().PutBlob(sha, mime, body); });
  return JsonResponse(201, json{{"sha256", sha}, {"mime", mime}, {"size", body.size()}, {"filename", filename}});
}

std::vector<storage::ProviderDocument> ReadDocuments(Call& call, const json& body, FieldReader& f) {
  std::vector<storage::ProviderDocument> out;
  if (!body.contains("documents")) return out;
  const json& list = body["documents"];
  if (!list.is_array() || list.size() > kMaxDocuments) {
    f.Fail("documents", "invalid_documents", "documents 须为至多20个已上传文件的列表",
           "documents must be a list of at most 20 uploaded files");
    return out;
  }
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string field = "documents[" + std::to_string(i) + "]";
    const json& d = list[i];
    auto text = [&](const char* key) {
      return d.is_object() && d.contains(key) && d[key].is_string() ? d[key].get<std::string>() : std::string();
    };
    const std::string kind = text("kind"), sha = text("sha256");
    std::string filename = text("filename");
    if (!KnownKind(kind)) {
      f.errors().push_back(MakeError("invalid_kind", field + ".kind",
                                     "材料类别须为 licence、scope、teachers、facilities 或 other",
                                     "kind must be licence, scope, teachers, facilities or other"));
      continue;
    }
    auto blob = sha.size() == 64 ? call.store.evidence().GetBlob(sha) : std::nullopt;
    if (!blob) {
      f.errors().push_back(MakeError("unknown_document", field + ".sha256", "材料未上传或已失效，请重新上传",
                                     "the file was not uploaded; upload it again"));
      continue;
    }
    if (filename.empty()) filename = kind;
    if (filename.size() > 200) filename.resize(200);
    out.push_back({kind, sha, filename, blob->second, static_cast<int64_t>(blob->first.size())});
  }
  return out;
}

/// A provider submits (or resubmits) its application.
Response Apply(Call& call) {
  auto provider = call.store.providers().FindByCode(call.caller.user.provider_code);
  if (!provider) ThrowNotFound();
  const json body = ParseBody(call.req);
  FieldReader f(body);
  storage::ProviderApplication a;
  a.provider_code = provider->code;
  a.submitted_at = call.now;
  a.submitted_by = call.caller.actor();
  if (auto v = f.Str("licence_no", true, 100)) a.licence_no = *v;
  if (auto v = f.Str("licence_issuer", false, 200)) a.licence_issuer = *v;
  a.licence_valid_until = f.DateField("licence_valid_until", false);
  if (a.licence_valid_until && *a.licence_valid_until < call.api.clock->Today()) {
    f.Fail("licence_valid_until", "licence_expired", "办学许可证已过期", "the licence has expired");
  }
  if (auto v = f.Str("scope", true, kMaxText)) a.scope = *v;
  a.full_time_teachers = f.Int("full_time_teachers", false, 0, 100000).value_or(0);
  a.part_time_teachers = f.Int("part_time_teachers", false, 0, 100000).value_or(0);
  if (auto v = f.Str("teachers", false, kMaxText)) a.teachers = *v;
  if (auto v = f.Str("facilities", false, kMaxText)) a.facilities = *v;
  a.documents = ReadDocuments(call, body, f);
  f.Finish();
  call.api.writes.Run([&](storage::Store& s) {
    auto& repo = s.market().lifecycle();
    const auto before = repo.Standing(a.provider_code).value_or(market::ProviderStanding{});
    for (const auto& old : repo.Applications(a.provider_code)) {
      if (old.status == storage::ApplicationStatus::kPending) {
        ThrowConflict("application_pending", "已有待审核的申请", "an application is already awaiting review");
      }
    }
    const auto current = market::EffectiveStatus(before, call.api.clock->Today());
    if (auto e = market::CheckTransition(current, ProviderAction::kApply)) throw ApiError(409, {*e});
    a.id = repo.AddApplication(a);
    repo.SetStanding(a.provider_code, {ProviderStatus::kPending, "", {}, {}}, call.now, call.caller.actor());
    storage::ProviderEvent ev;
    ev.provider_code = a.provider_code;
    ev.at = call.now;
    ev.actor = call.caller.actor();
    ev.action = ProviderAction::kApply;
    ev.status = ProviderStatus::kPending;
    ev.application_id = a.id;
    repo.AddEvent(ev);
    Audit(s, call, "provider.apply", "provider", call.api.ids.Encode(kProviderId, provider->id),
          PlaceOf(*provider), StandingJson(before, call.api.clock->Today()), ApplicationJson(call.api, a));
  });
  return JsonResponse(201, ApplicationJson(call.api, a));
}

bool NeedsReason(ProviderAction a) {
  return a == ProviderAction::kReturn || a == ProviderAction::kReject ||
         a == ProviderAction::kSuspend || a == ProviderAction::kRevoke;
}

}  // namespace

json TakeProviderAction(Call& call, const records::Provider& p, ProviderAction action,
                        const std::string& reason, std::optional<Date> from, std::optional<Date> until) {
  const Date today = call.api.clock->Today();
  market::ProviderStanding after{market::StatusAfter(action), reason, from, until};
  json file;
  call.api.writes.Run([&](storage::Store& s) {
    auto& repo = s.market().lifecycle();
    const auto before = repo.Standing(p.code).value_or(market::ProviderStanding{});
    auto current = market::EffectiveStatus(before, today);
    // A suspension dated later can be lifted before it begins.
    if (action == ProviderAction::kReinstate && before.status == ProviderStatus::kSuspended) {
      current = ProviderStatus::kSuspended;
    }
    if (auto e = market::CheckTransition(current, action)) throw ApiError(409, {*e});
    int64_t application = 0;
    if (action == ProviderAction::kApprove || action == ProviderAction::kReturn ||
        action == ProviderAction::kReject) {
      const auto decision = action == ProviderAction::kApprove  ? storage::ApplicationStatus::kApproved
                            : action == ProviderAction::kReturn ? storage::ApplicationStatus::kReturned
                                                                 : storage::ApplicationStatus::kRejected;
      for (const auto& a : repo.Applications(p.code)) {
        if (a.status == storage::ApplicationStatus::kPending) {
          repo.DecideApplication(a.id, decision, call.caller.actor(), call.now, reason);
          application = a.id;
        }
      }
    }
    repo.SetStanding(p.code, after, call.now, call.caller.actor());
    storage::ProviderEvent ev;
    ev.provider_code = p.code;
    ev.at = call.now;
    ev.actor = call.caller.actor();
    ev.action = action;
    ev.status = after.status;
    ev.reason = reason;
    ev.from = from;
    ev.until = until;
    ev.application_id = application;
    repo.AddEvent(ev);
    Audit(s, call, "provider." + std::string(market::ProviderActionCode(action)), "provider",
          call.api.ids.Encode(kProviderId, p.id), PlaceOf(p), StandingJson(before, today),
          StandingJson(after, today));
    file = ProviderFileJson(call, s, p);  // read inside the write: what was just written
  });
  return file;
}

namespace {

/// An authority's step: approve | return | reject (the pending application) | suspend |
/// reinstate | revoke, with a reason (required but for approve and reinstate) and dates.
Response Act(Call& call) {
  const auto p = LoadVisibleProvider(call);
  if (!call.caller.Is(Role::kAuthority) && !call.caller.Is(Role::kAdmin)) ThrowForbidden();
  const json body = ParseBody(call.req);
  FieldReader f(body);
  std::optional<ProviderAction> action;
  if (auto v = f.Str("action", true, 20)) {
    action = market::ParseProviderAction(*v);
    if (!action || *action == ProviderAction::kApply) {
      f.Fail("action", "invalid_action", "操作须为 approve、return、reject、suspend、reinstate 或 revoke",
             "action must be approve, return, reject, suspend, reinstate or revoke");
      action.reset();
    }
  }
  const bool reason_required = action && NeedsReason(*action);
  std::string reason = f.Str("reason", reason_required, kMaxReason).value_or("");
  if (reason_required && reason.find_first_not_of(" \t\r\n") == std::string::npos && f.errors().empty()) {
    f.Fail("reason", "required", "请填写理由", "a reason is required");
  }
  const Date today = call.api.clock->Today();
  const bool dated = action && (*action == ProviderAction::kSuspend || *action == ProviderAction::kRevoke);
  std::optional<Date> from = dated ? f.DateField("from", false) : std::nullopt;
  std::optional<Date> until;
  if (action && *action == ProviderAction::kSuspend) until = f.DateField("until", false);
  if (dated && !from) from = today;
  if (from && until && *until < *from) {
    f.Fail("until", "invalid_range", "结束日期早于开始日期", "until is before from");
  }
  if (until && *until < today) f.Fail("until", "past_date", "暂停结束日期已过", "until is in the past");
  f.Finish();
  return JsonResponse(200, TakeProviderAction(call, p, *action, reason, from, until));
}

/// One document of an application, to its provider and the authorities over it.
Response Document(Call& call) {
  const int64_t id = call.api.ids.Decode(kApplicationId, call.req.Param("id"));
  auto a = id ? call.store.market().lifecycle().Application(id) : std::nullopt;
  if (!a) ThrowNotFound();
  auto p = call.store.providers().FindByCode(a->provider_code);
  if (!p) ThrowNotFound();
  const auto& c = call.caller;
  const bool own = c.Is(Role::kProviderAdmin) && c.user.provider_code == p->code;
  const bool authority = (c.Is(Role::kAuthority) || c.Is(Role::kAdmin)) &&
                         p->region_code.rfind(c.scope.region_prefix, 0) == 0;
  if (!own && !authority) ThrowNotFound();
  const std::string& n = call.req.Param("n");
  size_t index = a->documents.size();
  if (!n.empty() && n.size() < 4 && n.find_first_not_of("0123456789") == std::string::npos) index = std::stoul(n);
  if (index >= a->documents.size()) ThrowNotFound();
  auto blob = call.store.evidence().GetBlob(a->documents[index].sha256);
  if (!blob) ThrowNotFound();
  Response r;
  r.content_type = blob->second;
  r.body = std::move(blob->first);
  r.headers.emplace_back("Content-Disposition", "attachment");
  return r;
}

}  // namespace

void AddMarketProviderRoutes(Router& r) {
  r.Add({"GET", "/api/v1/market/providers", List, "market",
         "providers with their standing in the authority's region (status filter)", false,
         kAuthorities, {"status", "name", "region", "page", "page_size", "sort"}});
  r.Add({"GET", "/api/v1/market/providers/{id}", Get, "market",
         "a provider's file: standing, applications with documents, history", false,
         {Role::kAuthority, Role::kAdmin, Role::kProviderAdmin}});
  r.Add({"POST", "/api/v1/market/providers/{id}/actions", Act, "market",
         "approve | return | reject the pending application, suspend {from, until} | reinstate | "
         "revoke {from}, with a reason",
         false, kAuthorities, {}, "json"});
  r.Add({"GET", "/api/v1/market/my-provider", Mine, "market",
         "the caller's own provider file (a provider admin)", false, {Role::kProviderAdmin}});
  r.Add({"POST", "/api/v1/market/applications", Apply, "market",
         "apply (or re-apply) for approval {licence_no, scope, teachers, facilities, documents[]}",
         false, {Role::kProviderAdmin}, {}, "json"});
  r.Add({"POST", "/api/v1/market/documents", UploadDocument, "market",
         "upload an application document (PDF/JPEG/PNG, raw body); the application names it by sha256",
         false, {Role::kProviderAdmin}, {"filename"}, "binary"});
  r.Add({"GET", "/api/v1/market/applications/{id}/documents/{n}", Document, "market",
         "download one document of an application", false,
         {Role::kAuthority, Role::kAdmin, Role::kProviderAdmin}});
}

}  // namespace jixu::http
