#pragma once
// What the market's handlers and the older provider routes (classes, reports, imports) share:
// the refusal of a provider that may not operate (403 naming its status), and the JSON of a
// provider's standing.
#include "core/market/provider_status.hpp"
#include "core/storage/catalogue_repos.hpp"
#include "http/handlers/common.hpp"

namespace jixu::http {

/// Opaque id type letters of the market's resources.
inline constexpr char kApplicationId = 'q', kPublicSubjectId = 's', kTextbookId = 't',
                      kQualityListId = 'l', kClassIdType = 'k' /* classes.cpp's kClassId */;

/// 403 (code provider_<status>, field "provider") unless the provider is approved on today's
/// date. Call it with the write's store inside the write, so a suspension cannot slip between
/// the check and the write; also before it, to refuse early.
void RequireProviderOperating(const Call& call, storage::Store& store,
                              const std::string& provider_code, market::ProviderActivity activity);

/// The catalogue's ?q= as search terms (market::QueryTerms). A single Chinese character cannot
/// use the term index (it indexes pairs), so it comes back in `like`, to search titles with.
std::vector<std::string> CatalogueSearch(Call& call, std::string& like);

json StandingJson(const market::ProviderStanding& s, Date today);

/// An authority's step on a provider, as one write: checks the transition against the standing
/// in force (409 invalid_transition), decides the pending application (approve, return, reject),
/// stores the new standing with its history row and audit entry. Input already validated.
/// Returns the provider's file as it stands after the step.
json TakeProviderAction(Call& call, const records::Provider& p, market::ProviderAction action,
                        const std::string& reason, std::optional<Date> from, std::optional<Date> until);

}  // namespace jixu::http
