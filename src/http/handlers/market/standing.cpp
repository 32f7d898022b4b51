#include "http/handlers/market/standing.hpp"

namespace jixu::http {

void RequireProviderOperating(const Call& call, storage::Store& store,
                              const std::string& provider_code, market::ProviderActivity activity) {
  auto standing = store.market().lifecycle().Standing(provider_code);
  if (!standing) ThrowNotFound();
  if (auto refusal = market::CheckMayOperate(*standing, call.api.clock->Today(), activity)) {
    throw ApiError(403, {*refusal});
  }
}

json StandingJson(const market::ProviderStanding& s, Date today) {
  const auto effective = market::EffectiveStatus(s, today);
  return json{{"status", std::string(market::ProviderStatusCode(effective))},
              {"status_zh", std::string(market::ProviderStatusZh(effective))},
              {"stored_status", std::string(market::ProviderStatusCode(s.status))},
              {"reason", s.reason},
              {"from", s.from ? json(s.from->ToString()) : json(nullptr)},
              {"until", s.until ? json(s.until->ToString()) : json(nullptr)},
              {"may_operate", effective == market::ProviderStatus::kApproved}};
}

}  // namespace jixu::http
