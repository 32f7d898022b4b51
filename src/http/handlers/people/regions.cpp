// The region table one level at a time, for the UI's 省/市/县 cascader: the names come from the
// same GB/T 2260 table the API validates codes against (data/regions.csv).
#include "http/handlers/common.hpp"
#include "http/handlers/people/people_routes.hpp"

namespace jixu::http {
namespace {

Response Regions(Call& call) {
  const std::string parent = QueryStr(call.req, "parent");
  if (!parent.empty() && ((parent.size() != 2 && parent.size() != 4) ||
                          parent.find_first_not_of("0123456789") != std::string::npos)) {
    ThrowBadRequest("parent", "上级区划须为2位（省）或4位（市）数字前缀",
                    "parent must be a 2-digit (province) or 4-digit (city) prefix");
  }
  json items = json::array();
  for (const auto& [prefix, name] : call.api.data->regions.ChildrenOf(parent)) {
    items.push_back({{"prefix", prefix},
                     {"code", prefix + std::string(6 - prefix.size(), '0')},
                     {"name", name},
                     {"level", prefix.size() == 2 ? "province" : prefix.size() == 4 ? "city" : "county"},
                     {"leaf", prefix.size() == 6}});
  }
  const int64_t n = static_cast<int64_t>(items.size());
  return ListResponse(std::move(items), n, {0, std::max<int64_t>(n, 1)});
}

}  // namespace

void AddRegionRoutes(Router& r) {
  r.Add({"GET", "/api/v1/regions", Regions, "regions",
         "GB/T 2260 divisions one level below ?parent= (none: provinces; 2 digits: its cities; "
         "4 digits: its counties)",
         false, {}, {"parent"}});
}

void AddPeopleRoutes(Router& r) {
  AddPersonsComplianceRoutes(r);
  AddEmployerRankingRoutes(r);
  AddTransferRoutes(r);
  AddRegionRoutes(r);
}

}  // namespace jixu::http
