// Employers (scoped) and providers (public list of approved ones; authorities create and approve).
#include "core/validate/credit_code.hpp"
#include "http/handlers/common.hpp"
#include "http/handlers/market/standing.hpp"

namespace jixu::http {
namespace {

const std::vector<Role> kAuthorities = {Role::kAuthority, Role::kAdmin};

bool CanSeePending(const Caller& c) {
  return c.Is(Role::kAuthority) || c.Is(Role::kAdmin);
}

Response ListEmployers(Call& call) {
  storage::OrgQuery q;
  q.scope = call.caller.scope;
  q.region_prefix = QueryStr(call.req, "region");
  q.industry = QueryStr(call.req, "industry");
  q.name_contains = QueryStr(call.req, "name");
  q.name_or_code = QueryStr(call.req, "q");
  if (q.name_or_code.size() > 200) ThrowBadRequest("q", "搜索词过长", "q is too long");
  const storage::Page page = PageOf(call.req, {"name", "code", "region_code"});
  auto rows = call.store.queries().Employers(q, page);
  json items = json::array();
  for (const auto& e : rows.items) items.push_back(EmployerJson(call.api, e));
  return ListResponse(std::move(items), rows.total, page);
}

/// Reads code, name, region_code, type of an organisation; validates the code and region.
template <typename Org, typename ParseType>
Org ReadOrg(Call& call, FieldReader& f, ParseType parse_type) {
  Org o;
  if (auto v = f.Str("code", true, 18)) {
    auto ok = validate::ValidateCreditCode(*v);
    if (ok.ok()) o.code = ok.value(); else f.errors().push_back(ok.error());
  }
  if (auto v = f.Str("name", true, 200)) o.name = *v;
  if (auto v = f.Str("region_code", true, 6)) {
    auto ok = call.api.data->regions.Validate(*v);
    if (ok.ok()) o.region_code = *v; else f.errors().push_back(ok.error());
  }
  if (auto v = f.Str("type", false, 40)) {
    if (auto t = parse_type(*v)) o.type = *t;
    else f.Fail("type", "invalid_type", "未知的类型", "unknown type");
  }
  return o;
}

void CheckRegion(Call& call, const std::string& region_code) {
  const auto& prefix = call.caller.scope.region_prefix;
  if (region_code.rfind(prefix, 0) != 0) {
    throw ApiError(422, {MakeError("out_of_scope", "region_code", "只能登记本辖区的机构",
                                   "you may only register organisations in your region")});
  }
}

Response CreateEmployer(Call& call) {
  const json body = ParseBody(call.req);
  FieldReader f(body);
  auto e = ReadOrg<records::Employer>(call, f, records::ParseEmployerType);
  if (auto v = f.Str("industry", false, 50)) e.industry = *v;
  if (call.caller.Is(Role::kAuthority) && !call.caller.user.industry.empty()) {
    e.industry = call.caller.user.industry;
  }
  f.Finish();
  CheckRegion(call, e.region_code);
  call.api.writes.Run([&](storage::Store& s) {
    if (s.employers().FindByCode(e.code)) {
      ThrowConflict("employer_exists", "该单位已登记", "this employer is already registered");
    }
    s.employers().Upsert(std::span(&e, 1));
    e = *s.employers().FindByCode(e.code);
    Audit(s, call, "employer.create", "employer", call.api.ids.Encode(kEmployerId, e.id),
          {e.region_code, e.industry, e.code, ""}, nullptr, EmployerJson(call.api, e));
  });
  return JsonResponse(201, EmployerJson(call.api, e));
}

Response GetEmployer(Call& call) {
  const int64_t id = call.api.ids.Decode(kEmployerId, call.req.Param("id"));
  auto e = id ? call.store.queries().EmployerById(id) : std::nullopt;
  if (!e || !EmployerVisible(call, *e)) ThrowNotFound();
  return JsonResponse(200, EmployerJson(call.api, *e));
}

Response ListProviders(Call& call) {
  storage::OrgQuery q;
  q.region_prefix = QueryStr(call.req, "region");
  q.name_contains = QueryStr(call.req, "name");
  q.approved = true;
  if (CanSeePending(call.caller)) {
    const std::string a = QueryStr(call.req, "approved");
    q.approved = a == "false" ? std::optional<bool>(false) : a == "all" ? std::nullopt : std::optional<bool>(true);
  }
  const storage::Page page = PageOf(call.req, {"name", "code", "region_code"});
  auto rows = call.store.queries().Providers(q, page);
  json items = json::array();
  for (const auto& p : rows.items) {
    json j = ProviderJson(call.api, p, call.store.queries().ProviderApproved(p.code));
    // Suspended providers stay on the public list, marked (issue 11).
    if (auto s = call.store.market().lifecycle().Standing(p.code)) {
      j["status"] = std::string(market::ProviderStatusCode(market::EffectiveStatus(*s, call.api.clock->Today())));
    }
    items.push_back(std::move(j));
  }
  return ListResponse(std::move(items), rows.total, page);
}

Response GetProvider(Call& call) {
  const int64_t id = call.api.ids.Decode(kProviderId, call.req.Param("id"));
  auto p = id ? call.store.queries().ProviderById(id) : std::nullopt;
  if (!p) ThrowNotFound();
  const bool approved = call.store.queries().ProviderApproved(p->code);
  const bool own = call.caller.Is(Role::kProviderAdmin) && call.caller.user.provider_code == p->code;
  if (!approved && !own && !CanSeePending(call.caller)) ThrowNotFound();
  json j = ProviderJson(call.api, *p, approved);
  if (auto s = call.store.market().lifecycle().Standing(p->code)) {
    j["status"] = std::string(market::ProviderStatusCode(market::EffectiveStatus(*s, call.api.clock->Today())));
  }
  return JsonResponse(200, j);
}

Response CreateProvider(Call& call) {
  const json body = ParseBody(call.req);
  FieldReader f(body);
  auto p = ReadOrg<records::Provider>(call, f, records::ParseProviderType);
  f.Finish();
  CheckRegion(call, p.region_code);
  call.api.writes.Run([&](storage::Store& s) {
    if (s.providers().FindByCode(p.code)) {
      ThrowConflict("provider_exists", "该机构已登记", "this provider is already registered");
    }
    s.providers().Upsert(std::span(&p, 1));
    s.queries().SetProviderApproved(p.code, false);  // listed publicly once approved
    p = *s.providers().FindByCode(p.code);
    Audit(s, call, "provider.create", "provider", call.api.ids.Encode(kProviderId, p.id),
          {p.region_code, "", "", p.code}, nullptr, ProviderJson(call.api, p, false));
  });
  return JsonResponse(201, ProviderJson(call.api, p, false));
}

/// The older one-switch approval, kept for its callers: approved=true approves a pending
/// provider (or reinstates a suspended one), approved=false suspends it from today with the
/// reason given. Both go through the lifecycle (market/provider_lifecycle.cpp).
Response ApproveProvider(Call& call) {
  const int64_t id = call.api.ids.Decode(kProviderId, call.req.Param("id"));
  auto p = id ? call.store.queries().ProviderById(id) : std::nullopt;
  if (!p || p->region_code.rfind(call.caller.scope.region_prefix, 0) != 0) ThrowNotFound();
  const json body = ParseBody(call.req);
  FieldReader f(body);
  const bool approved = f.Bool("approved", false).value_or(true);
  const std::string reason = f.Str("reason", !approved, 500).value_or("");
  f.Finish();
  using market::ProviderAction;
  const auto standing = call.store.market().lifecycle().Standing(p->code).value_or(market::ProviderStanding{});
  const auto now = market::EffectiveStatus(standing, call.api.clock->Today());
  const ProviderAction action = !approved ? ProviderAction::kSuspend
                                : now == market::ProviderStatus::kSuspended ? ProviderAction::kReinstate
                                                                            : ProviderAction::kApprove;
  TakeProviderAction(call, *p, action, reason,
                     action == ProviderAction::kSuspend ? std::optional<Date>(call.api.clock->Today()) : std::nullopt,
                     std::nullopt);
  return JsonResponse(200, ProviderJson(call.api, *p, true));
}

}  // namespace

bool EmployerVisible(Call& call, const records::Employer& e) {
  const auto& s = call.caller.scope;
  if (!s.provider_code.empty()) return false;
  if (s.person_id != 0) {
    auto p = call.store.persons().FindById(s.person_id);
    return p && p->employer_code == e.code;
  }
  if (!s.employer_code.empty() && s.employer_code != e.code) return false;
  if (e.region_code.rfind(s.region_prefix, 0) != 0) return false;
  return s.industry.empty() || s.industry == e.industry;
}

void AddOrgRoutes(Router& r) {
  r.Add({"GET", "/api/v1/employers", ListEmployers, "employers", "employers in the caller's scope",
         false, {Role::kEmployerAdmin, Role::kAuthority, Role::kAdmin},
         {"region", "industry", "name", "q", "page", "page_size", "sort"}});
  r.Add({"POST", "/api/v1/employers", CreateEmployer, "employers", "register an employer", false,
         kAuthorities, {}, "json"});
  r.Add({"GET", "/api/v1/employers/{id}", GetEmployer, "employers", "one employer"});
  r.Add({"GET", "/api/v1/providers", ListProviders, "providers",
         "approved providers (public); authorities may list pending ones", true, {},
         {"region", "name", "approved", "page", "page_size", "sort"}});
  r.Add({"POST", "/api/v1/providers", CreateProvider, "providers",
         "register a provider (pending approval)", false, kAuthorities, {}, "json"});
  r.Add({"GET", "/api/v1/providers/{id}", GetProvider, "providers", "one provider", true});
  r.Add({"POST", "/api/v1/providers/{id}/approve", ApproveProvider, "providers",
         "approve (or suspend) a provider", false, kAuthorities, {}, "json"});
}

}  // namespace jixu::http
