// Policies in force (read only): the files under policies/ as the engine parsed them.
#include "http/handlers/common.hpp"

namespace jixu::http {
namespace {

json PolicyJson(const policy::Policy& p) {
  const auto& rules = p.rules();
  json forms = json::array();
  for (auto f : rules.authority_review_forms) forms.push_back(std::string(records::FormCode(f)));
  json evidence = json::array();
  for (auto f : rules.evidence_forms) evidence.push_back(std::string(records::FormCode(f)));
  json daily = json::object();
  for (int f = 0; f < records::kFormCount; ++f) {
    if (const auto& max = rules.declare_max_per_day[f]) {
      daily[std::string(records::FormCode(static_cast<records::Form>(f)))] = max->ToDouble();
    }
  }
  return json{{"id", p.id()}, {"name_zh", p.name_zh()}, {"name_en", p.name_en()},
              {"description", p.description()}, {"legal_source", p.legal_source()},
              {"default", p.is_default()}, {"uses_credits", p.UsesCredits()},
              {"scope", {{"region_prefix", p.scope().region_prefix}, {"field", p.scope().field},
                         {"from_year", p.scope().from_year}, {"to_year", p.scope().to_year}}},
              {"cycle_years", rules.requirement.cycle_years},
              {"authority_review_forms", forms},
              {"evidence_forms", evidence},
              {"max_hours_per_day", daily}};
}

Response List(Call& call) {
  json items = json::array();
  for (const auto& p : call.api.data->policies.all()) items.push_back(PolicyJson(*p));
  const int64_t n = static_cast<int64_t>(items.size());
  return ListResponse(std::move(items), n, {0, std::max<int64_t>(n, 1)});
}

Response Get(Call& call) {
  const auto* p = call.api.data->policies.Find(call.req.Param("id"));
  if (p == nullptr) ThrowNotFound();
  return JsonResponse(200, PolicyJson(*p));
}

}  // namespace

void AddPolicyRoutes(Router& r) {
  r.Add({"GET", "/api/v1/policies", List, "policies", "the policies loaded"});
  r.Add({"GET", "/api/v1/policies/{id}", Get, "policies", "one policy"});
}

}  // namespace jixu::http
