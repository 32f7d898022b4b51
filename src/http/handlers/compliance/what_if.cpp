// Policy what-if (政策模拟): POST /api/v1/compliance/what-if. An authority weighing a new rule runs
// its scope's compliance for a year under a candidate policy — a loaded one by id, or TOML text
// that may `extends` a loaded one — beside the policy in force for each person. Nothing is
// written; ID numbers in the list of who flips are masked. docs/policies.md#what-if.
#include <algorithm>
#include <chrono>

#include "app/what_if/what_if.hpp"
#include "core/validate/id_number.hpp"
#include "http/handlers/common.hpp"
#include "http/handlers/people/scoped_filter.hpp"

namespace jixu::http {
namespace {

constexpr size_t kMaxFlips = 500;
constexpr size_t kMaxEmployers = 100;
constexpr size_t kMaxPolicyBytes = 64 * 1024;

json TallyJson(const app::WhatIfTally& t) {
  return json{{"persons", t.persons},
              {"compliant_before", t.compliant_before},
              {"compliant_after", t.compliant_after},
              {"exempt_before", t.exempt_before},
              {"exempt_after", t.exempt_after},
              {"changed", t.changed},
              {"to_compliant", t.to_compliant},
              {"from_compliant", t.from_compliant}};
}

json Groups(const std::map<std::string, app::WhatIfTally>& m,
            const std::function<void(const std::string&, json&)>& label) {
  json out = json::array();
  for (const auto& [code, t] : m) {
    json j = TallyJson(t);
    j["code"] = code;
    label(code, j);
    out.push_back(std::move(j));
  }
  return out;
}

std::shared_ptr<const policy::Policy> Candidate(Call& call, const json& body) {
  const json* id = body.contains("policy_id") ? &body["policy_id"] : nullptr;
  const json* text = body.contains("policy_toml") ? &body["policy_toml"] : nullptr;
  if ((id == nullptr) == (text == nullptr)) {
    ThrowBadRequest("policy_id", "请选择一项已加载的策略（policy_id）或提供候选策略文本（policy_toml），二者选一",
                    "give either policy_id (a loaded policy) or policy_toml (a candidate policy's text)");
  }
  if (id != nullptr) {
    if (!id->is_string()) ThrowBadRequest("policy_id", "policy_id 须为字符串", "policy_id must be a string");
    const policy::Policy* p = call.api.data->policies.Find(id->get<std::string>());
    if (p == nullptr) {
      ThrowBadRequest("policy_id", "策略 " + id->get<std::string>() + " 不存在",
                      "no policy " + id->get<std::string>() + " is loaded", "unknown_policy");
    }
    // The loaded set outlives the request: a non-owning pointer.
    return std::shared_ptr<const policy::Policy>(std::shared_ptr<const policy::Policy>(), p);
  }
  if (!text->is_string() || text->get<std::string>().empty()) {
    ThrowBadRequest("policy_toml", "候选策略文本不能为空", "policy_toml must be a non-empty string");
  }
  if (text->get<std::string>().size() > kMaxPolicyBytes) {
    ThrowBadRequest("policy_toml", "候选策略文本不得超过64 KB", "policy_toml must be at most 64 KB");
  }
  auto candidate = app::CandidatePolicy(*call.api.data, text->get<std::string>());
  if (!candidate) {
    Error e = candidate.error();
    e.field = "policy_toml";
    throw ApiError(400, {std::move(e)});
  }
  return std::move(candidate).value();
}

Response WhatIf(Call& call) {
  const int year = YearParam(call);
  const json body = ParseBody(call.req);
  if (!body.is_object()) ThrowBadRequest("body", "请求体须为 JSON 对象", "the body must be a JSON object");
  const std::shared_ptr<const policy::Policy> candidate = Candidate(call, body);
  const storage::PersonFilter filter = ScopedPersonFilter(call);
  const size_t region_len = filter.region_prefix.size() < 2 ? 2 : filter.region_prefix.size() < 4 ? 4 : 6;

  const auto started = std::chrono::steady_clock::now();
  app::ComplianceService in_force(call.store, call.api.data->policies, call.api.clock);
  app::ComplianceService forced(call.store, call.api.data->policies, call.api.clock);
  forced.ForcePolicy(candidate.get());
  app::WhatIfResult r;
  {
    // Both scans see one state of the registry.
    storage::ReadScopePtr snapshot = call.store.ReadSnapshot();
    r = app::RunWhatIf(in_force, forced, year, filter, region_len, kMaxFlips);
  }
  const auto& regions = call.api.data->regions;
  json by_region = Groups(r.by_region, [&](const std::string& code, json& j) {
    if (auto name = regions.NameOfPrefix(code); !name.empty()) j["label_zh"] = name;
  });
  json by_field = Groups(r.by_field, [](const std::string&, json&) {});
  json by_title = Groups(r.by_title_level, [](const std::string&, json&) {});
  // Employers whose staff change, most changes first.
  std::vector<std::pair<std::string, app::WhatIfTally>> changed;
  for (const auto& [code, t] : r.by_employer) {
    if (t.changed > 0) changed.emplace_back(code, t);
  }
  std::stable_sort(changed.begin(), changed.end(),
                   [](const auto& a, const auto& b) { return a.second.changed > b.second.changed; });
  const size_t employers_changed = changed.size();
  if (changed.size() > kMaxEmployers) changed.resize(kMaxEmployers);
  json employers = json::array();
  for (const auto& [code, t] : changed) {
    json j = TallyJson(t);
    j["code"] = code;
    if (code.empty()) {
      j["name"] = nullptr;
    } else if (auto e = call.store.employers().FindByCode(code)) {
      j["name"] = e->name;
    } else {
      j["name"] = nullptr;
    }
    employers.push_back(std::move(j));
  }
  json flips = json::array();
  for (const auto& f : r.flips) {
    flips.push_back({{"person_id", call.api.ids.Encode(kPersonId, f.person.person_id)},
                     {"name", f.person.name},
                     {"id_number", validate::MaskIdNumber(f.person.id_number)},
                     {"employer_code", f.person.employer_code},
                     {"region_code", f.person.region_code},
                     {"field", f.person.field},
                     {"title_level", std::string(records::TitleLevelCode(f.person.title_level))},
                     {"policy_before", f.policy_before},
                     {"status_before", std::string(compliance::StatusCode(f.before))},
                     {"status_after", std::string(compliance::StatusCode(f.after))},
                     {"counted_before", f.counted_before.ToDouble()},
                     {"counted_after", f.counted_after.ToDouble()},
                     {"required_before", f.required_before.ToDouble()},
                     {"required_after", f.required_after.ToDouble()}});
  }
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - started).count();
  return JsonResponse(200, json{
      {"year", year},
      {"region", filter.region_prefix == "x" ? std::string() : filter.region_prefix},
      {"candidate", {{"id", candidate->id()}, {"name_zh", candidate->name_zh()}, {"name_en", candidate->name_en()}}},
      {"policies_before", r.policies_before},
      {"before", r.before},
      {"after", r.after},
      {"total", TallyJson(r.total)},
      {"by_region", by_region},
      {"by_field", by_field},
      {"by_title_level", by_title},
      {"employers", employers},
      {"employers_changed", employers_changed},
      {"flips", flips},
      {"flips_total", r.total.changed},
      {"flips_shown", flips.size()},
      {"elapsed_ms", ms}});
}

}  // namespace

void AddWhatIfRoutes(Router& r) {
  r.Add({"POST", "/api/v1/compliance/what-if", WhatIf, "compliance",
         "policy what-if: the scope's compliance for ?year= under a candidate policy ({policy_id} or "
         "{policy_toml}) beside the policy in force; nothing is written",
         false, {Role::kAuthority, Role::kAdmin}, {"year", "region", "field", "title_level"}, "json"});
}

}  // namespace jixu::http
